import { escapeHelp, escapeLabelValue } from '../exposition/escape';
import { GatewayFamily, GatewayGroup, GatewayMetric } from './groups';

function labelSet(labels: Readonly<Record<string, string>>, extra?: [string, string]): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeLabelValue(labels[name])}"`);
  if (extra) {
    pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  }
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

function byNumericKey(record: Readonly<Record<string, string>>): Array<[string, string]> {
  const numeric = (key: string) => (key === '+Inf' ? Infinity : Number(key));
  return Object.entries(record).sort((a, b) => numeric(a[0]) - numeric(b[0]));
}

function metricLines(family: GatewayFamily, metric: GatewayMetric): string[] {
  const name = family.name;
  if (metric.buckets) {
    return [
      ...byNumericKey(metric.buckets).map(([le, count]) => `${name}_bucket${labelSet(metric.labels, ['le', le])} ${count}`),
      `${name}_sum${labelSet(metric.labels)} ${metric.sum ?? '0'}`,
      `${name}_count${labelSet(metric.labels)} ${metric.count ?? '0'}`,
    ];
  }
  if (metric.quantiles) {
    return [
      ...byNumericKey(metric.quantiles).map(([quantile, value]) => `${name}${labelSet(metric.labels, ['quantile', quantile])} ${value}`),
      `${name}_sum${labelSet(metric.labels)} ${metric.sum ?? '0'}`,
      `${name}_count${labelSet(metric.labels)} ${metric.count ?? '0'}`,
    ];
  }
  return [`${name}${labelSet(metric.labels)} ${metric.value ?? 'NaN'}`];
}

/** One family in the text exposition format. */
export function renderFamily(family: GatewayFamily): string {
  const lines: string[] = [];
  if (family.help !== undefined) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
  }
  lines.push(`# TYPE ${family.name} ${family.type.toLowerCase()}`);
  for (const metric of family.metrics) {
    lines.push(...metricLines(family, metric));
  }
  return `${lines.join('\n')}\n`;
}

/** A group's pushed metrics in the text exposition format, as the gateway serves them (grouping labels included). */
export function renderGroup(group: GatewayGroup): string {
  return group.families.map(renderFamily).join('');
}
