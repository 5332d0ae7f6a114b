import { formatGroupingLabels } from '../protocol/labelText';
import { GatewayGroup } from '../gateway/groups';
import { NamePattern } from './namePattern';

/** How a group looks from the outside: the question the explorer answers at a glance. */
export type GroupHealth = 'failed' | 'stale' | 'healthy' | 'never-pushed';

export interface GroupAssessment {
  readonly health: GroupHealth;
  /** Unix seconds of the last successful push, when there was one. */
  readonly lastPushSeconds?: number;
  /** Unix seconds of the last failed push, when it is newer than the last success. */
  readonly lastFailureSeconds?: number;
  /** The job's own "last success" gauge, when the group has one: its name and value. */
  readonly lastSuccess?: { readonly metric: string; readonly seconds: number };
  /** Why the group is marked as it is, in a sentence. */
  readonly reason: string;
}

export interface HealthOptions {
  /** Unix seconds now. */
  readonly nowSeconds: number;
  /** A group whose last push (or last success gauge) is older than this is stale. */
  readonly staleAfterSeconds: number;
  /** Names of gauges that hold the job's last success time in Unix seconds (a RegExp, or a NamePattern from settings). */
  readonly lastSuccessPattern: NamePattern;
}

/** `*_last_success_unixtime` and `*_last_success_timestamp_seconds`, the two common spellings. */
export const DEFAULT_LAST_SUCCESS_PATTERN = /_last_success_(unixtime|timestamp_seconds)$/;

/** Unix seconds of the group's last successful push, when there was one. */
export function lastPushSeconds(group: GatewayGroup): number | undefined {
  return group.pushTimeSeconds && group.pushTimeSeconds > 0 ? group.pushTimeSeconds : undefined;
}

/** Unix seconds of the group's last failed push, when there was one. */
export function lastFailedPushSeconds(group: GatewayGroup): number | undefined {
  return group.pushFailureTimeSeconds && group.pushFailureTimeSeconds > 0 ? group.pushFailureTimeSeconds : undefined;
}

/** The job's last success: the most recent value of the first family whose name matches the pattern. */
export function lastSuccessGauge(group: GatewayGroup, pattern: NamePattern): { metric: string; seconds: number } | undefined {
  for (const family of group.families) {
    if (!pattern.test(family.name)) {
      continue;
    }
    // A loop, not Math.max(...values): a family can have more series than a call takes arguments.
    let latest = 0;
    for (const metric of family.metrics) {
      const value = Number(metric.value);
      if (Number.isFinite(value) && value > latest) {
        latest = value;
      }
    }
    if (latest > 0) {
      return { metric: family.name, seconds: latest };
    }
  }
  return undefined;
}

/** "3 min", "2 h", "4 d": ages the way a person says them. */
export function describeAge(seconds: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)} ${unit}`;
    }
  }
  return `${Math.max(0, Math.floor(seconds))} s`;
}

/** "25 h", "2 d", "90 min": a setting's duration in the largest unit that says it exactly (`describeAge` would say "1 d" for 25 h). */
export function describeThreshold(seconds: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
  ];
  const exact = units.find(([size]) => seconds >= size && seconds % size === 0);
  return exact ? `${seconds / exact[0]} ${exact[1]}` : `${seconds} s`;
}

/**
 * Judges a group: a failed last push first (the gateway still shows the old values), then
 * staleness — by the job's own last-success gauge when it has one (the golden rule: a job that
 * pushes but no longer succeeds is stale too), else by the last push time.
 */
export function assessGroup(group: GatewayGroup, options: HealthOptions): GroupAssessment {
  const pushed = lastPushSeconds(group);
  const failedAt = lastFailedPushSeconds(group);
  const lastSuccess = lastSuccessGauge(group, options.lastSuccessPattern);
  const base = { lastPushSeconds: pushed, lastSuccess };
  if (failedAt !== undefined && (pushed === undefined || failedAt > pushed)) {
    return {
      ...base,
      health: 'failed',
      lastFailureSeconds: failedAt,
      reason: `the last push failed ${describeAge(options.nowSeconds - failedAt)} ago; the gateway still serves the values of the push before it`,
    };
  }
  if (pushed === undefined) {
    return { ...base, health: 'never-pushed', reason: 'no push has succeeded for this group yet' };
  }
  const threshold = describeThreshold(options.staleAfterSeconds);
  if (lastSuccess && options.nowSeconds - lastSuccess.seconds > options.staleAfterSeconds) {
    return {
      ...base,
      health: 'stale',
      // The group may have been pushed a moment ago: say the age comes from the pushed gauge's value.
      reason: `the pushed gauge ${lastSuccess.metric} says the job last succeeded ${describeAge(options.nowSeconds - lastSuccess.seconds)} ago (more than ${threshold}); the group itself was pushed ${describeAge(options.nowSeconds - pushed)} ago`,
    };
  }
  if (options.nowSeconds - pushed > options.staleAfterSeconds) {
    return { ...base, health: 'stale', reason: `last pushed ${describeAge(options.nowSeconds - pushed)} ago (more than ${threshold}); the gateway keeps serving the old values` };
  }
  return { ...base, health: 'healthy', reason: `pushed ${describeAge(options.nowSeconds - pushed)} ago` };
}

const HEALTH_ORDER: Record<GroupHealth, number> = { failed: 0, stale: 1, 'never-pushed': 2, healthy: 3 };

export type GroupOrder = 'attention' | 'name';

/** Failed and stale groups first (then by name), or simply by name. */
export function compareGroups(order: GroupOrder) {
  // Each group's title is made once per sort, not once per comparison.
  const titles = new WeakMap<GatewayGroup, string>();
  const titleOf = (group: GatewayGroup) => {
    let title = titles.get(group);
    if (title === undefined) {
      title = formatGroupingLabels(group.labels);
      titles.set(group, title);
    }
    return title;
  };
  return (a: { group: GatewayGroup; assessment: GroupAssessment }, b: { group: GatewayGroup; assessment: GroupAssessment }): number => {
    const byHealth = order === 'attention' ? HEALTH_ORDER[a.assessment.health] - HEALTH_ORDER[b.assessment.health] : 0;
    const nameA = titleOf(a.group);
    const nameB = titleOf(b.group);
    return byHealth || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
  };
}
