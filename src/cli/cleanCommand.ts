import * as fs from 'node:fs';
import * as os from 'node:os';
import * as readline from 'node:readline/promises';
import * as path from 'node:path';
import { chooseGroups, CleanupCandidate } from '../core/cleanup/chooseGroups';
import { parseDuration } from '../core/duration';
import { netrcEntryFor, parseNetrc } from '../core/cleanup/netrc';
import { GroupSelector, parseSelector } from '../core/cleanup/selector';
import { GatewayClient, GatewayCredentials } from '../core/gateway/client';
import { DEFAULT_LAST_SUCCESS_PATTERN } from '../core/groups/groupHealth';
import { groupingKeyOf } from '../core/protocol/groupingKey';
import { waitUntilGone } from '../core/gateway/waitUntilGone';
import { failure, Result, success } from '../core/result';
import { describeIoError, parseWithUsage } from './cliInput';
import { CliOutput } from './cliOutput';

export const CLEAN_USAGE = `Usage: pgw clean --gateway URL [--older-than DURATION] [--match SELECTOR]...
                 [--dry-run] [--yes] [--netrc FILE]

Deletes stale groups from a Pushgateway: those older than DURATION (by the job's
last-success gauge where it has one, else by its last push; a group with a
failed push since then is kept) and/or matching a label selector. Prints the
groups that go, with their ages, then deletes them.

Options:
  --gateway URL        The Pushgateway, e.g. http://pushgateway:9091.
  --older-than DURATION
                       Groups older than this: 7d, 25h, 90m, 1h30m.
  --match SELECTOR     Groups whose grouping labels match, as in PromQL:
                       'job=~"tmp_.*"', '{job="a", instance!=""}'. Repeat it for
                       groups matching any of them. With --older-than, a group
                       must be old AND match.
  --dry-run            Only print the groups that would go.
  --yes                Delete without asking (needed when not on a terminal).
  --netrc FILE         Read credentials from FILE (default ~/.netrc when it
                       exists): the entry of the gateway's host, else default.
  -h, --help           Show this help.

Credentials never go on the command line: PGW_USER and PGW_PASSWORD (basic
authentication) or PGW_BEARER_TOKEN in the environment, else a netrc file.

Exit codes: 0 done or nothing to do, 1 some deletes failed (or the gateway could
not be read), 2 usage error.
`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** How long the gateway may take to apply the DELETEs it answered 202 to. */
const DELETE_APPLIED_WITHIN_MS = 5000;

/** What `pgw clean` needs from the process; injected so that tests can run it in-process. */
export interface CleanEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** Whether a person is at a terminal to answer a question. */
  readonly interactive: boolean;
  /** Asks the question on the terminal and resolves to the answer. */
  ask(question: string): Promise<string>;
  /** Unix seconds now. */
  nowSeconds(): number;
}

interface CleanArguments {
  readonly gateway: string;
  readonly olderThanSeconds?: number;
  readonly selectors: GroupSelector[];
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly netrc?: string;
}

