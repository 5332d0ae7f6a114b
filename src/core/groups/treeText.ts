import { markdownText } from '../markdownText';
import { formatGroupingLabels } from '../protocol/labelText';
import { describeAge, GroupAssessment } from './groupHealth';
import { GatewayStatus } from '../gateway/client';
import { GatewayFamily, GatewayGroup, GatewayMetric } from '../gateway/groups';
import { GatewayConfig } from '../gateway/gatewayConfig';
import { FailureTrend, GatewayHealthReading } from '../gateway/gatewayHealth';
import { groupLabelsId } from '../protocol/groupingKey';
import { describeGatewayTarget } from '../protocol/gatewayTarget';
import { statusTarget } from '../gateway/statusTarget';

// The texts of the "Gateways" view's items (labels, descriptions, tooltips), from the gateway's data alone.

/** What the last read of a gateway found, as far as its own item shows it; undefined while it was not read, or when it failed. */
export interface GatewayReading {
  readonly groupCount: number;
  readonly status?: GatewayStatus;
  /** While a filter is set: how many of the groups it shows. */
  readonly shownCount?: number;
  /** Series over all groups (a histogram's or summary's sample counts as one). */
  readonly seriesCount?: number;
  /** Its `/-/healthy`, `/-/ready` and own `/metrics`, read with the groups. */
  readonly health?: GatewayHealthReading;
  readonly failures?: FailureTrend;
  /** When the groups were read (ms since the epoch). */
  readonly readAt?: number;
}

/**
 * `3 groups · v1.11` (`1 of 3 groups` while filtered), after a short mark when the gateway is sick
 * (`not ready`, `2 failed/min`): short enough for the default sidebar width beside the row's inline
 * actions; the tooltip has the rest (URL, memory, series, switches, read time).
 */
export function gatewayDescription(reading: GatewayReading | undefined): string {
  if (!reading) {
    return '';
  }
  return [healthMark(reading), groupCountText(reading), shortVersion(reading.status?.version)].filter(Boolean).join(' · ');
}

function groupCountText({ groupCount, shownCount }: GatewayReading): string {
  const groups = `group${groupCount === 1 ? '' : 's'}`;
  return shownCount === undefined ? `${groupCount} ${groups}` : `${shownCount} of ${groupCount} ${groups}`;
}

/** `v1.11` of `1.11.2`: the full version is in the tooltip. */
function shortVersion(version: string | undefined): string | undefined {
  if (!version) {
    return undefined;
  }
  const majorMinor = /^(\d+\.\d+)(?:\.|$)/.exec(version);
  return `v${majorMinor ? majorMinor[1] : version}`;
}

/** A few words when the gateway is sick: a probe said no, or requests failed (since the last read, or since it started on the first read). */
function healthMark({ health, failures }: GatewayReading): string | undefined {
  if (health?.healthy === false) {
    return 'unhealthy';
  }
  if (health?.ready === false) {
    return 'not ready';
  }
  if (failures?.perMinute !== undefined) {
    return failures.perMinute > 0 ? `${formatRate(failures.perMinute)} failed/min` : undefined;
  }
  return failures && failures.total > 0 ? `${failures.total} failed` : undefined;
}

function formatRate(perMinute: number): string {
  return perMinute >= 10 ? String(Math.round(perMinute)) : String(Math.round(perMinute * 10) / 10 || 0.1);
}

/** `14 MB`, `1.2 GB`: a process's memory in a few characters (powers of 1024, as `ps` and dashboards do). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** What a gateway's version means for the lint and its push checks, one line each; nothing before the version is known. */
function versionLines(status: GatewayStatus | undefined): string[] {
  if (status?.version === undefined) {
    return [];
  }
  const target = statusTarget(status);
  if (!target) {
    return [`Version ${status.version}: not one the linter knows; the lint settings choose the target`];
  }
  return [
    `Version ${status.version}: documents pushed here are linted as ${describeGatewayTarget(target)} (promtool ${target.version === '1.11' ? '3.x' : '2.x'})`,
    `UTF-8 names: ${target.version === '1.5' ? 'not in this version' : target.utf8Names ? 'on (--push.enable-utf8-names)' : 'off'}`,
    `Consistency check: ${target.consistencyCheckDisabled ? 'off (--push.disable-consistency-check)' : 'on'}`,
  ];
}

function probeText(path: string, verdict: boolean | undefined, status: number | undefined, yes: string, no: string): string | undefined {
  if (verdict === undefined) {
    return undefined;
  }
  return verdict ? yes : `**${no}** (\`${path}\` answered ${status ?? 'nothing'})`;
}

