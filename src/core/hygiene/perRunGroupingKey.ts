import { pathSegments, pathStartOf } from '../shell/pushUrl';
import { expansionsIn, ValueExpansion } from '../shell/words';

/** A grouping-key value of a push URL that changes from run to run. */
export interface PerRunValue {
  /** The grouping label whose value it is, e.g. `run_id` (`job` for the job segment). */
  readonly label: string;
  /** The expansion as written, e.g. `$RANDOM` or `$(date +%s)`. */
  readonly expansion: string;
  /** Its offset in the URL. */
  readonly offset: number;
  /** Why it changes, e.g. `a random number`. */
  readonly why: string;
}

export interface PerRunContext {
  /** The script runs in a Kubernetes CronJob's pod, whose host name is new on every run. */
  readonly cronJob?: boolean;
  /** The script runs in the pod of this kind of manifest (`CronJob`, `Job`): its host name is new on every run. */
  readonly podOf?: string;
  /**
   * Template expressions (`${{ github.run_id }}`) by the shell variable that stands for each in
   * the script (see `templateExpressionsAsVariables`): the CI fills them in before the shell runs.
   */
  readonly templateExpressions?: ReadonlyMap<string, string>;
}

const RANDOM = 'a random number, new on every run';
const PROCESS_ID = "the shell's process id, new on every run";
const CI_RUN = "the CI run's id, new on every run";
const TIME = 'the time of the run';
const podName = (kind: string) => `the ${kind} pod's name, new on every run`;

/** Parameters whose value differs on every run. */
const PER_RUN_PARAMETERS: Readonly<Record<string, string>> = {
  RANDOM,
  SRANDOM: RANDOM,
  $: PROCESS_ID,
  BASHPID: PROCESS_ID,
  EPOCHSECONDS: TIME,
  EPOCHREALTIME: TIME,
  BUILD_ID: CI_RUN,
  BUILD_NUMBER: CI_RUN,
  BUILD_TAG: CI_RUN,
  CI_JOB_ID: CI_RUN,
  CI_PIPELINE_ID: CI_RUN,
  GITHUB_RUN_ID: CI_RUN,
  GITHUB_RUN_NUMBER: CI_RUN,
  CI_PIPELINE_IID: CI_RUN,
  BUILDKITE_BUILD_ID: CI_RUN,
  CIRCLE_BUILD_NUM: CI_RUN,
  TRAVIS_BUILD_ID: CI_RUN,
  DRONE_BUILD_NUMBER: CI_RUN,
};

/** Commands whose output differs on every run, by their first word (and arguments where it matters). */
const PER_RUN_COMMANDS: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /^date\b/, why: TIME },
  { pattern: /^uuidgen\b/, why: 'a new UUID' },
  { pattern: /^cat\s+\/proc\/sys\/kernel\/random\/uuid\b/, why: 'a new UUID' },
  { pattern: /^(openssl\s+rand|mktemp|od\s.*\/dev\/u?random|head\s.*\/dev\/u?random)\b/, why: RANDOM },
];

/** GitHub Actions' `${{ github.run_id }}` and `${{ github.run_number }}` (`github['run_id']` too). */
const PER_RUN_EXPRESSION = /^\$\{\{\s*github(?:\.run_(?:id|number)|\[\s*'run_(?:id|number)'\s*\])\s*\}\}$/;

const POD_NAME_PARAMETERS = new Set(['HOSTNAME', 'POD_NAME']);
const POD_NAME_COMMAND = /^(hostname|uname\s+-n|cat\s+\/etc\/hostname)\s*$/;

/**
 * The per-run values in the grouping key of a push URL (`/metrics/job/<job>/<label>/<value>...`,
 * expansions written as in the script): each run makes a new group, and nothing ever deletes the
 * old ones. The job segment counts too. A URL without `/metrics/` gives none.
 */
export function perRunGroupingValues(url: string, context: PerRunContext = {}): PerRunValue[] {
  const expansions = expansionsIn(url);
  const pathStart = pathStartOf(url, expansions);
  if (pathStart < 0) {
    return [];
  }
  const segments = pathSegments(url, pathStart, expansions);
  const metrics = segments.findIndex((segment) => url.slice(segment.start, segment.end) === 'metrics');
  if (metrics < 0) {
    return [];
  }
  const found: PerRunValue[] = [];
  const pairs = segments.slice(metrics + 1);
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const label = url.slice(pairs[i].start, pairs[i].end).replace(/@base64$/, '');
    const value = pairs[i + 1];
    for (const expansion of expansions) {
      if (expansion.start < value.start || expansion.start >= value.end) {
        continue;
      }
      const why = perRunReason(expansion, context);
      if (why) {
        found.push({ label, expansion: expansion.text, offset: expansion.start, why });
      }
    }
  }
  return found;
}

/** The command of `$(...)` or `` `...` ``, without its brackets. */
function commandOf(expansion: ValueExpansion): string | undefined {
  if (expansion.kind === 'command') {
    return expansion.text.slice(2, expansion.text.endsWith(')') ? -1 : undefined).trim();
  }
  if (expansion.kind === 'backtick') {
    return expansion.text.slice(1, expansion.text.length > 1 && expansion.text.endsWith('`') ? -1 : undefined).trim();
  }
  return undefined;
}

function perRunReason(expansion: ValueExpansion, context: PerRunContext): string | undefined {
  const pod = context.podOf ?? (context.cronJob ? 'CronJob' : undefined);
  const expression = context.templateExpressions?.get(expansion.text);
  if (expression !== undefined) {
    return PER_RUN_EXPRESSION.test(expression) ? CI_RUN : undefined;
  }
  if (expansion.kind === 'parameter' && expansion.name !== undefined) {
    if (pod && POD_NAME_PARAMETERS.has(expansion.name)) {
      return podName(pod);
    }
    return PER_RUN_PARAMETERS[expansion.name];
  }
  const command = commandOf(expansion);
  if (command !== undefined) {
    if (pod && POD_NAME_COMMAND.test(command)) {
      return podName(pod);
    }
    return PER_RUN_COMMANDS.find(({ pattern }) => pattern.test(command))?.why;
  }
  return undefined;
}
