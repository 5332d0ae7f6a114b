import { Family, LabelPair, Sample, Span } from '../model';
import { GatewayTarget } from '../../protocol/gatewayTarget';
import { anyLabelName, metricsOf, ownLabelOf } from './familyMetrics';
import { FNV_OFFSET_BASIS, hashText, HashIndex } from './hashIndex';
import { mayHaveDuplicateSeries } from './seriesHash';
import { Finding, findingsByFamily, LintRule } from './rule';

// The checks of `promtool check metrics` (client_golang v1.14 promlint), with promtool's own problem
// texts kept in `reference` so the differential tests can compare them line for line. Like promlint,
// they look only at families that have samples.

/** findingsByFamily over the families that promlint looks at. */
function lintedFindings(families: readonly Family[], check: (family: Family, findings: Finding[]) => void): Finding[] {
  return findingsByFamily(families, (family, findings) => {
    if (family.samples.length > 0) {
      check(family, findings);
    }
  });
}

/** Where a family-level finding is shown: the TYPE line's name, else HELP's, else the first sample's. */
function familySpan(family: Family): Span {
  return (family.type?.name ?? family.help?.name ?? family.samples[0].name).span;
}

function familyFinding(family: Family, reference: string, message: string): Finding {
  return { span: familySpan(family), message, reference: `${family.name} ${reference}` };
}

/** The label sets of a family's metrics, `le`/`quantile` excluded for histograms/summaries (see metricsOf). */
function metricLabelSets(family: Family): Array<readonly LabelPair[]> {
  return metricsOf(family).map((metric) => metric.labels);
}

export const noHelpRule: LintRule = {
  code: 'no-help',
  defaultSeverity: 'warning',
  summary: 'A metric family without a `# HELP` line.',
  example: 'backup_size_bytes 1024   # no "# HELP backup_size_bytes ..."',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      if (family.help === undefined) {
        findings.push(familyFinding(family, 'no help text', `${family.name} has no HELP text: add "# HELP ${family.name} <what it measures>" so dashboards can explain it`));
      }
    }),
};

const BASE_UNITS: Record<string, string> = {
  amperes: 'amperes',
  bytes: 'bytes',
  celsius: 'celsius',
  grams: 'grams',
  joules: 'joules',
  kelvin: 'kelvin',
  meters: 'meters',
  metres: 'metres',
  seconds: 'seconds',
  volts: 'volts',
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  weeks: 'seconds',
  kelvins: 'kelvin',
  fahrenheit: 'celsius',
  rankine: 'celsius',
  inches: 'meters',
  yards: 'meters',
  miles: 'meters',
  bits: 'bytes',
  calories: 'joules',
  pounds: 'grams',
  ounces: 'grams',
};
/** promlint's unit prefixes (its list starts with '', a unit without prefix). */
const UNIT_PREFIXES = ['pico', 'nano', 'micro', 'milli', 'centi', 'deci', 'deca', 'hecto', 'kilo', 'kibi', 'mega', 'mibi', 'giga', 'gibi', 'tera', 'tebi', 'peta', 'pebi'];

const NO_PREFIXES: readonly string[] = [];
/** The prefixes by their first letter: a segment can only start with those of its own first letter. */
const PREFIXES_BY_LETTER = new Map<string, string[]>();
for (const prefix of UNIT_PREFIXES) {
  const same = PREFIXES_BY_LETTER.get(prefix[0]) ?? [];
  same.push(prefix);
  PREFIXES_BY_LETTER.set(prefix[0], same);
}

/** BASE_UNITS as a map: a look-up of a segment cut from a name is cheaper than an object's. */
const BASE_UNIT_OF: ReadonlyMap<string, string> = new Map(Object.entries(BASE_UNITS));
/** No unit word is shorter (`bits`, `days`). */
const SHORTEST_UNIT_WORD = 4;

interface UnitWord {
  readonly word: string;
  readonly base: string;
}

/** The unit word that a `_` segment of a name is, if any: a base unit, or one after a prefix (no prefix first, then UNIT_PREFIXES' order). */
function unitWordOf(segment: string): UnitWord | undefined {
  if (segment.length < SHORTEST_UNIT_WORD) {
    return undefined;
  }
  const base = BASE_UNIT_OF.get(segment);
  if (base !== undefined) {
    return { word: segment, base };
  }
  for (const prefix of PREFIXES_BY_LETTER.get(segment.charAt(0)) ?? NO_PREFIXES) {
    const prefixed = segment.startsWith(prefix) ? BASE_UNIT_OF.get(segment.slice(prefix.length)) : undefined;
    if (prefixed !== undefined) {
      return { word: segment, base: prefixed };
    }
  }
  return undefined;
}

