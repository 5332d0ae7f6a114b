import { Micros, unixSeconds, WriteClock } from '../clock';
import { gatherErrors, multiErrorText } from './consistency';
import { CheckRules, FamilyFacts, StoredFamily, storedFamily } from './metricChecks';
import { gaugeFamily, MetricFamily } from '../model';
import { GroupingLabels, groupSeriesLabels, sanitizeFamily } from './sanitize';
import { SelfMetrics } from './selfMetrics';
import { StoreIndex } from './storeIndex';
import { baseOfSuffixed, COLLISION_SUFFIXES } from './suffixes';
import { GroupChange, StoreView } from './storeView';
import { groupLabelsId } from '../../protocol/groupingKey';

// The mock's metric store: groups keyed by their grouping labels, written like the real
// DiskMetricStore (PUT replaces the group, POST the pushed families, a refused push records its
// failure), and checked like checkWriteRequest, but through indexes (see storeIndex.ts) instead of
// gathering the whole store on every push: a push costs what it pushes.

export const PUSH_TIME_FAMILY = 'push_time_seconds';
export const PUSH_FAILURE_TIME_FAMILY = 'push_failure_time_seconds';
const PUSH_TIME_HELP = 'Last Unix time when changing this group in the Pushgateway succeeded.';
const PUSH_FAILURE_TIME_HELP = 'Last Unix time when changing this group in the Pushgateway failed.';
const INCONSISTENT_PREFIX = 'pushed metrics are invalid or inconsistent with existing metrics: ';
const TIMESTAMP_ERROR = 'pushed metrics must not have timestamps';

export interface Group {
  readonly key: string;
  readonly labels: GroupingLabels;
  readonly families: ReadonlyMap<string, StoredFamily>;
}

export interface PushRequest {
  readonly grouping: GroupingLabels;
  /** Parsed families, in body order; sanitized in place. */
  readonly families: readonly MetricFamily[];
  /** PUT (true) replaces the group, POST (false) the pushed families. */
  readonly replace: boolean;
  /** The families' facts, when preparePush already sanitized them and computed these (in slices). */
  readonly prepared?: ReadonlyMap<MetricFamily, FamilyFacts>;
}

export type PushOutcome = { ok: true } | { ok: false; error: string };

function hasTimestamps(families: readonly MetricFamily[]): boolean {
  return families.some((family) => family.metrics.some((metric) => metric.timestampMs !== undefined));
}

function sanitizeUnprepared(request: PushRequest): void {
  if (request.prepared === undefined) {
    for (const family of request.families) {
      sanitizeFamily(family, request.grouping);
    }
  }
}

export class MockStore {
  private readonly groupsByKey = new Map<string, Group>();
  private readonly index = new StoreIndex();
  private writes = 0;

  constructor(
    private readonly self: SelfMetrics,
    private readonly clock: WriteClock,
    /** How the consistency check judges and dumps a metric: like Pushgateway 1.5 or 1.11. */
    private readonly rules: CheckRules,
  ) {
    // A request family of the gateway appearing can make a stored family of that name inconsistent.
    self.requests.onAppear((names) => this.refreshProblems(names.flatMap((name) => this.withSuffixRelatives(name))));
  }

  /** Every group, oldest first. */
  groups(): IterableIterator<Group> {
    return this.groupsByKey.values();
  }

  group(grouping: GroupingLabels): Group | undefined {
    return this.groupsByKey.get(groupLabelsId(grouping));
  }

  /** Family names with the families of that name, group by group (the merge /metrics shows). */
  *familiesByName(): Generator<[string, StoredFamily[]]> {
    for (const name of this.index.names()) {
      yield [name, [...(this.index.owners(name)?.values() ?? [])].map((owner) => owner.stored)];
    }
  }

  /** Grows with every change of the stored groups (persistence writes only when it moved). */
  get writeCount(): number {
    return this.writes;
  }

  /** Family names in gather order, each with the keys of the groups holding it in gather order. */
  *gatherOrder(): Generator<[string, string[]]> {
    for (const name of this.index.names()) {
      yield [name, [...(this.index.owners(name)?.keys() ?? [])]];
    }
  }

