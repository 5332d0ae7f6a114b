import { Family, LabelPair, Sample } from '../model';

// What several rules work out of a family once and share (its label names, its metrics, ...), kept on
// the family itself. A WeakMap per fact, keyed by family, did the same: its look-ups and the garbage
// collector's work on its entries cost ~45 ms of `pgw lint` on 10 000 families. A copy made with
// `{ ...family }` shares the memo: a copy whose samples differ must set `memo: undefined` (as
// lintByFamily's outline does).

/**
 * One metric of a family as the gateway's parser builds it: for histograms and summaries, every line
 * with the same labels (apart from `le` / `quantile`) feeds one metric, which keeps the labels of
 * its first line; any other sample line is a metric of its own.
 */
export interface FamilyMetric {
  /** The labels, `le` / `quantile` excluded for histograms / summaries. */
  readonly labels: readonly LabelPair[];
  readonly samples: Sample[];
}

/** The bucket samples of one histogram series, with their bounds. */
export interface BucketSeries {
  readonly buckets: Sample[];
  readonly bounds: number[];
}

/** The facts about one family, each computed when a rule first asks for it. */
export class FamilyMemo {
  labelNames: ReadonlySet<string> | undefined = undefined;
  metrics: FamilyMetric[] | undefined = undefined;
  bucketSeries: BucketSeries[] | undefined = undefined;
  /** Whether two metrics may be the same series (seriesHash.ts), for the URL labels it was asked with. */
  repeatedSeries: { readonly urlLabels: ReadonlySet<string>; readonly answer: boolean } | undefined = undefined;
}

/** The family's memo, made when first asked for; nothing else writes the family's `memo`. */
export function memoOf(family: Family): FamilyMemo {
  return (family.memo ??= new FamilyMemo()) as FamilyMemo;
}
