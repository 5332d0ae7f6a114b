import { escapeLabelValue } from '../exposition/escape';
import { groupLabelsId } from '../protocol/groupingKey';

/**
 * A job's groups that differ only in one grouping label (`run_id`, a timestamp, a pod name): each
 * run made a new group that nothing deletes, and the gateway keeps them all.
 */
export interface GroupPileUp {
  readonly job: string;
  /** The one label whose values differ. */
  readonly label: string;
  readonly groupCount: number;
  /** The labels all of them share besides `job`. */
  readonly sharedLabels: Readonly<Record<string, string>>;
  /** The selector that chooses exactly these groups, for Clean Up Groups: `{job="backup_db", run_id!=""}`. */
  readonly selector: string;
}

/** Anything with grouping labels, `job` among them. */
interface Labelled {
  readonly labels: Readonly<Record<string, string>>;
}

function quoted(value: string): string {
  return `"${escapeLabelValue(value)}"`;
}

/**
 * The pile's labels pinned, the differing one present, and every other label the job's groups use
 * absent (`env=""`): a group of the same job with one more label is not of the pile.
 */
function selectorFor(job: string, label: string, sharedLabels: Readonly<Record<string, string>>, jobLabels: readonly string[]): string {
  const absent = jobLabels.filter((name) => name !== label && !(name in sharedLabels));
  const matchers = [`job=${quoted(job)}`, ...Object.entries(sharedLabels).map(([name, value]) => `${name}=${quoted(value)}`), `${label}!=""`, ...absent.map((name) => `${name}=""`)];
  return `{${matchers.join(', ')}}`;
}

function without(labels: Readonly<Record<string, string>>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([name]) => !names.includes(name)));
}

/** The largest set of a job's groups that share every label but `label`, all having it. */
function largestBucket(groups: readonly Labelled[], label: string): Labelled[] {
  const buckets = new Map<string, Labelled[]>();
  for (const group of groups) {
    if (!(label in group.labels)) {
      continue;
    }
    const id = groupLabelsId(without(group.labels, label));
    const bucket = buckets.get(id) ?? [];
    bucket.push(group);
    buckets.set(id, bucket);
  }
  let largest: Labelled[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length > largest.length) {
      largest = bucket;
    }
  }
  return largest;
}

/** Per job, the largest pile of at least `threshold` groups that differ only in one label; jobs by name. */
export function findPileUps(groups: readonly Labelled[], threshold: number): GroupPileUp[] {
  const byJob = new Map<string, Labelled[]>();
  for (const group of groups) {
    const job = group.labels.job ?? '';
    const list = byJob.get(job) ?? [];
    list.push(group);
    byJob.set(job, list);
  }
  const pileUps: GroupPileUp[] = [];
  for (const [job, jobGroups] of [...byJob.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (jobGroups.length < threshold) {
      continue;
    }
    const labels = [...new Set(jobGroups.flatMap((group) => Object.keys(group.labels)))].filter((name) => name !== 'job').sort();
    let best: { label: string; bucket: Labelled[] } | undefined;
    for (const label of labels) {
      const bucket = largestBucket(jobGroups, label);
      if (bucket.length >= threshold && bucket.length > (best?.bucket.length ?? 0)) {
        best = { label, bucket };
      }
    }
    if (best) {
      const sharedLabels = without(best.bucket[0].labels, 'job', best.label);
      pileUps.push({ job, label: best.label, groupCount: best.bucket.length, sharedLabels, selector: selectorFor(job, best.label, sharedLabels, labels) });
    }
  }
  return pileUps;
}

/** The warning row's text: `backup_db: 120 groups differ only in run_id`. */
export function pileUpText(pileUp: GroupPileUp): string {
  return `${pileUp.job}: ${pileUp.groupCount} groups differ only in ${pileUp.label}`;
}

/** The warning row's tooltip (Markdown): why it matters and what its action does. */
export function pileUpTooltip(pileUp: GroupPileUp): string {
  return [
    `**${pileUp.groupCount} groups of job \`${pileUp.job}\`** differ only in the label \`${pileUp.label}\`.`,
    'A grouping key with a per-run value makes a new group on every run, and the gateway keeps every one until it is deleted.',
    `"Clean Up These Groups…" previews the groups matching \`${pileUp.selector}\` before anything is deleted.`,
  ].join('\n\n');
}
