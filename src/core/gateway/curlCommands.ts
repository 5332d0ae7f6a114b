import { buildPushPath, groupingKeyOf } from '../protocol/groupingKey';
import { Result, success } from '../result';
import { GatewayFamily, GatewayGroup, GatewayMetric } from './groups';
import { renderFamily } from './renderGroup';

export interface CurlCommands {
  /** The shell text to copy. */
  readonly text: string;
  /** What running the copied text does, for the notification. */
  readonly summary: string;
}

/**
 * A body line no metric name can be followed by: pushed unedited, the gateway refuses the whole
 * push (400) and the group stays as it was.
 */
export const METRICS_PLACEHOLDER = 'REPLACE_WITH_YOUR_METRICS';

/** Quotes a word for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The URL puts the grouping labels back, and an empty label is no label to the gateway. */
function bodyLabels(metric: GatewayMetric, groupingLabels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(metric.labels).filter(([name, value]) => !(name in groupingLabels) && value !== ''));
}

function groupBody(group: GatewayGroup): string {
  return group.families
    .map((family): GatewayFamily => ({ ...family, metrics: family.metrics.map((metric) => ({ ...metric, labels: bodyLabels(metric, group.labels) })) }))
    .map(renderFamily)
    .join('');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The curl commands for a group as the explorer read it, none of which can destroy data when pasted
 * and run as they are: a PUT that pushes the group's own metrics back (edit them before running),
 * or, for a group without metrics, a POST whose placeholder body the gateway refuses; the DELETE is
 * commented out. Base64 path segments where the grouping values need them.
 */
export function curlCommandsFor(baseUrl: string, group: GatewayGroup): Result<CurlCommands> {
  const base = new URL(baseUrl);
  const path = buildPushPath(groupingKeyOf(group.labels), base.pathname);
  if (!path.ok) {
    return path;
  }
  const url = shellQuote(`${base.origin}${path.value}`);
  const deleteLines = ['# Delete the group: run this line without its leading "# ".', `# curl --fail-with-body -X DELETE ${url}`, ''];
  if (group.families.length === 0) {
    return success({
      text: [
        `# Push metrics to the group (POST replaces only the families you send). Replace ${METRICS_PLACEHOLDER}`,
        '# with your metrics first: as it stands the gateway refuses the push and changes nothing.',
        `curl --fail-with-body -X POST --data-binary @- ${url} <<'EOF'`,
        METRICS_PLACEHOLDER,
        'EOF',
        '',
        ...deleteLines,
      ].join('\n'),
      summary: `Copied a curl POST to this group with a placeholder body to replace by your metrics (run unedited, the gateway refuses it), and the group's DELETE, commented out.`,
    });
  }
  const families = plural(group.families.length, 'metric family', 'metric families');
  return success({
    text: [
      `# Push the group's ${families} as the explorer read them. PUT replaces the whole group with`,
      '# this body: change the values you mean to change, keep the lines you mean to keep.',
      `curl --fail-with-body -X PUT --data-binary @- ${url} <<'EOF'`,
      groupBody(group).replace(/\n$/, ''),
      'EOF',
      '',
      ...deleteLines,
    ].join('\n'),
    summary: `Copied a curl PUT that pushes this group's ${families} back as last read (run unedited, it leaves the metrics as they were), and the group's DELETE, commented out.`,
  });
}