/** The unit words of a name, in name order (promlint compares whole `_` segments, case-sensitively). */
export function unitWords(name: string): UnitWord[] {
  return name.split('_').flatMap((segment) => unitWordOf(segment) ?? []);
}

/**
 * The first `_` segment of a name that unitWordOf takes for a unit word: a base unit after one of the
 * prefixes or none. One native search per name costs a tenth of cutting each segment and looking it up.
 */
const UNIT_SEGMENT = new RegExp(`(?:^|_)((?:${UNIT_PREFIXES.join('|')})?(?:${Object.keys(BASE_UNITS).join('|')}))(?=_|$)`);

/** unitWords(name)[0], found without cutting the name up. */
function firstUnitWord(name: string): UnitWord | undefined {
  const segment = UNIT_SEGMENT.exec(name)?.[1];
  return segment === undefined ? undefined : unitWordOf(segment);
}

export const baseUnitRule: LintRule = {
  code: 'non-base-unit',
  defaultSeverity: 'warning',
  summary: 'A unit other than the base unit (`_milliseconds`, `_kilobytes`, `_hours`...).',
  example: 'backup_duration_milliseconds 5300',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      // promlint stops at the first unit it finds, in random order when there are several; we take the first in the name.
      const first = firstUnitWord(family.name);
      if (first !== undefined && first.word !== first.base) {
        findings.push(
          familyFinding(
            family,
            `use base unit "${first.base}" instead of "${first.word}"`,
            `use the base unit "${first.base}" instead of "${first.word}" (convert the value, e.g. ${family.name.replace(first.word, first.base)})`,
          ),
        );
      }
    }),
};

export const counterSuffixRule: LintRule = {
  code: 'counter-total-suffix',
  defaultSeverity: 'warning',
  summary: 'A counter whose name does not end in `_total`, or a non-counter that does.',
  example: '# TYPE backups_failed counter',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      const endsInTotal = family.name.endsWith('_total');
      if (family.effectiveType === 'counter' && !endsInTotal) {
        findings.push(familyFinding(family, 'counter metrics should have "_total" suffix', `counter names end in _total: rename to ${family.name}_total`));
      } else if (family.effectiveType !== 'counter' && family.effectiveType !== 'untyped' && endsInTotal) {
        findings.push(familyFinding(family, 'non-counter metrics should not have "_total" suffix', `only counters end in _total, and ${family.name} is a ${family.effectiveType}`));
      }
    }),
};

const COUNT_AND_SUM = ['_count', '_sum'];

export const reservedSuffixRule: LintRule = {
  code: 'reserved-suffix',
  defaultSeverity: 'warning',
  summary: '`_bucket` outside histograms, `_count`/`_sum` outside histograms and summaries.',
  example: '# TYPE queue_count gauge',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      if (family.effectiveType === 'untyped') {
        return;
      }
      const isHistogram = family.effectiveType === 'histogram';
      const isSummary = family.effectiveType === 'summary';
      if (!isHistogram && family.name.endsWith('_bucket')) {
        findings.push(familyFinding(family, 'non-histogram metrics should not have "_bucket" suffix', '_bucket is the suffix of histogram buckets: rename this metric'));
      }
      for (const suffix of COUNT_AND_SUM) {
        if (!isHistogram && !isSummary && family.name.endsWith(suffix)) {
          findings.push(familyFinding(family, `non-histogram and non-summary metrics should not have "${suffix}" suffix`, `${suffix} is a suffix of histograms and summaries: rename this metric`));
        }
      }
    }),
};

/** `le` outside a histogram, `quantile` outside a summary. */
function isMisplacedReservedLabel(family: Family, name: string): boolean {
  return (name === 'le' && family.effectiveType !== 'histogram') || (name === 'quantile' && family.effectiveType !== 'summary');
}

export const reservedLabelNameRule: LintRule = {
  code: 'reserved-label',
  defaultSeverity: 'warning',
  summary: 'An `le` label outside histograms or a `quantile` label outside summaries.',
  example: 'queue_length{le="10"} 3',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      if (family.effectiveType === 'untyped' || !anyLabelName(family, (name) => isMisplacedReservedLabel(family, name))) {
        return;
      }
      for (const labels of metricLabelSets(family)) {
        for (const label of labels) {
          if (isMisplacedReservedLabel(family, label.name.text)) {
            findings.push(
              label.name.text === 'le'
                ? { span: label.name.span, message: 'the le label is reserved for histogram buckets', reference: `${family.name} non-histogram metrics should not have "le" label` }
                : { span: label.name.span, message: 'the quantile label is reserved for summaries', reference: `${family.name} non-summary metrics should not have "quantile" label` },
            );
          }
        }
      }
    }),
};

