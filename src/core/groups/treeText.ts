import { formatGroupingLabels } from '../protocol/labelText';
import { describeAge, GroupAssessment } from './groupHealth';
import { GatewayStatus } from '../gateway/client';
import { GatewayFamily, GatewayGroup, GatewayMetric } from '../gateway/groups';
import { GatewayConfig } from '../gateway/gatewayConfig';
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
}

/** `url · v1.11.0 · 3 groups` (`1 of 3 groups` while filtered): the version and count once the gateway was read. */
export function gatewayDescription(gateway: GatewayConfig, reading: GatewayReading | undefined): string {
  const details = reading ? [reading.status?.version && `v${reading.status.version}`, groupCountText(reading)] : [];
  return [gateway.url, ...details].filter(Boolean).join(' · ');
}

function groupCountText({ groupCount, shownCount }: GatewayReading): string {
  const groups = `group${groupCount === 1 ? '' : 's'}`;
  return shownCount === undefined ? `${groupCount} ${groups}` : `${shownCount} of ${groupCount} ${groups}`;
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

export function gatewayTooltip(gateway: GatewayConfig, reading: GatewayReading | undefined): string {
  return [gateway.name, gateway.url, ...versionLines(reading?.status), ...(reading?.status?.adminApiEnabled ? ['Admin API enabled'] : [])].join('\n');
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
