import { GatewayGroup } from '../gateway/groups';
import { describeAge, lastFailedPushSeconds, lastPushSeconds, lastSuccessGauge } from '../groups/groupHealth';
import { NamePattern } from '../groups/namePattern';
import { formatGroupingLabels } from '../protocol/labelText';
import { failure, Result, success } from '../result';
import { GroupSelector } from './selector';

/** Which groups to clean up: older than a threshold, and/or matching any of the selectors. */
export interface CleanupCriteria {
  readonly olderThanSeconds?: number;
  readonly selectors: readonly GroupSelector[];
}

export interface CleanupOptions {
  /** Unix seconds now. */
  readonly nowSeconds: number;
  /** The last-success gauge's names, the same pattern the explorer judges staleness by. */
  readonly lastSuccessPattern: NamePattern;
}

/** When a group last showed it was alive, and by what. */
interface GroupLife {
  readonly seconds: number;
  /** `last push`, `last success (backup_last_success_unixtime)`, `last failed push`. */
  readonly basis: string;
}

/** A group that would go, with what a person needs to decide: its key and its age. */
export interface CleanupCandidate {
  readonly group: GatewayGroup;
  /** `job=tmp_1 instance=a`. */
  readonly key: string;
  /** Seconds since the group last showed life; undefined when it never did. */
  readonly ageSeconds?: number;
  /** `last push 8 d ago`, `last success (x_last_success_unixtime) 9 d ago`, `never pushed`. */
  readonly ageText: string;
}

/**
 * When the group last showed life, judged as the explorer judges staleness: by the older of the
 * job's last-success gauge and the last push (a job that pushes but no longer succeeds is stale),
 * unless a push failed after that: somebody still pushes to the group, so it is not abandoned.
 */
export function lastSignOfLife(group: GatewayGroup, lastSuccessPattern: NamePattern): GroupLife | undefined {
  const pushed = lastPushSeconds(group);
  const succeeded = lastSuccessGauge(group, lastSuccessPattern);
  let life: GroupLife | undefined;
  if (succeeded && (pushed === undefined || succeeded.seconds <= pushed)) {
    life = { seconds: succeeded.seconds, basis: `last success (${succeeded.metric})` };
  } else if (pushed !== undefined) {
    life = { seconds: pushed, basis: 'last push' };
  }
  const failedAt = lastFailedPushSeconds(group);
  if (failedAt !== undefined && (life === undefined || failedAt > life.seconds)) {
    life = { seconds: failedAt, basis: 'last failed push' };
  }
  return life;
}

function candidate(group: GatewayGroup, options: CleanupOptions): CleanupCandidate {
  const life = lastSignOfLife(group, options.lastSuccessPattern);
  const key = formatGroupingLabels(group.labels);
  if (!life) {
    return { group, key, ageText: 'never pushed' };
  }
  const ageSeconds = Math.max(0, options.nowSeconds - life.seconds);
  return { group, key, ageSeconds, ageText: `${life.basis} ${describeAge(ageSeconds)} ago` };
}

/**
 * The groups that go: older than the threshold (when one is given) and matching at least one of the
 * selectors (when any are given), sorted by key. At least one criterion is required: wiping every
 * group is "Delete All Groups", not a clean-up.
 */
export function chooseGroups(groups: readonly GatewayGroup[], criteria: CleanupCriteria, options: CleanupOptions): Result<CleanupCandidate[]> {
  if (criteria.olderThanSeconds === undefined && criteria.selectors.length === 0) {
    return failure('say which groups to clean up: an age (older than, e.g. 7d) and/or a label selector (e.g. job=~"tmp_.*")');
  }
  const { olderThanSeconds, selectors } = criteria;
  const chosen = groups
    .filter((group) => selectors.length === 0 || selectors.some((selector) => selector.matches(group.labels)))
    .map((group) => candidate(group, options))
    .filter((found) => olderThanSeconds === undefined || (found.ageSeconds !== undefined && found.ageSeconds > olderThanSeconds));
  return success(chosen.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}
