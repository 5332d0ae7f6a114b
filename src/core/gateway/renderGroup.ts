import { escapeHelp, escapeLabelValue } from '../exposition/escape';
import { isLegacyLabelName, isLegacyMetricName } from '../protocol/nameEscaping';
import { GatewayFamily, GatewayGroup, GatewayMetric } from './groups';

/** A name as the text format takes it: bare when the legacy rules allow it, else quoted (a gateway with UTF-8 names holds such names). */
function quotedUnlessLegacy(name: string, isLegacy: (name: string) => boolean): string {
  return isLegacy(name) ? name : `"${escapeLabelValue(name)}"`;
}

function sampleHead(name: string, labels: Readonly<Record<string, string>>, extra?: [string, string]): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((label) => `${quotedUnlessLegacy(label, isLegacyLabelName)}="${escapeLabelValue(labels[label])}"`);
  if (extra) {
    pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  }
  if (!isLegacyMetricName(name)) {
    return `{${[quotedUnlessLegacy(name, isLegacyMetricName), ...pairs].join(',')}}`;
  }
  return pairs.length > 0 ? `${name}{${pairs.join(',')}}` : name;
}

function byNumericKey(record: Readonly<Record<string, string>>): Array<[string, string]> {
  const numeric = (key: string) => (key === '+Inf' ? Infinity : Number(key));
  return Object.entries(record).sort((a, b) => numeric(a[0]) - numeric(b[0]));
}

function metricLines(family: GatewayFamily, metric: GatewayMetric): string[] {
  const name = family.name;
  if (metric.buckets) {
    return [
      ...byNumericKey(metric.buckets).map(([le, count]) => `${sampleHead(`${name}_bucket`, metric.labels, ['le', le])} ${count}`),
      `${sampleHead(`${name}_sum`, metric.labels)} ${metric.sum ?? '0'}`,
      `${sampleHead(`${name}_count`, metric.labels)} ${metric.count ?? '0'}`,
    ];
  }
  if (metric.quantiles) {
    return [
      ...byNumericKey(metric.quantiles).map(([quantile, value]) => `${sampleHead(name, metric.labels, ['quantile', quantile])} ${value}`),
      `${sampleHead(`${name}_sum`, metric.labels)} ${metric.sum ?? '0'}`,
      `${sampleHead(`${name}_count`, metric.labels)} ${metric.count ?? '0'}`,
    ];
  }
  return [`${sampleHead(name, metric.labels)} ${metric.value ?? 'NaN'}`];
}

/** One family in the text exposition format. */
export function renderFamily(family: GatewayFamily): string {
  const lines: string[] = [];
  if (family.help !== undefined) {
    lines.push(`# HELP ${quotedUnlessLegacy(family.name, isLegacyMetricName)} ${escapeHelp(family.help)}`);
  }
  lines.push(`# TYPE ${quotedUnlessLegacy(family.name, isLegacyMetricName)} ${family.type.toLowerCase()}`);
  for (const metric of family.metrics) {
    // One by one, not push(...): a histogram can have more buckets than a call takes arguments.
    for (const line of metricLines(family, metric)) {
      lines.push(line);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A group's pushed metrics in the text exposition format, as the gateway serves them (grouping labels included). */
export function renderGroup(group: GatewayGroup): string {
  return group.families.map(renderFamily).join('');
}