/** The arguments, or the exit status to leave with: 0 after `--help`, 2 after a usage error (its message and the usage printed). */
function parseCleanArguments(args: readonly string[], output: CliOutput): CleanArguments | number {
  const parsed = parseWithUsage(
    'clean',
    CLEAN_USAGE,
    {
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        gateway: { type: 'string' },
        'older-than': { type: 'string' },
        match: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        netrc: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    output,
  );
  if (parsed === undefined) {
    return EXIT_USAGE;
  }
  const { values } = parsed;
  if (values.help) {
    output.out(CLEAN_USAGE);
    return EXIT_OK;
  }
  const checked = checkedCleanArguments(values);
  if (!checked.ok) {
    output.err(`pgw clean: ${checked.error}\n\n${CLEAN_USAGE}`);
    return EXIT_USAGE;
  }
  return checked.value;
}

/** What the parsed options mean, or why they are not usable. */
function checkedCleanArguments(values: {
  readonly gateway?: string;
  readonly 'older-than'?: string;
  readonly match?: readonly string[];
  readonly 'dry-run': boolean;
  readonly yes: boolean;
  readonly netrc?: string;
}): Result<CleanArguments> {
  if (!values.gateway) {
    return failure('--gateway URL is required');
  }
  let url: URL;
  try {
    url = new URL(values.gateway);
  } catch {
    return failure(`--gateway must be a URL like http://pushgateway:9091, not "${values.gateway}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return failure(`--gateway must be an http:// or https:// URL, not "${values.gateway}"`);
  }
  if (url.username || url.password) {
    return failure('--gateway must not hold credentials (every user can read a command line); set PGW_USER and PGW_PASSWORD or PGW_BEARER_TOKEN, or use a netrc file');
  }
  let olderThanSeconds: number | undefined;
  if (values['older-than'] !== undefined) {
    const duration = parseDuration(values['older-than']);
    if (!duration.ok) {
      return failure(`--older-than: ${duration.error}`);
    }
    olderThanSeconds = duration.value;
  }
  const selectors: GroupSelector[] = [];
  for (const text of values.match ?? []) {
    const selector = parseSelector(text);
    if (!selector.ok) {
      return failure(`--match: ${selector.error}`);
    }
    selectors.push(selector.value);
  }
  if (olderThanSeconds === undefined && selectors.length === 0) {
    return failure('say which groups go: --older-than DURATION and/or --match SELECTOR');
  }
  if (values['dry-run'] && values.yes) {
    return failure('--dry-run and --yes contradict each other');
  }
  return success({ gateway: values.gateway, olderThanSeconds, selectors, dryRun: values['dry-run'], yes: values.yes, netrc: values.netrc });
}

/** Credentials from the environment, else from the netrc file; never from the command line. */
export function resolveCredentials(gatewayUrl: string, netrcFile: string | undefined, environment: CleanEnvironment): Result<GatewayCredentials | undefined> {
  const { PGW_USER: user, PGW_PASSWORD: password, PGW_BEARER_TOKEN: token } = environment.env;
  if (token && (user || password)) {
    return failure('set either PGW_BEARER_TOKEN or PGW_USER/PGW_PASSWORD, not both');
  }
  if (token) {
    return success({ kind: 'bearer', token });
  }
  if (user || password) {
    return user ? success({ kind: 'basic', user, password: password ?? '' }) : failure('PGW_PASSWORD is set but PGW_USER is not');
  }
  const file = netrcFile ?? path.join(environment.homeDir, '.netrc');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (netrcFile === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return success(undefined);
    }
    return failure(`${netrcFile === undefined ? 'the default netrc file' : '--netrc'}: cannot read ${file}: ${describeIoError(error)}`);
  }
  const entry = netrcEntryFor(parseNetrc(text), new URL(gatewayUrl).hostname);
  return success(entry?.login !== undefined || entry?.password !== undefined ? { kind: 'basic', user: entry.login ?? '', password: entry.password ?? '' } : undefined);
}

function describeCandidates(candidates: readonly CleanupCandidate[]): string {
  const width = candidates.reduce((widest, candidate) => Math.max(widest, candidate.key.length), 0);
  return candidates.map((candidate) => `  ${candidate.key.padEnd(width)}  ${candidate.ageText}\n`).join('');
}

async function confirmed(count: number, gateway: string, environment: CleanEnvironment): Promise<boolean> {
  const answer = await environment.ask(`Delete ${count} group(s) from ${gateway}? [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

/** `pgw clean`: prints the groups that go, deletes them (after --yes or a "y"), and sums up. */
export async function runClean(args: readonly string[], output: CliOutput, environment: CleanEnvironment): Promise<number> {
  const options = parseCleanArguments(args, output);
  if (typeof options === 'number') {
    return options;
  }
  const credentials = resolveCredentials(options.gateway, options.netrc, environment);
  if (!credentials.ok) {
    output.err(`pgw clean: ${credentials.error}\n`);
    return EXIT_USAGE;
  }
  const client = new GatewayClient({ baseUrl: options.gateway, credentials: credentials.value });
  try {
    const groups = await client.groups();
    if (!groups.ok) {
      output.err(`pgw clean: cannot read the groups of ${client.baseUrl}: ${groups.error.message}\n`);
      return EXIT_FAILED;
    }
    const chosen = chooseGroups(groups.value, options, { nowSeconds: environment.nowSeconds(), lastSuccessPattern: DEFAULT_LAST_SUCCESS_PATTERN });
    if (!chosen.ok) {
      output.err(`pgw clean: ${chosen.error}\n`);
      return EXIT_USAGE;
    }
    const candidates = chosen.value;
    if (candidates.length === 0) {
      output.out(`No group on ${client.baseUrl} to clean up (${groups.value.length} group(s) checked).\n`);
      return EXIT_OK;
    }
    output.out(`${candidates.length} of ${groups.value.length} group(s) on ${client.baseUrl} ${options.dryRun ? 'would go' : 'go'}:\n${describeCandidates(candidates)}`);
    if (options.dryRun) {
      output.out('Dry run: nothing deleted.\n');
      return EXIT_OK;
    }
    if (!options.yes) {
      if (!environment.interactive) {
        output.err('pgw clean: not on a terminal, so nothing deleted: add --yes to delete without asking (or --dry-run to only list)\n');
        return EXIT_USAGE;
      }
      if (!(await confirmed(candidates.length, client.baseUrl, environment))) {
        output.out('Nothing deleted.\n');
        return EXIT_OK;
      }
    }
    const deleted: CleanupCandidate[] = [];
    const failed: string[] = [];
    for (const candidate of candidates) {
      const result = await client.deleteGroup(groupingKeyOf(candidate.group.labels));
      if (result.ok) {
        deleted.push(candidate);
      } else {
        failed.push(`  ${candidate.key}: ${result.error.message}\n`);
      }
    }
    if (deleted.length > 0) {
      await waitUntilGone(
        client,
        deleted.map((candidate) => candidate.group.labels),
        DELETE_APPLIED_WITHIN_MS,
      );
    }
    output.out(`Deleted ${deleted.length} group(s)${failed.length > 0 ? `, ${failed.length} failed` : ''}.\n`);
    if (failed.length > 0) {
      output.err(`pgw clean: could not delete ${failed.length} group(s):\n${failed.join('')}`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } finally {
    await client.close();
  }
}

/** The real process: its environment, home, terminal and clock. */
export function processCleanEnvironment(): CleanEnvironment {
  return {
    env: process.env,
    homeDir: os.homedir(),
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    async ask(question) {
      const terminal = readline.createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await terminal.question(question);
      } finally {
        terminal.close();
      }
    },
    nowSeconds: () => Date.now() / 1000,
  };
}