const TYPE_WORDS = ['counter', 'gauge', 'summary', 'histogram', 'gauge_histogram'];

/** How a word shows in a name as one of its `_` segments: inside (`_word_`) or at the end (`_word`); made once, not per family. */
interface NameWord {
  readonly word: string;
  readonly inside: string;
  readonly atEnd: string;
}

function nameWord(word: string): NameWord {
  return { word, inside: `_${word}_`, atEnd: `_${word}` };
}

/** Whether the (lower-case) name has the word after an underscore, as a segment of its own. */
function hasNameWord(lowerName: string, { inside, atEnd }: NameWord): boolean {
  return lowerName.includes(inside) || lowerName.endsWith(atEnd);
}

const ALL_TYPE_NAME_WORDS: readonly NameWord[] = TYPE_WORDS.map(nameWord);
const TYPE_NAME_WORDS: ReadonlyMap<string, NameWord> = new Map(ALL_TYPE_NAME_WORDS.map((typeWord) => [typeWord.word, typeWord]));

/** The type words promlint looks for in a name: every type's with promtool 2.42, only the family's own (not untyped) with 3.x. */
function typeWordsFor(family: Family, target: GatewayTarget): readonly NameWord[] {
  if (target.version === '1.5') {
    return ALL_TYPE_NAME_WORDS;
  }
  const own = TYPE_NAME_WORDS.get(family.effectiveType);
  return own === undefined ? [] : [own];
}

export const typeInNameRule: LintRule = {
  code: 'type-in-name',
  defaultSeverity: 'warning',
  summary: 'The metric name contains its type (`_counter`, `_gauge`...); with 1.11 (promtool 3) only its own type.',
  example: 'backups_gauge 3',
  check: ({ document, target }) =>
    lintedFindings(document.families, (family, findings) => {
      const typeWords = typeWordsFor(family, target);
      const lower = typeWords.length === 0 ? '' : family.name.toLowerCase();
      for (const typeWord of typeWords) {
        if (hasNameWord(lower, typeWord)) {
          const type = typeWord.word;
          findings.push(familyFinding(family, `metric name should not include type '${type}'`, `the name should not say its type ("${type}"): the TYPE line already does`));
        }
      }
    }),
};

export const colonRule: LintRule = {
  code: 'colon-in-name',
  defaultSeverity: 'warning',
  summary: 'A `:` in a metric name (reserved for recording rules).',
  example: 'job:backup_size_bytes 1024',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      if (family.name.includes(':')) {
        findings.push(familyFinding(family, "metric names should not contain ':'", 'colons are reserved for recording rules: use _ in pushed metric names'));
      }
    }),
};

const CAMEL_CASE = /[a-z][A-Z]/;

export const camelCaseRule: LintRule = {
  code: 'camel-case',
  defaultSeverity: 'warning',
  summary: 'A camelCase metric or label name.',
  example: 'backupSize_bytes{dbName="orders"} 1024',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      if (CAMEL_CASE.test(family.name)) {
        findings.push(familyFinding(family, "metric names should be written in 'snake_case' not 'camelCase'", 'write metric names in snake_case'));
      }
      const labelSets = anyLabelName(family, (name) => CAMEL_CASE.test(name)) ? metricLabelSets(family) : [];
      for (const labels of labelSets) {
        for (const label of labels) {
          if (CAMEL_CASE.test(label.name.text)) {
            findings.push({ span: label.name.span, message: 'write label names in snake_case', reference: `${family.name} label names should be written in 'snake_case' not 'camelCase'` });
          }
        }
      }
    }),
};

const ABBREVIATED_UNITS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];
const ABBREVIATED_UNIT_INDEX: ReadonlyMap<string, number> = new Map(ABBREVIATED_UNITS.map((unit, index) => [unit, index]));
const LONGEST_ABBREVIATION = 3;

/**
 * The abbreviated units a lower-case name contains as `_unit_` or ends with as `_unit`, in
 * ABBREVIATED_UNITS' order: those that are one of its `_` segments after the first. One pass over
 * the name instead of two searches per unit.
 */