  /**
   * Replaces the contents with saved groups (oldest first) and their saved gather order (see
   * persistence.ts). The indexes get the same set() calls live writes make, name by name in gather
   * order, so names, owners and series come out in the same relative order as before the save;
   * the problem names are then checked afresh, as apply() does for the names a write touches.
   * The caller guarantees that the gather order names every family of every group exactly once.
   */
  restore(groups: readonly Group[], gatherOrder: Iterable<readonly [string, readonly string[]]>): void {
    this.wipe();
    for (const group of groups) {
      this.groupsByKey.set(group.key, group);
    }
    const names: string[] = [];
    for (const [name, groupKeys] of gatherOrder) {
      for (const groupKey of groupKeys) {
        this.index.set(groupKey, name, this.groupsByKey.get(groupKey)?.families.get(name));
      }
      names.push(...this.withSuffixRelatives(name));
    }
    this.refreshProblems(names);
  }

  /** A PUT or POST: checked, then applied or recorded as a failure. */
  push(request: PushRequest): PushOutcome {
    const time = this.clock.next();
    if (hasTimestamps(request.families)) {
      this.recordFailure(request.grouping, time);
      return { ok: false, error: INCONSISTENT_PREFIX + TIMESTAMP_ERROR };
    }
    sanitizeUnprepared(request);
    const change = this.pushChange(request, time);
    const errors = gatherErrors(new StoreView(this.index, change), this.self, this.candidates(change), this.rules);
    if (errors.length > 0) {
      this.recordFailure(request.grouping, time);
      return { ok: false, error: INCONSISTENT_PREFIX + multiErrorText(errors.map((error) => error.message)) };
    }
    // The check passed on every name this write can change and every name failing before, judged
    // on the store as it is after the write: no name is a problem any more.
    this.apply(change, request.grouping, true);
    return { ok: true };
  }

  /**
   * A PUT or POST to a gateway started with --push.disable-consistency-check: applied without the
   * consistency check (what it would have refused shows when GET /metrics gathers); the store still
   * refuses timestamps, silently: the push only records its failure.
   */
  pushUnchecked(request: PushRequest): void {
    const time = this.clock.next();
    if (hasTimestamps(request.families)) {
      this.recordFailure(request.grouping, time);
      return;
    }
    sanitizeUnprepared(request);
    this.apply(this.pushChange(request, time), request.grouping);
  }

  delete(grouping: GroupingLabels): void {
    const key = groupLabelsId(grouping);
    const group = this.groupsByKey.get(key);
    if (group !== undefined) {
      this.apply({ groupKey: key, before: group.families, after: new Map() }, grouping);
    }
  }

  wipe(): void {
    this.writes++;
    this.groupsByKey.clear();
    this.index.clear();
  }

  /** Whether a stored native histogram is one 1.11.2 cannot list (kept counted, not scanned for). */
  holdsBrokenNativeHistogram(): boolean {
    return this.index.brokenNativeHistograms > 0;
  }

  /** What GET /metrics would report as gathering errors (empty: it can be served). */
  gatherErrorMessages(): string[] {
    return gatherErrors(new StoreView(this.index), this.self, this.index.problemNames, this.rules).map((error) => error.message);
  }

  /** processWriteRequest on a copy of the group: its families after the push. */
  private pushChange(request: PushRequest, time: Micros): GroupChange {
    const key = groupLabelsId(request.grouping);
    const before = this.groupsByKey.get(key)?.families ?? new Map<string, StoredFamily>();
    const after = new Map(before);
    if (request.replace) {
      const pushedNames = new Set(request.families.map((family) => family.name));
      for (const name of before.keys()) {
        if (name !== PUSH_TIME_FAMILY && name !== PUSH_FAILURE_TIME_FAMILY && !pushedNames.has(name)) {
          after.delete(name);
        }
      }
    }
    const written = new Map(request.families.map((family) => [family.name, family]));
    written.set(PUSH_TIME_FAMILY, this.timeFamily(PUSH_TIME_FAMILY, PUSH_TIME_HELP, request.grouping, time));
    // A group keeps its failure time; only a new one gets a zero (so a pushed one survives only in an existing group).
    if (!before.has(PUSH_FAILURE_TIME_FAMILY)) {
      written.set(PUSH_FAILURE_TIME_FAMILY, this.timeFamily(PUSH_FAILURE_TIME_FAMILY, PUSH_FAILURE_TIME_HELP, request.grouping, undefined));
    }
    for (const [name, family] of written) {
      after.set(name, storedFamily(family, time, request.prepared?.get(family), before.get(name)));
    }
    return { groupKey: key, before, after };
  }

