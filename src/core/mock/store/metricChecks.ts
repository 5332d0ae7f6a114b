import { isBrokenNativeHistogram } from '../output/nativeBuckets';
import { goQuoteString } from '../../goemu/goQuote';
import { isJsonPlain, isValidGoUtf8 } from '../../goemu/goFormat';
import { COUNTER, HISTOGRAM, Metric, metricHasValueFor, MetricFamily, MetricTypeCode } from '../model';
import { metricProtoText, ProtoTextStyle } from './protoText';
import { NameValidation } from '../../protocol/nameEscaping';
import { Micros } from '../clock';

// What client_golang 1.14's Gatherers checks per metric (checkMetricConsistency), and the facts
// about a stored family that the store's indexes add up so that a push does not have to look at
// the families it does not touch.

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * How the gateway's client_golang checks what it gathers: 1.5's legacy label names and
 * golang/protobuf dumps, or 1.11's UTF-8 label names (whatever the push flag says) and prototext.
 */
export interface CheckRules {
  readonly dumpStyle: ProtoTextStyle;
  readonly labelNames: NameValidation;
}

export const CHECK_RULES_1_5: CheckRules = { dumpStyle: 'compact', labelNames: 'legacy' };
export const CHECK_RULES_1_11: CheckRules = { dumpStyle: 'prototext', labelNames: 'utf8' };

function isValidLabelName(name: string, names: NameValidation): boolean {
  return names === 'legacy' ? LABEL_NAME.test(name) : name !== '' && isValidGoUtf8(name);
}

/**
 * The part of a per-metric error after `collected metric "x" { ... } `, for the labels; undefined
 * when they pass. Legacy names by default: a label the legacy rules refuse is one UTF-8 rules may
 * refuse, which is all the store's indexes need to know (see FamilyFacts.invalid).
 */
export function labelProblem(metric: Metric, names: NameValidation): string | undefined {
  let previous: string | undefined;
  for (const pair of metric.labels) {
    if (pair.name === previous) {
      return `has two or more labels with the same name: ${pair.name}`;
    }
    if (!isValidLabelName(pair.name, names) || pair.name.startsWith('__')) {
      return `has a label with an invalid name: ${pair.name}`;
    }
    if (metric.summary !== undefined && pair.name === 'quantile') {
      return 'must not have an explicit "quantile" label';
    }
    if (!isValidGoUtf8(pair.value)) {
      return `has a label named ${goQuoteString(pair.name)} whose value is not utf8: ${goQuoteString(pair.value)}`;
    }
    previous = pair.name;
  }
  return undefined;
}

/** `collected metric "x" { <proto text>} <problem>`. */
export function metricError(name: string, metric: Metric, problem: string, style: ProtoTextStyle): string {
  return `collected metric ${goQuoteString(name)} { ${metricProtoText(metric, style)}} ${problem}`;
}

/**
 * The identity of a series: the JSON array of the family name and the (sorted) labels' names and
 * values. A flat string (join and JSON.stringify make one; a key built by concatenation would keep
 * a cons-string wrapper per series). Parts that need no escaping are joined as they are, which
 * takes 2/3 of JSON.stringify's time.
 */
function seriesKey(name: string, metric: Metric): string {
  const labels = metric.labels;
  const parts = new Array<string>(labels.length * 2 + 1);
  parts[0] = name;
  let plain = isJsonPlain(name);
  for (let i = 0, next = 1; i < labels.length; i++) {
    const pair = labels[i];
    parts[next++] = pair.name;
    parts[next++] = pair.value;
    plain &&= isJsonPlain(pair.name) && isJsonPlain(pair.value);
  }
  if (!plain) {
    return JSON.stringify(parts);
  }
  parts[0] = `["${name}`;
  parts[parts.length - 1] = `${parts[parts.length - 1]}"]`;
  return parts.join('","');
}

/** The types whose value field the check requires: COUNTER..HISTOGRAM. */
export const CHECKED_TYPES = HISTOGRAM - COUNTER + 1;

/** Per stored family, what the indexes count. */
export interface FamilyFacts {
  /** For each checked type, how many metrics lack its value field. */
  readonly missing: readonly number[];
  /** How many metrics have a label the check may refuse (one the legacy rules refuse). */
  readonly invalid: number;
  /** The series key of each metric, in order. */
  readonly keys: readonly string[];
  /** How many metrics are native histograms 1.11.2 stores but cannot list in /api/v1/metrics. */
  readonly brokenNative: number;
}

function factsOf(family: MetricFamily): FamilyFacts {
  const facts = emptyFacts();
  addFacts(facts, family, 0, family.metrics.length);
  return facts;
}

/** Facts to be filled slice by slice with addFacts (see preparePush.ts). */
export function emptyFacts(): { missing: number[]; invalid: number; keys: string[]; brokenNative: number } {
  return { missing: new Array<number>(CHECKED_TYPES).fill(0), invalid: 0, keys: [], brokenNative: 0 };
}

/** Adds the facts of the family's metrics from `start` to before `end`. */
export function addFacts(facts: ReturnType<typeof emptyFacts>, family: MetricFamily, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const metric = family.metrics[i];
    for (let type = 0; type < CHECKED_TYPES; type++) {
      if (!metricHasValueFor(metric, type)) {
        facts.missing[type]++;
      }
    }
    if (labelProblem(metric, 'legacy') !== undefined) {
      facts.invalid++;
    }
    facts.keys.push(seriesKey(family.name, metric));
    if (metric.histogram !== undefined && isBrokenNativeHistogram(metric.histogram)) {
      facts.brokenNative++;
    }
  }
}

/** How many metrics of the facts lack the value field of `type` (0 for types the check does not look at). */
export function missingFor(facts: FamilyFacts, type: MetricTypeCode): number {
  return facts.missing[type] ?? 0;
}

/** A family as the store keeps it: the family, when it was written, and its facts. */
export interface StoredFamily {
  readonly family: MetricFamily;
  readonly written: Micros;
  readonly facts: FamilyFacts;
}

/**
 * `facts`: computed beforehand (see preparePush.ts); computed here when left out. `replaced`: the
 * family this one replaces; when both hold the same series in the same order, the new one shares
 * its keys (the index keeps those strings anyway, and sameKeys then answers at once).
 */
export function storedFamily(family: MetricFamily, written: Micros, facts?: FamilyFacts, replaced?: StoredFamily): StoredFamily {
  const own = facts ?? factsOf(family);
  if (replaced === undefined || replaced.facts.keys === own.keys || !sameKeys(replaced.facts.keys, own.keys)) {
    return { family, written, facts: own };
  }
  return { family, written, facts: { ...own, keys: replaced.facts.keys } };
}

/** Whether two families hold the same series in the same order. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) {
    return true;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
