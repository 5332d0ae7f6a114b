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
}

const RANDOM = 'a random number, new on every run';
const PROCESS_ID = "the shell's process id, new on every run";
const CI_RUN = "the CI run's id, new on every run";
const TIME = 'the time of the run';
const POD_NAME = "the CronJob pod's name, new on every run";

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

const POD_NAME_PARAMETERS = new Set(['HOSTNAME', 'POD_NAME']);
const POD_NAME_COMMAND = /^(hostname|uname\s+-n|cat\s+\/etc\/hostname)\s*$/;

/**
 * The per-run values in the grouping key of a push URL (`/metrics/job/<job>/<label>/<value>...`,
 * expansions written as in the script): each run makes a new group, and nothing ever deletes the
 * old ones. The job segment counts too. A URL without `/metrics/` gives none.
 */
export function perRunGroupingValues(url: string, context: PerRunContext = {}): PerRunValue[] {
  const segments = pathSegments(url);
  const metrics = segments.findIndex((segment) => segment.text === 'metrics');
  if (metrics < 0) {
    return [];
  }
  const found: PerRunValue[] = [];
  const pairs = segments.slice(metrics + 1);
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const label = pairs[i].text.replace(/@base64$/, '');
    const value = pairs[i + 1];
    for (const expansion of expansionsIn(value.text)) {
      const why = perRunReason(expansion, context);
      if (why) {
        found.push({ label, expansion: expansion.text, offset: value.offset + expansion.start, why });
      }
    }
  }
  return found;
}

interface Segment {
  readonly text: string;
  readonly offset: number;
}

interface FoundExpansion {
  readonly text: string;
  readonly start: number;
  /** The parameter of `$X`/`${X...}`, or the command of `$(...)`/`` `...` ``. */
  readonly parameter?: string;
  readonly command?: string;
}

/** The URL's path after scheme and host, up to `?` or `#`, split at the `/`s outside expansions. */
function pathSegments(url: string): Segment[] {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0].length ?? 0;
  const segments: Segment[] = [];
  let start = scheme;
  let depth = 0;
  let inBackquote = false;
  for (let i = scheme; i <= url.length; i++) {
    const c = url[i];
    if (i < url.length && (depth > 0 || inBackquote)) {
      if (c === '`' && depth === 0) {
        inBackquote = false;
      } else if (c === '(' || c === '{') {
        depth++;
      } else if (c === ')' || c === '}') {
        depth--;
      }
      continue;
    }
    if (c === '$' && (url[i + 1] === '(' || url[i + 1] === '{')) {
      depth++;
      i++;
      continue;
    }
    if (c === '`') {
      inBackquote = true;
      continue;
    }
    if (i === url.length || c === '/' || c === '?' || c === '#') {
      segments.push({ text: url.slice(start, i), offset: start });
      start = i + 1;
      if (c === '?' || c === '#') {
        break;
      }
    }
  }
  // The first segment is the host (or empty before a path's leading `/`).
  return segments.slice(1);
}

function expansionsIn(text: string): FoundExpansion[] {
  const found: FoundExpansion[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      const close = end < 0 ? text.length : end + 1;
      found.push({ text: text.slice(i, close), start: i, command: text.slice(i + 1, end < 0 ? text.length : end).trim() });
      i = close - 1;
    } else if (text[i] === '$') {
      const close = expansionEnd(text, i);
      const written = text.slice(i, close);
      found.push({ text: written, start: i, ...describeDollar(written) });
      i = close - 1;
    }
  }
  return found;
}

/** The end of the `$...` expansion starting at `start`. */
function expansionEnd(text: string, start: number): number {
  const next = text[start + 1];
  if (next === '(' || next === '{') {
    let depth = 0;
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '(' || text[i] === '{') {
        depth++;
      } else if ((text[i] === ')' || text[i] === '}') && --depth === 0) {
        return i + 1;
      }
    }
    return text.length;
  }
  if (next === '$' || (next !== undefined && /[0-9#?!@*-]/.test(next))) {
    return start + 2;
  }
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(start + 1));
  return start + 1 + (name?.[0].length ?? 0);
}

function describeDollar(written: string): { parameter?: string; command?: string } {
  if (written.startsWith('$((')) {
    return {};
  }
  if (written.startsWith('$(')) {
    return { command: written.slice(2, written.endsWith(')') ? -1 : undefined).trim() };
  }
  const name = /^\$\{?#?([A-Za-z_][A-Za-z0-9_]*|\$)/.exec(written);
  return name ? { parameter: name[1] } : {};
}

function perRunReason(expansion: FoundExpansion, context: PerRunContext): string | undefined {
  if (expansion.parameter !== undefined) {
    if (context.cronJob && POD_NAME_PARAMETERS.has(expansion.parameter)) {
      return POD_NAME;
    }
    return PER_RUN_PARAMETERS[expansion.parameter];
  }
  if (expansion.command !== undefined) {
    if (context.cronJob && POD_NAME_COMMAND.test(expansion.command)) {
      return POD_NAME;
    }
    return PER_RUN_COMMANDS.find(({ pattern }) => pattern.test(expansion.command ?? ''))?.why;
  }
  return undefined;
}