  /** setPushFailedTimestamp: the failure time now, and a zero push time if the group has none. */
  private recordFailure(grouping: GroupingLabels, time: Micros): void {
    const key = groupLabelsId(grouping);
    const before = this.groupsByKey.get(key)?.families ?? new Map<string, StoredFamily>();
    const after = new Map(before);
    after.set(PUSH_FAILURE_TIME_FAMILY, storedFamily(this.timeFamily(PUSH_FAILURE_TIME_FAMILY, PUSH_FAILURE_TIME_HELP, grouping, time), time));
    if (!after.has(PUSH_TIME_FAMILY)) {
      after.set(PUSH_TIME_FAMILY, storedFamily(this.timeFamily(PUSH_TIME_FAMILY, PUSH_TIME_HELP, grouping, undefined), time));
    }
    this.apply({ groupKey: key, before, after }, grouping);
  }

  private timeFamily(name: string, help: string, grouping: GroupingLabels, time: Micros | undefined): MetricFamily {
    return gaugeFamily(name, help, groupSeriesLabels(grouping), time === undefined ? 0 : unixSeconds(time));
  }

  /** The names whose check can change with this change: the ones it touches and their suffix relatives. */
  private touchedNames(change: GroupChange): string[] {
    const touched: string[] = [];
    for (const [name, before] of change.before) {
      if (before !== change.after.get(name)) {
        touched.push(...this.withSuffixRelatives(name));
      }
    }
    for (const name of change.after.keys()) {
      if (!change.before.has(name)) {
        touched.push(...this.withSuffixRelatives(name));
      }
    }
    return touched;
  }

  /**
   * The name and those whose suffix-collision check involves it: x for x_count, x_sum or x_bucket,
   * and x_count, x_sum, x_bucket for x. A relative matters only where it is stored: one a change
   * stores is touched itself, the others are in the index (the suffixed ones asked for only when
   * one of them is).
   */
  private withSuffixRelatives(name: string): string[] {
    const names = [name];
    const base = baseOfSuffixed(name);
    if (base !== undefined) {
      names.push(base);
    }
    if (this.index.hasSuffixedRelative(name)) {
      for (const suffix of COLLISION_SUFFIXES) {
        names.push(name + suffix);
      }
    }
    return names;
  }

  private candidates(change: GroupChange): string[] {
    const candidates = this.touchedNames(change);
    for (const name of this.index.problemNames) {
      candidates.push(name);
    }
    return candidates;
  }

  /** `checked`: the consistency check passed on this change (see push), so the problems need no refresh. */
  private apply(change: GroupChange, grouping: GroupingLabels, checked = false): void {
    this.writes++;
    for (const [name, before] of change.before) {
      const after = change.after.get(name);
      if (before !== after) {
        this.index.set(change.groupKey, name, after);
      }
    }
    for (const [name, after] of change.after) {
      if (!change.before.has(name)) {
        this.index.set(change.groupKey, name, after);
      }
    }
    if (change.after.size === 0) {
      this.groupsByKey.delete(change.groupKey);
    } else {
      this.groupsByKey.set(change.groupKey, { key: change.groupKey, labels: grouping, families: change.after });
    }
    if (checked) {
      this.index.problemNames.clear();
    } else {
      this.refreshProblems(this.touchedNames(change));
    }
  }

  /** Re-checks the touched names against the store as it is now. */
  private refreshProblems(names: readonly string[]): void {
    const failing = new Set(gatherErrors(new StoreView(this.index), this.self, names, this.rules).map((error) => error.name));
    for (const name of names) {
      if (failing.has(name)) {
        this.index.problemNames.add(name);
      } else {
        this.index.problemNames.delete(name);
      }
    }
  }
}
