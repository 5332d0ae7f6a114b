import { missingFor, sameKeys, StoredFamily } from './metricChecks';
import { Metric } from '../model';
import { StoreIndex } from './storeIndex';

/** One group's families before and after a write (a push, a failure record, a delete). */
export interface GroupChange {
  readonly groupKey: string;
  readonly before: ReadonlyMap<string, StoredFamily>;
  readonly after: ReadonlyMap<string, StoredFamily>;
}

/**
 * The store as the consistency check sees it: the indexed store, optionally with one group's
 * change applied on top without touching the indexes. Every question is answered from the
 * indexes plus the changed group, so it costs the size of that group's change, not of the store.
 */
export class StoreView {
  private readonly newOrder = new Map<string, number>();

  constructor(
    private readonly index: StoreIndex,
    private readonly change?: GroupChange,
  ) {
    if (change !== undefined) {
      let next = index.nextOrderNumber;
      for (const name of change.after.keys()) {
        if (index.owners(name) === undefined) {
          this.newOrder.set(name, next++);
        }
      }
    }
  }

  /** Whether any group holds a family of this name. */
  exists(name: string): boolean {
    return this.firstFamily(name) !== undefined;
  }

  /** The position of the name in the order families are gathered in. */
  order(name: string): number {
    return this.index.order(name) ?? this.newOrder.get(name) ?? Number.MAX_SAFE_INTEGER;
  }

  /** The families of this name, group by group, in gather order. */
  *families(name: string): Generator<StoredFamily> {
    const change = this.change;
    const owners = this.index.owners(name);
    let changedSeen = false;
    for (const [groupKey, { stored }] of owners ?? []) {
      if (change === undefined || groupKey !== change.groupKey) {
        yield stored;
        continue;
      }
      changedSeen = true;
      const replacement = change.after.get(name);
      if (replacement !== undefined) {
        yield replacement;
      }
    }
    const added = change?.after.get(name);
    if (!changedSeen && added !== undefined) {
      yield added;
    }
  }

  /** The family whose type and help the merged family takes (the first one gathered). */
  firstFamily(name: string): StoredFamily | undefined {
    const change = this.change;
    for (const [groupKey, { stored }] of this.index.owners(name) ?? []) {
      if (change === undefined || groupKey !== change.groupKey) {
        return stored;
      }
      const replacement = change.after.get(name);
      if (replacement !== undefined) {
        return replacement;
      }
    }
    // No other group holds the name: the changed group's family, if it has one now.
    return change?.after.get(name);
  }

  missing(name: string, type: number): number {
    return this.index.missing(name, type) - this.changed(name, (stored) => missingFor(stored.facts, type));
  }

  invalid(name: string): number {
    return this.index.invalid(name) - this.changed(name, (stored) => stored.facts.invalid);
  }

  /**
   * The metrics of this name whose series was gathered before, in gather order: for each series
   * stored more than once, every occurrence but the first. Found through the series index, so it
   * costs the duplicates and the changed group's family, not the family's size.
   */
  repeatedSeries(name: string): Metric[] {
    const change = this.change;
    const changedFamily = change?.after.get(name);
    const storedDuplicates = this.index.duplicateKeys(name);
    const changedIndexes = change === undefined || this.sameSeriesAsBefore(name, storedDuplicates) ? undefined : this.repeatedInChange(name, changedFamily, change.groupKey);
    if (changedIndexes === undefined && storedDuplicates.size === 0) {
      return [];
    }
    const candidates = new Set(storedDuplicates);
    for (const key of changedIndexes?.keys() ?? []) {
      candidates.add(key);
    }
    const changedSeq = change === undefined ? undefined : (this.index.owners(name)?.get(change.groupKey)?.seq ?? Number.MAX_SAFE_INTEGER);
    const repeated: PlacedMetric[] = [];
    for (const key of candidates) {
      const placed = this.placedOccurrences(key, changedFamily, changedIndexes?.get(key), changedSeq);
      if (placed.length >= 2) {
        placed.sort(comparePlaced);
        for (let i = 1; i < placed.length; i++) {
          repeated.push(placed[i]);
        }
      }
    }
    return repeated.sort(comparePlaced).map((placed) => placed.metric);
  }

