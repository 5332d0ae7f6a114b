import { goQuoteString } from '../../goemu/goQuote';
import { CheckRules, labelProblem, metricError } from './metricChecks';
import { familyType, HISTOGRAM, metricHasValueFor, MetricTypeCode, SUMMARY, typeName } from '../model';
import { SelfMetrics } from './selfMetrics';
import { StoreView } from './storeView';
import { baseOfSuffixed } from './suffixes';

// The errors client_golang 1.14's Gatherers reports when the gateway gathers its own metrics and
// every group's families (what checkWriteRequest runs on a simulated store, and GET /metrics on
// the real one), computed for a chosen set of family names only. The real gateway gathers in Go
// map order; here the order is fixed: families in the order their names first appeared, groups in
// the order they got the family. That is one of the orders Go can produce, so each message is one
// the real gateway can give.

const REPEATED = 'was collected before with the same name and label values';

export interface GatherError {
  readonly name: string;
  readonly message: string;
}

/** The errors of the given family names, in gather order. */
export function gatherErrors(view: StoreView, self: SelfMetrics, candidates: Iterable<string>, rules: CheckRules): GatherError[] {
  const ordered: { name: string; order: number }[] = [];
  for (const name of new Set(candidates)) {
    if (view.exists(name)) {
      ordered.push({ name, order: view.order(name) });
    }
  }
  ordered.sort((a, b) => a.order - b.order);
  const checker = new FamilyChecker(view, self, rules);
  const errors: GatherError[] = [];
  for (const { name } of ordered) {
    for (const message of checker.errors(name)) {
      errors.push({ name, message });
    }
  }
  return errors;
}

/** client_golang's MultiError text: the error itself, or "N error(s) occurred:" and a list. */
export function multiErrorText(messages: readonly string[]): string {
  if (messages.length === 1) {
    return messages[0];
  }
  return `${messages.length} error(s) occurred:${messages.map((message) => `\n* ${message}`).join('')}`;
}

class FamilyChecker {
  private readonly skipped = new Map<string, boolean>();

  constructor(
    private readonly view: StoreView,
    private readonly self: SelfMetrics,
    private readonly rules: CheckRules,
  ) {}

  errors(name: string): string[] {
    const first = this.view.firstFamily(name);
    if (first === undefined) {
      return [];
    }
    const mergedType = familyType(first.family);
    const own = this.self.get(name);
    if (own === undefined) {
      const collision = this.suffixCollision(name);
      return collision === undefined ? this.metricErrors(name, mergedType) : [collision];
    }
    const ownHelp = own.family.help ?? '';
    const help = own.predefinedHelp ? ownHelp : (first.family.help ?? '');
    if (help !== ownHelp) {
      return [`gathered metric family ${name} has help ${goQuoteString(help)} but should have ${goQuoteString(ownHelp)}`];
    }
    const ownType = familyType(own.family);
    if (mergedType !== ownType) {
      return [`gathered metric family ${name} has type ${typeName(mergedType)} but should have ${typeName(ownType)}`];
    }
    return this.metricErrors(name, ownType);
  }

  /**
   * checkMetricConsistency for every metric of the merged family. The indexes tell whether any
   * metric lacks its value or has a bad label (then every metric is checked in order); when only
   * series repeat, the repeated ones come straight from the series index.
   */
  private metricErrors(name: string, type: MetricTypeCode): string[] {
    if (this.view.missing(name, type) > 0 || this.view.invalid(name) > 0) {
      return this.scanMetrics(name, type);
    }
    return this.view.repeatedSeries(name).map((metric) => metricError(name, metric, REPEATED, this.rules.dumpStyle));
  }

  private scanMetrics(name: string, type: MetricTypeCode): string[] {
    const errors: string[] = [];
    const seen = new Set<string>();
    for (const stored of this.view.families(name)) {
      stored.family.metrics.forEach((metric, i) => {
        if (!metricHasValueFor(metric, type)) {
          errors.push(metricError(name, metric, `is not a ${typeName(type)}`, this.rules.dumpStyle));
          return;
        }
        const problem = labelProblem(metric, this.rules.labelNames);
        if (problem !== undefined) {
          errors.push(metricError(name, metric, problem, this.rules.dumpStyle));
          return;
        }
        const key = stored.facts.keys[i];
        if (seen.has(key)) {
          errors.push(metricError(name, metric, REPEATED, this.rules.dumpStyle));
          return;
        }
        seen.add(key);
      });
    }
    return errors;
  }

  // --- checkSuffixCollisions -----------------------------------------------------------------

  private isSkipped(name: string): boolean {
    let skipped = this.skipped.get(name);
    if (skipped === undefined) {
      skipped = this.self.get(name) === undefined && this.suffixCollision(name) !== undefined;
      this.skipped.set(name, skipped);
    }
    return skipped;
  }

  /** Whether `other` was gathered before `name`: the gateway's own families always were. */
  private gatheredBefore(other: string, name: string): boolean {
    if (this.self.get(other) !== undefined) {
      return true;
    }
    return this.view.exists(other) && this.view.order(other) < this.view.order(name) && !this.isSkipped(other);
  }

  private gatheredType(name: string): MetricTypeCode | undefined {
    const own = this.self.get(name);
    if (own !== undefined) {
      return familyType(own.family);
    }
    const first = this.view.firstFamily(name);
    return first === undefined ? undefined : familyType(first.family);
  }

  private suffixCollision(name: string): string | undefined {
    const quoted = () => goQuoteString(name);
    const base = baseOfSuffixed(name);
    if (base !== undefined && base !== '' && this.gatheredBefore(base, name)) {
      const baseType = this.gatheredType(base);
      if (baseType === SUMMARY && !name.endsWith('_bucket')) {
        return `collected metric named ${quoted()} collides with previously collected summary named ${goQuoteString(base)}`;
      }
      if (baseType === HISTOGRAM) {
        return `collected metric named ${quoted()} collides with previously collected histogram named ${goQuoteString(base)}`;
      }
    }
    const type = this.gatheredType(name);
    if (type === SUMMARY || type === HISTOGRAM) {
      for (const suffix of ['_count', '_sum']) {
        if (this.gatheredBefore(name + suffix, name)) {
          return `collected histogram or summary named ${quoted()} collides with previously collected metric named ${goQuoteString(name + suffix)}`;
        }
      }
    }
    if (type === HISTOGRAM && this.gatheredBefore(`${name}_bucket`, name)) {
      return `collected histogram named ${quoted()} collides with previously collected metric named ${goQuoteString(`${name}_bucket`)}`;
    }
    return undefined;
  }
}
