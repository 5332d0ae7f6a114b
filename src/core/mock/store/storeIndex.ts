import { CHECKED_TYPES, FamilyFacts, sameKeys, StoredFamily } from './metricChecks';
import { baseOfSuffixed } from './suffixes';

// The store's indexes, kept up to date on every write so that the consistency check of a push
// only looks at what the push touches:
//   owners      family name -> the groups holding a family of that name, each with a sequence
//               number (the order they got it in; a replaced family keeps its number)
//   order       family name -> sequence number of its first appearance (the "gather order")
//   totals      per family name, how many stored metrics lack each type's value field or have a
//               label the check refuses
//   series      series identity (name + labels) -> where it is stored (owner, position)
//   duplicates  family name -> the series identities stored more than once
//   problems    family names that currently fail the check (GET /metrics answers 500 while any do)

/**
 * A group's family of one name. The series index points at owners, not at stored families, so a
 * family replaced by one with the same series in the same order (a push repeated) only swaps
 * `stored` here instead of re-indexing every series.
 */
export interface Owner {
  readonly groupKey: string;
  readonly stored: StoredFamily;
  readonly seq: number;
}

interface MutableOwner extends Owner {
  stored: StoredFamily;
}

/** One stored metric with a given series identity: the metric at `index` of the owner's family. */
export interface Occurrence {
  readonly owner: Owner;
  readonly index: number;
}

interface NameTotals {
  missing: number[];
  invalid: number;
}

export class StoreIndex {
  private readonly ownersByName = new Map<string, Map<string, MutableOwner>>();
  private nextOwnerSeq = 0;
  private readonly orderByName = new Map<string, number>();
  private nextOrder = 0;
  private readonly totalsByName = new Map<string, NameTotals>();
  /** One occurrence as itself (nearly every series is stored once), several in an array. */
  private readonly occurrencesByKey = new Map<string, Occurrence | Occurrence[]>();
  private readonly duplicatesByName = new Map<string, Set<string>>();
  /** x -> how many stored names are x_count, x_sum or x_bucket (so a push asks about a name's suffixed relatives only when there are some). */
  private readonly suffixedByBase = new Map<string, number>();
  /** Family names whose consistency check fails in the current store. */
  readonly problemNames = new Set<string>();
  private brokenNative = 0;

  /** How many stored metrics are native histograms 1.11.2 cannot list (see nativeBuckets.ts). */
  get brokenNativeHistograms(): number {
    return this.brokenNative;
  }

  owners(name: string): ReadonlyMap<string, Owner> | undefined {
    return this.ownersByName.get(name);
  }

  names(): IterableIterator<string> {
    return this.ownersByName.keys();
  }

  order(name: string): number | undefined {
    return this.orderByName.get(name);
  }

  /** The order a name first appearing now would get. */
  get nextOrderNumber(): number {
    return this.nextOrder;
  }

  missing(name: string, type: number): number {
    return this.totalsByName.get(name)?.missing[type] ?? 0;
  }

  invalid(name: string): number {
    return this.totalsByName.get(name)?.invalid ?? 0;
  }

  occurrences(key: string): readonly Occurrence[] {
    const found = this.occurrencesByKey.get(key);
    return found === undefined ? [] : Array.isArray(found) ? found : [found];
  }

  /** Whether the series is stored anywhere but in this group. */
  storedOutside(key: string, groupKey: string): boolean {
    const found = this.occurrencesByKey.get(key);
    if (found === undefined) {
      return false;
    }
    return Array.isArray(found) ? found.some((occurrence) => occurrence.owner.groupKey !== groupKey) : found.owner.groupKey !== groupKey;
  }

  /** Whether any of x_count, x_sum, x_bucket is stored, for x = `name`. */
  hasSuffixedRelative(name: string): boolean {
    return this.suffixedByBase.has(name);
  }

  duplicateKeys(name: string): ReadonlySet<string> {
    return this.duplicatesByName.get(name) ?? EMPTY_SET;
  }

  /** Sets (or, with undefined, removes) the family `name` of a group; a replaced family keeps its place. */
  set(groupKey: string, name: string, stored: StoredFamily | undefined): void {
    const owners = this.ownersByName.get(name);
    const previous = owners?.get(groupKey);
    const replaced = previous?.stored;
    this.countFacts(name, replaced, stored);
    if (previous !== undefined && replaced !== undefined && stored !== undefined && sameKeys(replaced.facts.keys, stored.facts.keys)) {
      previous.stored = stored;
      return;
    }
    if (previous !== undefined) {
      this.removeOccurrences(name, previous);
    }
    if (stored === undefined) {
      this.removeOwner(name, groupKey);
      return;
    }
    let owner = previous;
    if (owner === undefined) {
      owner = { groupKey, stored, seq: this.nextOwnerSeq++ };
      if (owners === undefined) {
        this.ownersByName.set(name, new Map<string, MutableOwner>().set(groupKey, owner));
        this.orderByName.set(name, this.nextOrder++);
        this.countSuffixed(name, 1);
      } else {
        owners.set(groupKey, owner);
      }
    } else {
      owner.stored = stored;
    }
    this.addOccurrences(name, owner);
  }