  /**
   * Whether the changed group's family of this name holds the same series in the same order as
   * before while no series of the name is stored twice: then it repeats none (a push sent again).
   */
  private sameSeriesAsBefore(name: string, storedDuplicates: ReadonlySet<string>): boolean {
    const before = this.change?.before.get(name);
    const after = this.change?.after.get(name);
    return storedDuplicates.size === 0 && before !== undefined && after !== undefined && sameKeys(before.facts.keys, after.facts.keys);
  }

  /**
   * Where the changed family holds a series that is repeated, within the family or elsewhere in
   * the store: series key -> its indexes in the family; undefined when there is none. A series
   * stored once (and, if stored already, only in the changed group itself) is left out, so a big
   * family whose series are all new costs one look-up per series and no list; none at all when no
   * other group holds the name (then a set of its keys tells whether any repeats).
   */
  private repeatedInChange(name: string, changedFamily: StoredFamily | undefined, groupKey: string): Map<string, number[]> | undefined {
    const keys = changedFamily?.facts.keys ?? [];
    // Only another group's family of this name can hold one of the series.
    const elsewhere = this.ownedOutside(name, groupKey);
    if (!elsewhere && keys.length > SMALL_FAMILY && new Set(keys).size === keys.length) {
      return undefined;
    }
    // A small family is searched instead of mapped (most families have a handful of series).
    const firstIndex = keys.length > SMALL_FAMILY ? new Map<string, number>() : undefined;
    const seenBefore = (key: string, index: number) => {
      if (firstIndex !== undefined) {
        return firstIndex.get(key);
      }
      const at = keys.indexOf(key);
      return at < index ? at : undefined;
    };
    let repeated: Map<string, number[]> | undefined;
    keys.forEach((key, index) => {
      const seenAt = seenBefore(key, index);
      if (seenAt === undefined) {
        firstIndex?.set(key, index);
        if (elsewhere && this.index.storedOutside(key, groupKey)) {
          repeated ??= new Map();
          repeated.set(key, [index]);
        }
        return;
      }
      repeated ??= new Map();
      const list = repeated.get(key);
      if (list === undefined) {
        repeated.set(key, [seenAt, index]);
      } else {
        list.push(index);
      }
    });
    return repeated;
  }

  /** Whether a group other than `groupKey` holds a family of this name. */
  private ownedOutside(name: string, groupKey: string): boolean {
    for (const owner of this.index.owners(name)?.keys() ?? []) {
      if (owner !== groupKey) {
        return true;
      }
    }
    return false;
  }

  /** The stored occurrences of a series, the changed group's replaced by its new family's (at `changedIndexes`). */
  private placedOccurrences(key: string, changedFamily: StoredFamily | undefined, changedIndexes: readonly number[] | undefined, changedSeq: number | undefined): PlacedMetric[] {
    const placed: PlacedMetric[] = [];
    for (const occurrence of this.index.occurrences(key)) {
      const owner = occurrence.owner;
      if (this.change === undefined || owner.groupKey !== this.change.groupKey) {
        placed.push({ metric: owner.stored.family.metrics[occurrence.index], seq: owner.seq, index: occurrence.index });
      }
    }
    if (changedFamily !== undefined) {
      for (const index of changedIndexes ?? []) {
        placed.push({ metric: changedFamily.family.metrics[index], seq: changedSeq ?? 0, index });
      }
    }
    return placed;
  }

  /** `measure(before) - measure(after)` for the changed group's family of this name. */
  private changed(name: string, measure: (stored: StoredFamily) => number): number {
    const change = this.change;
    if (change === undefined) {
      return 0;
    }
    const before = change.before.get(name);
    const after = change.after.get(name);
    return (before === undefined ? 0 : measure(before)) - (after === undefined ? 0 : measure(after));
  }
}

/** Up to this many series, a family's repeated series are found by searching its keys. */
const SMALL_FAMILY = 16;

/** A metric with its place in gather order: its group's place among the family's owners, then its index. */
interface PlacedMetric {
  readonly metric: Metric;
  readonly seq: number;
  readonly index: number;
}

function comparePlaced(a: PlacedMetric, b: PlacedMetric): number {
  return a.seq - b.seq || a.index - b.index;
}
