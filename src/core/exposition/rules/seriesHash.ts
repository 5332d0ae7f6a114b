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
 * A hash of the sanitizedKey's pairs, made without the key: a sum, so the order of the labels does not
 * matter. `keepsAll` says that none of the labels is one of the URL's, which spares looking each up.
 */
export function sanitizedHash(labels: readonly LabelPair[], urlLabels: ReadonlySet<string>, keepsAll = false): number {
  let hash = 0;
  let hasInstance = urlLabels.has('instance');
  for (const label of labels) {
    const name = label.name.text;
    if (keepsAll || !urlLabels.has(name)) {
      hasInstance ||= name === 'instance';
      hash = (hash + pairHash(name, label.value)) | 0;
    }
  }
  return hasInstance ? hash : (hash + MISSING_INSTANCE_HASH) | 0;
}

/**
 * Whether two metrics of the family have the same sanitizedHash, which two equal series always do.
 * Sorting the hashes (natively, in a typed array) answers it for most families, which have no
 * duplicate, at a fraction of what indexing every metric costs. Two samples with the same labels in
 * the same order have the same hash too, so metric-not-unique asks it first as well: the answer is
 * kept for the family.
 */
export function mayHaveDuplicateSeries(family: Family, urlLabels: ReadonlySet<string>): boolean {
  const memo = memoOf(family);
  if (memo.repeatedSeries?.urlLabels === urlLabels) {
    return memo.repeatedSeries.answer;
  }
  const answer = hasRepeatedSanitizedHash(family, urlLabels);
  memo.repeatedSeries = { urlLabels, answer };
  return answer;
}

function hasRepeatedSanitizedHash(family: Family, urlLabels: ReadonlySet<string>): boolean {
  const names = labelNamesOf(family);
  const keepsAll = ![...urlLabels].some((name) => names.has(name));
  const hashes = new Int32Array(metricCount(family));
  let count = 0;
  forEachMetric(family, (labels) => {
    hashes[count++] = sanitizedHash(labels, urlLabels, keepsAll);
  });
  hashes.sort();
  for (let i = 1; i < hashes.length; i++) {
    if (hashes[i] === hashes[i - 1]) {
      return true;
    }
  }
  return false;
}
