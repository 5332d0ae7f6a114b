import { escapeHelp } from '../exposition/escape';
// What a client-library dry run shows, without running anything of the user's code: the request
// the call would make (method, URL, grouping key) and the metric families the pushed registry
// declares, as HELP and TYPE lines of an exposition document (their values exist only when the
// code runs). Read into an untitled exposition document, it gets the linter and outline of one.
import { formatGroupingLabels } from '../protocol/labelText';
import { ClientMetricType, ClientPushSite, DeclaredMetric, siteGatewayUrl, siteGroupingLabels, siteUrl } from './clientSite';

/** The text format's type of each kind: Python's Info and Enum are exposed as gauges. */
const EXPOSED_TYPE: Readonly<Record<ClientMetricType, string>> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  info: 'gauge',
  enum: 'gauge',
};

export function clientDryRunText(site: ClientPushSite, fileName: string): string {
  const lines = [`# Dry run of ${site.call} at ${fileName}:${site.line + 1}: nothing of the code was run, nothing was sent.`];
  const url = siteUrl(site);
  const gateway = siteGatewayUrl(site) ?? `${site.gateway?.text ?? '?'} (not literal)`;
  lines.push(url === undefined ? `# ${site.method} to the gateway ${gateway}` : `# ${site.method} ${url}`);
  const labels = siteGroupingLabels(site);
  lines.push(`# Grouping key: ${labels === undefined ? 'built at run time (not read)' : formatGroupingLabels(labels)}`);
  if (site.action === 'delete') {
    lines.push('# A delete sends no body: the whole group goes.');
    return `${lines.join('\n')}\n`;
  }
  if (site.metrics.length === 0) {
    lines.push('# No metric declared for the pushed registry was found in this file.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('# The metric families the pushed registry declares (values are set when the code runs):');
  for (const metric of site.metrics) {
    lines.push(...familyLines(metric));
  }
  return `${lines.join('\n')}\n`;
}

function familyLines(metric: DeclaredMetric): string[] {
  const type = EXPOSED_TYPE[metric.type];
  if (metric.exposedName === undefined) {
    return [`# (a ${type} on line ${metric.line + 1} whose name is built at run time)`];
  }
  const labels = metric.labelNames.length > 0 ? [`# labels: ${metric.labelNames.map((label) => label.name).join(', ')}`] : [];
  const help = metric.help === undefined ? [] : [`# HELP ${metric.exposedName} ${escapeHelp(metric.help)}`];
  return [...help, `# TYPE ${metric.exposedName} ${type}`, ...labels];
}
