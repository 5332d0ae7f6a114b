import { compareGoStrings } from '../../goemu/goFormat';
import { LabelPair, Metric, MetricFamily } from '../model';

/** Grouping labels of a push: `job` and the labels of the URL path. */
export type GroupingLabels = Readonly<Record<string, string>>;

const INSTANCE_LABEL = 'instance';

/**
 * The gateway's sanitizeLabels: every grouping label overwrites the body's label of that name
 * (the first one, if a protobuf body repeats it) or is added, `instance=""` is added when there is
 * no instance label, and the labels are sorted by name.
 */
export function sanitizeMetric(metric: Metric, grouping: GroupingLabels): void {
  const notYetDone = new Map(Object.entries(grouping));
  let hasInstance = false;
  for (const pair of metric.labels) {
    const groupingValue = notYetDone.get(pair.name);
    if (groupingValue !== undefined) {
      pair.value = groupingValue;
      notYetDone.delete(pair.name);
    }
    if (pair.name === INSTANCE_LABEL) {
      hasInstance = true;
    }
  }
  for (const [name, value] of notYetDone) {
    metric.labels.push({ name, value });
    hasInstance ||= name === INSTANCE_LABEL;
  }
  if (!hasInstance) {
    metric.labels.push({ name: INSTANCE_LABEL, value: '' });
  }
  metric.labels.sort(compareLabelNames);
}

export function sanitizeFamily(family: MetricFamily, grouping: GroupingLabels): void {
  for (const metric of family.metrics) {
    sanitizeMetric(metric, grouping);
  }
}

function compareLabelNames(a: LabelPair, b: LabelPair): number {
  return compareGoStrings(a.name, b.name);
}

/** The labels of the gateway's own push-time series of a group. */
export function groupSeriesLabels(grouping: GroupingLabels): LabelPair[] {
  const metric: Metric = { labels: [] };
  sanitizeMetric(metric, grouping);
  return metric.labels;
}
