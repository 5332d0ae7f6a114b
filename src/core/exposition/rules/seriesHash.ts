import { Family, LabelPair } from '../model';
import { memoOf } from './familyMemo';
import { forEachMetric, labelNamesOf, metricCount } from './familyMetrics';
import { FNV_OFFSET_BASIS, hashText } from './hashIndex';

// The hash of a series as the gateway's consistency check compares it (its sanitized labels), which
// duplicate-series indexes metrics by and metric-not-unique uses to skip families that repeat none.

/** A well-mixed 32-bit hash of one name/value pair (murmur3's finalizer over FNV-1a). */
function pairHash(name: string, value: string): number {
  let hash = hashText(value, Math.imul(hashText(name, FNV_OFFSET_BASIS) ^ 0x3d, 0x01000193));
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

const MISSING_INSTANCE_HASH = pairHash('instance', '');

/**
 * Hashes of the sanitizedKey's pairs, made without the key: a sum, so the order of the labels does not
 * matter. Consecutive metrics mostly share most pairs at the same places: a pair equal to the
 * previous metric's there keeps its hash.
 */
export class SanitizedHasher {
  private previous: readonly LabelPair[] = [];
  private pairHashes = new Int32Array(16);

  /** `keepsAll` says that none of the labels is one of the URL's, which spares looking each up. */
  constructor(
    private readonly urlLabels: ReadonlySet<string>,
    private readonly keepsAll = false,
  ) {}

  hash(labels: readonly LabelPair[]): number {
    if (labels.length > this.pairHashes.length) {
      this.pairHashes = new Int32Array(labels.length * 2);
      this.previous = [];
    }
    const previous = this.previous;
    let hash = 0;
    let hasInstance = this.urlLabels.has('instance');
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      const name = label.name.text;
      if (this.keepsAll || !this.urlLabels.has(name)) {
        hasInstance ||= name === 'instance';
        const before = i < previous.length ? previous[i] : undefined;
        if (before === undefined || before.value !== label.value || before.name.text !== name) {
          this.pairHashes[i] = pairHash(name, label.value);
        }
        hash = (hash + this.pairHashes[i]) | 0;
      }
    }
    this.previous = labels;
    return hasInstance ? hash : (hash + MISSING_INSTANCE_HASH) | 0;
  }
}

/**
 * Whether two metrics of the family have the same sanitized hash (SanitizedHasher), which two equal series always do.
 * Sorting the hashes (natively, in a typed array) answers it for most families, which have no
 * duplicate, at a fraction of what indexing every metric costs. Two samples with the same labels in
 * the same order have the same hash too, so metric-not-unique asks it first as well: the answer is
 * kept for the family.
 */
export function mayHaveDuplicateSeries(family: Family, urlLabels: ReadonlySet<string>): boolean {
  if (family.samples.length < 2) {
    return false; // Nor two metrics: nothing to remember.
  }
  const memo = memoOf(family);
  if (memo.repeatedSeries?.urlLabels === urlLabels) {
    return memo.repeatedSeries.answer;
  }
  const answer = hasRepeatedSanitizedHash(family, urlLabels);
  memo.repeatedSeries = { urlLabels, answer };
  return answer;
}

function hasRepeatedSanitizedHash(family: Family, urlLabels: ReadonlySet<string>): boolean {
  const count = metricCount(family);
  if (count < 2) {
    return false;
  }
  const names = labelNamesOf(family);
  const keepsAll = ![...urlLabels].some((name) => names.has(name));
  const hashes = new Int32Array(count);
  const hasher = new SanitizedHasher(urlLabels, keepsAll);
  let hashed = 0;
  forEachMetric(family, (labels) => {
    hashes[hashed++] = hasher.hash(labels);
  });
  hashes.sort();
  for (let i = 1; i < hashes.length; i++) {
    if (hashes[i] === hashes[i - 1]) {
      return true;
    }
  }
  return false;
}
