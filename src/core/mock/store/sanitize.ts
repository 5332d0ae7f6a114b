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
  groupingSanitizer(grouping)(metric);
}

/**
 * sanitizeMetric for the metrics of one push: the grouping labels' pairs are made once and shared
 * by every metric (nothing changes a stored pair), and each metric gets a label array of its exact
 * size (pushing onto the body's array would leave it with room for a dozen more).
 */
export function groupingSanitizer(grouping: GroupingLabels): (metric: Metric) => void {
  const pairs: LabelPair[] = Object.entries(grouping).map(([name, value]) => ({ name, value }));
  const indexByName = new Map(pairs.map((pair, index) => [pair.name, index]));
  /** For each grouping pair, the position of the body label it replaces, or -1. */
  const replaces = new Int32Array(pairs.length);
  const groupingHasInstance = indexByName.has(INSTANCE_LABEL);
  const emptyInstance: LabelPair = { name: INSTANCE_LABEL, value: '' };
  return (metric) => {
    replaces.fill(-1);
    const body = metric.labels;
    let unused = pairs.length;
    let hasInstance = groupingHasInstance;
    for (let position = 0; position < body.length; position++) {
      const name = body[position].name;
      const index = indexByName.get(name);
      if (index !== undefined && replaces[index] < 0) {
        replaces[index] = position;
        unused--;
      }
      hasInstance ||= name === INSTANCE_LABEL;
    }
    const labels = new Array<LabelPair>(body.length + unused + (hasInstance ? 0 : 1));
    let next = 0;
    for (const pair of body) {
      labels[next++] = pair;
    }
    // The grouping pair takes the replaced label's place: the body's pair is left as it was.
    for (let index = 0; index < pairs.length; index++) {
      if (replaces[index] < 0) {
        labels[next++] = pairs[index];
      } else {
        labels[replaces[index]] = pairs[index];
      }
    }
    if (!hasInstance) {
      labels[next] = emptyInstance;
    }
    metric.labels = sortLabelsByName(labels);
  };
}

/** Up to this many labels, an insertion sort (Array.prototype.sort's set-up costs more than sorting a handful). */
const FEW_LABELS = 16;

/** Sorts by name, stably (a protobuf body's repeated names keep their order). */
function sortLabelsByName(labels: LabelPair[]): LabelPair[] {
  if (labels.length > FEW_LABELS) {
    return labels.sort((a, b) => compareGoStrings(a.name, b.name));
  }
  for (let i = 1; i < labels.length; i++) {
    const pair = labels[i];
    let j = i;
    while (j > 0 && compareGoStrings(labels[j - 1].name, pair.name) > 0) {
      labels[j] = labels[j - 1];
      j--;
    }
    labels[j] = pair;
  }
  return labels;
}

export function sanitizeFamily(family: MetricFamily, grouping: GroupingLabels): void {
  const sanitize = groupingSanitizer(grouping);
  for (const metric of family.metrics) {
    sanitize(metric);
  }
}

/** The labels of the gateway's own push-time series of a group. */
export function groupSeriesLabels(grouping: GroupingLabels): LabelPair[] {
  const metric: Metric = { labels: [] };
  sanitizeMetric(metric, grouping);
  return metric.labels;
}