  clear(): void {
    this.ownersByName.clear();
    this.orderByName.clear();
    this.totalsByName.clear();
    this.occurrencesByKey.clear();
    this.duplicatesByName.clear();
    this.suffixedByBase.clear();
    this.problemNames.clear();
    this.brokenNative = 0;
  }

  private removeOwner(name: string, groupKey: string): void {
    const owners = this.ownersByName.get(name);
    owners?.delete(groupKey);
    if (owners !== undefined && owners.size === 0) {
      this.ownersByName.delete(name);
      this.orderByName.delete(name);
      this.countSuffixed(name, -1);
      this.totalsByName.delete(name);
      this.duplicatesByName.delete(name);
    }
  }

  private countSuffixed(name: string, sign: 1 | -1): void {
    const base = baseOfSuffixed(name);
    if (base === undefined) {
      return;
    }
    const count = (this.suffixedByBase.get(base) ?? 0) + sign;
    if (count === 0) {
      this.suffixedByBase.delete(base);
    } else {
      this.suffixedByBase.set(base, count);
    }
  }

  /** Moves the name's totals from the facts of `removed` to those of `added`. */
  private countFacts(name: string, removed: StoredFamily | undefined, added: StoredFamily | undefined): void {
    if (removed === undefined && added === undefined) {
      return;
    }
    let totals = this.totalsByName.get(name);
    if (totals === undefined) {
      totals = { missing: new Array<number>(CHECKED_TYPES).fill(0), invalid: 0 };
      this.totalsByName.set(name, totals);
    }
    if (removed !== undefined) {
      this.addToTotals(totals, removed.facts, -1);
    }
    if (added !== undefined) {
      this.addToTotals(totals, added.facts, 1);
    }
  }

  private addToTotals(totals: NameTotals, facts: FamilyFacts, sign: 1 | -1): void {
    for (let type = 0; type < CHECKED_TYPES; type++) {
      totals.missing[type] += sign * facts.missing[type];
    }
    totals.invalid += sign * facts.invalid;
    this.brokenNative += sign * facts.brokenNative;
  }

  private addOccurrences(name: string, owner: Owner): void {
    const keys = owner.stored.facts.keys;
    for (let index = 0; index < keys.length; index++) {
      this.addOccurrence(name, keys[index], { owner, index });
    }
  }

  private removeOccurrences(name: string, owner: Owner): void {
    const keys = owner.stored.facts.keys;
    for (let index = 0; index < keys.length; index++) {
      this.removeOccurrence(name, keys[index], owner, index);
    }
  }

  private addOccurrence(name: string, key: string, occurrence: Occurrence): void {
    const found = this.occurrencesByKey.get(key);
    if (found === undefined) {
      this.occurrencesByKey.set(key, occurrence);
      return;
    }
    if (Array.isArray(found)) {
      found.push(occurrence);
    } else {
      this.occurrencesByKey.set(key, [found, occurrence]);
    }
    let duplicates = this.duplicatesByName.get(name);
    if (duplicates === undefined) {
      duplicates = new Set();
      this.duplicatesByName.set(name, duplicates);
    }
    duplicates.add(key);
  }

  private removeOccurrence(name: string, key: string, owner: Owner, index: number): void {
    const found = this.occurrencesByKey.get(key);
    if (!Array.isArray(found)) {
      if (found !== undefined && found.owner === owner && found.index === index) {
        this.occurrencesByKey.delete(key);
      }
      return;
    }
    const at = found.findIndex((occurrence) => occurrence.owner === owner && occurrence.index === index);
    if (at >= 0) {
      found.splice(at, 1);
    }
    if (found.length >= 2) {
      return;
    }
    if (found.length === 1) {
      this.occurrencesByKey.set(key, found[0]);
    } else {
      this.occurrencesByKey.delete(key);
    }
    const duplicates = this.duplicatesByName.get(name);
    duplicates?.delete(key);
    if (duplicates?.size === 0) {
      this.duplicatesByName.delete(name);
    }
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set();