function abbreviatedUnitsIn(lowerName: string): string[] {
  let found = 0; // bit i: ABBREVIATED_UNITS[i]
  for (let start = lowerName.indexOf('_') + 1; start > 0;) {
    const end = lowerName.indexOf('_', start);
    const stop = end < 0 ? lowerName.length : end;
    const index = stop > start && stop - start <= LONGEST_ABBREVIATION ? ABBREVIATED_UNIT_INDEX.get(lowerName.slice(start, stop)) : undefined;
    if (index !== undefined) {
      found |= 1 << index;
    }
    start = end + 1;
  }
  return found === 0 ? [] : ABBREVIATED_UNITS.filter((_, index) => (found & (1 << index)) !== 0);
}

export const abbreviatedUnitRule: LintRule = {
  code: 'abbreviated-unit',
  defaultSeverity: 'warning',
  summary: 'An abbreviated unit (`_ms`, `_sec`, `_kb`...).',
  example: 'backup_duration_sec 5.3',
  check: ({ document }) =>
    lintedFindings(document.families, (family, findings) => {
      for (const unit of abbreviatedUnitsIn(family.name.toLowerCase())) {
        findings.push(familyFinding(family, 'metric names should not contain abbreviated units', `spell the unit out: "_${unit}" is an abbreviation (e.g. _seconds, _bytes)`));
      }
    }),
};

/** Whether two label lists are the same pairs in the same order (Go's reflect.DeepEqual of the metrics' labels). */
function sameLabelsInOrder(a: readonly LabelPair[], b: readonly LabelPair[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i].name.text !== b[i].name.text || a[i].value !== b[i].value) {
      return false;
    }
  }
  return true;
}

/** A hash of a label list in written order (FNV-1a over names and values, each ended by a separator). */
function orderedLabelsHash(labels: readonly LabelPair[]): number {
  let hash = FNV_OFFSET_BASIS;
  for (const label of labels) {
    hash = endedHash(label.name.text, hash);
    hash = endedHash(label.value, hash);
  }
  return hash;
}

/**
 * Whether two of `hashes` are equal, which two equal series' always are. Sorting a copy natively
 * answers it for most families, which repeat nothing, at a fraction of what indexing every sample costs.
 */
function hasRepeatedHash(hashes: Int32Array): boolean {
  const sorted = hashes.slice().sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      return true;
    }
  }
  return false;
}

/** `text` hashed, then a code unit that cannot occur in a name, so that ("ab", "c") and ("a", "bc") differ. */
function endedHash(text: string, start: number): number {
  return Math.imul(hashText(text, start) ^ 0xffff, 0x01000193);
}

/**
 * promtool 3 (client_golang 1.23 promlint): a metric whose labels, in the same order, come again
 * later in its family. Histogram and summary lines merge into metrics by their labels, so only
 * counters, gauges and untyped samples can repeat.
 */
export const metricNotUniqueRule: LintRule = {
  code: 'metric-not-unique',
  defaultSeverity: 'warning',
  summary: 'With 1.11 (promtool 3): the same series, labels in the same order, appears again later in its family.',
  example: 'backup_size_bytes 1⏎backup_size_bytes 2',
  check: ({ document, target, urlLabels }) => {
    if (target.version === '1.5') {
      return [];
    }
    const findings: Finding[] = [];
    for (const family of document.families) {
      // Samples with the same labels in the same order are the same series for duplicate-series too.
      if (ownLabelOf(family) !== undefined || family.samples.length < 2 || !mayHaveDuplicateSeries(family, urlLabels)) {
        continue;
      }
      const hashes = new Int32Array(family.samples.length);
      for (let i = 0; i < hashes.length; i++) {
        hashes[i] = orderedLabelsHash(family.samples[i].labels);
      }
      if (!hasRepeatedHash(hashes)) {
        continue;
      }
      // Each sample is a metric: one finding per sample that has an equal one after it. Walking
      // backwards, the index answers the nearest later one (the latest added).
      const later = new HashIndex<Sample>((a, b) => sameLabelsInOrder(a.labels, b.labels));
      for (let i = family.samples.length - 1; i >= 0; i--) {
        const sample = family.samples[i];
        const hash = hashes[i];
        const again = later.find(hash, sample);
        if (again !== undefined) {
          findings.push({
            span: sample.name.span,
            message: `this series comes again on line ${again.line + 1}: promtool check metrics says "metric not unique"`,
            reference: `${family.name} metric not unique`,
          });
        }
        later.add(hash, sample);
      }
    }
    return findings.reverse();
  },
};

export const PROMLINT_RULES: readonly LintRule[] = [
  noHelpRule,
  baseUnitRule,
  counterSuffixRule,
  reservedSuffixRule,
  reservedLabelNameRule,
  typeInNameRule,
  colonRule,
  camelCaseRule,
  abbreviatedUnitRule,
  metricNotUniqueRule,
];