/** The health lines: the probes, the failed requests, the memory. */
function healthLines({ health, failures }: GatewayReading): string[] {
  if (!health) {
    return [];
  }
  const probes = [probeText('/-/healthy', health.healthy, health.healthyStatus, 'healthy', 'unhealthy'), probeText('/-/ready', health.ready, health.readyStatus, 'ready', 'not ready')].filter(Boolean);
  const lines = probes.length > 0 ? [`Health: ${probes.join(', ')}`] : [];
  if (failures) {
    const rate = failures.perMinute === undefined ? '' : ` · ${formatRate(failures.perMinute)}/min since the last read`;
    lines.push(`Failed requests (4xx/5xx): ${failures.total} since the gateway started${failures.perMinute === 0 ? ' · none since the last read' : rate}`);
  }
  if (health.own?.residentMemoryBytes !== undefined) {
    lines.push(`Memory: ${formatBytes(health.own.residentMemoryBytes)} resident (\`process_resident_memory_bytes\`)`);
  }
  return lines;
}

/**
 * The Markdown of a gateway's tooltip: name and URL, its health and size, what its version and
 * switches mean for the lint, and when it was read; one paragraph per line.
 */
export function gatewayTooltip(gateway: GatewayConfig, reading: GatewayReading | undefined): string {
  const counts = reading ? [`Groups: ${reading.groupCount}${reading.seriesCount === undefined ? '' : ` · series: ${reading.seriesCount}`}`] : [];
  const readAt = reading?.readAt === undefined ? [] : [`Read at ${new Date(reading.readAt).toLocaleTimeString()}`];
  const lines = [
    `**${markdownText(gateway.name)}** · \`${gateway.url.replace(/`/g, '%60')}\``,
    ...(reading ? healthLines(reading) : []),
    ...counts,
    ...versionLines(reading?.status),
    ...(reading?.status?.adminApiEnabled ? ['Admin API enabled'] : []),
    ...readAt,
  ];
  return lines.join('\n\n');
}

/** The id of a group's item: stable across refreshes, so that the view keeps it expanded and selected. */
export function groupItemId(gatewayName: string, labels: Readonly<Record<string, string>>): string {
  return `${gatewayName}\u0000${groupLabelsId(labels)}`;
}

/** Why a group is marked as it is, in a few words beside its labels. */
export function groupDescription(assessment: GroupAssessment, nowSeconds: number): string {
  switch (assessment.health) {
    case 'failed':
      return `last push failed ${describeAge(nowSeconds - (assessment.lastFailureSeconds ?? nowSeconds))} ago`;
    case 'never-pushed':
      return 'never pushed successfully';
    case 'stale':
      return assessment.lastSuccess
        ? `stale · last success ${describeAge(nowSeconds - assessment.lastSuccess.seconds)} ago`
        : `stale · pushed ${describeAge(nowSeconds - (assessment.lastPushSeconds ?? nowSeconds))} ago`;
    case 'healthy':
      return assessment.reason;
  }
}

/** A Unix time as the user's locale writes it; `never` for none. */
export function localTime(seconds: number | undefined): string {
  return seconds ? new Date(seconds * 1000).toLocaleString() : 'never';
}

/**
 * The Markdown of a group's tooltip: its labels, one per line, and its push times; the assessment's
 * reason follows it as plain text (the caller appends it, escaped).
 */
export function groupTooltipMarkdown(gatewayName: string, group: GatewayGroup, assessment: GroupAssessment): string {
  const lines = [`**${formatGroupingLabels(group.labels)}** on ${gatewayName}\n\n`];
  for (const [name, value] of Object.entries(group.labels)) {
    lines.push(`- \`${name}\` = \`${value}\`\n`);
  }
  lines.push(`\nLast successful push: ${localTime(group.pushTimeSeconds)}\n\nLast failed push: ${localTime(group.pushFailureTimeSeconds)}\n\n`);
  if (assessment.lastSuccess) {
    lines.push(`${assessment.lastSuccess.metric}: ${localTime(assessment.lastSuccess.seconds)}\n\n`);
  }
  return lines.join('');
}

export function familyDescription(family: GatewayFamily): string {
  return `${family.type.toLowerCase()} · ${family.metrics.length} series`;
}

export function familyTooltip(family: GatewayFamily): string {
  return `${family.name} (${family.type.toLowerCase()})\n${family.help ?? 'No HELP text.'}`;
}

/** A sample's labels as `{name="value", …}`, values as the gateway gave them. */
export function sampleLabel(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${value}"`);
  return pairs.length > 0 ? `{${pairs.join(', ')}}` : '{}';
}

/** A sample's value; for a histogram or summary its count, sum and buckets or quantiles. */
export function sampleValue(metric: GatewayMetric): string {
  if (metric.buckets) {
    return `count ${metric.count ?? '?'} · sum ${metric.sum ?? '?'} · ${Object.entries(metric.buckets)
      .map(([le, count]) => `le ${le}: ${count}`)
      .join(', ')}`;
  }
  if (metric.quantiles) {
    return `count ${metric.count ?? '?'} · sum ${metric.sum ?? '?'} · ${Object.entries(metric.quantiles)
      .map(([q, value]) => `q${q}: ${value}`)
      .join(', ')}`;
  }
  return metric.value ?? '';
}

export function sampleTooltip(family: GatewayFamily, metric: GatewayMetric): string {
  return `${family.name}${sampleLabel(metric.labels)}\n${sampleValue(metric)}`;
}
