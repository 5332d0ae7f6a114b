// `npm run record:verdicts`: records what the real reference binaries say about every document in
// test/fixtures/exposition/cases/ and writes test/fixtures/exposition/verdicts.json.
//   promtool check metrics   the document on stdin; exit code and stderr
//   prometheus-pushgateway   a PUT of the document's exact bytes to a fresh, empty gateway
// Exits 2 (and writes nothing) when a binary is missing. PGW_PROMTOOL and PGW_PUSHGATEWAY override
// the binaries found on PATH.
//
// Options (also after `npm run record:verdicts --`):
//   --target 1.5|1.11|1.11-utf8|1.11-unchecked   binaries and gateway flags (scripts/reference/targets.ts;
//                                                 default 1.5, the system-wide Debian 12 packages)
//   --corpus <dir>    the corpus folder with cases/ (default test/fixtures/exposition; relative to the
//                     repository root, or absolute, e.g. a held-out corpus kept outside the project)
// The default corpus with target 1.5 writes verdicts.json, as before; every other combination writes
// verdicts-<target>.json in the corpus folder.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScript, SkipError, mapWithWorkers, spawnTracked, versionLine, withTimeout } from './reference/processes';
import { isClosedWithoutAnswer } from '../test/gateway/todayClient';
import { startPushgateway } from './reference/pushgateway';
import { CONNECTION_CLOSED, ReferenceTarget, chosenTargetName, commandLineOption, referenceTarget } from './reference/targets';

const CORPUS_DIR = path.join('test', 'fixtures', 'exposition');
const PUSH_PATH = '/metrics/job/differential';
const STEP_TIMEOUT_MS = 10_000;
const WORKERS = Math.max(1, Math.min(4, os.availableParallelism()));
const CONSISTENCY_ERROR = 'pushed metrics are invalid or inconsistent with existing metrics:';
const SUFFIX_COLLISION = 'collides with previously collected';
// The rarer wording of a suffix collision came up in 12-26 % of pushes here; 100 pushes all miss it
// with a probability below 1e-5.
const MAX_COLLISION_PUSHES = 100;

interface PromtoolVerdict {
  exitCode: number;
  stderr: string;
}

interface GatewayVerdict {
  /** 0 when the gateway closed the connection without an answer (1.11.2 does for `{} 1`). */
  status: number;
  body: string;
  /** Only when identical pushes were answered with different bodies: all of them, sorted; `body` is the first. */
  bodyVariants?: string[];
}

interface CaseVerdict {
  promtool: PromtoolVerdict;
  pushgateway: GatewayVerdict;
}

interface Binaries {
  promtool: string;
  pushgateway: string;
  gatewayFlags: readonly string[];
}

function requireVersion(binary: string, installHint: string): string {
  const version = versionLine(binary);
  if (version === undefined) {
    throw new SkipError(`cannot run "${binary}" (${installHint}); no verdicts recorded`);
  }
  return version;
}

function listCaseSlugs(casesDir: string): string[] {
  return fs
    .readdirSync(casesDir)
    .filter((name) => name.endsWith('.prom'))
    .map((name) => name.slice(0, -'.prom'.length))
    .sort(compareCodeUnits);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function runPromtool(promtool: string, document: Buffer): Promise<PromtoolVerdict> {
  const child = spawnTracked(promtool, ['check', 'metrics'], ['pipe', 'pipe', 'pipe']);
  const stderr: Buffer[] = [];
  const finished = new Promise<PromtoolVerdict>((resolve, reject) => {
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => reject(new Error(`cannot run ${promtool}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === null) {
        reject(new Error(`promtool was ended by ${signal ?? 'an unknown signal'}`));
      } else {
        resolve({ exitCode: code, stderr: Buffer.concat(stderr).toString('utf8') });
      }
    });
  });
  // promtool may exit before reading all of stdin (on a parse error); that EPIPE is not our error.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(document);
  return withTimeout(finished, STEP_TIMEOUT_MS, 'promtool check metrics', () => child.kill('SIGKILL'));
}

function put(port: number, document: Buffer): Promise<GatewayVerdict> {
  let request: http.ClientRequest | undefined;
  const answered = new Promise<GatewayVerdict>((resolve, reject) => {
    request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: PUSH_PATH,
        agent: false,
        headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Content-Length': document.length },
      },
      (response) => {
        const body: Buffer[] = [];
        response.on('data', (chunk: Buffer) => body.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(body).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', (error) => (isClosedWithoutAnswer(error) ? resolve({ status: 0, body: CONNECTION_CLOSED }) : reject(error)));
    request.end(document);
  });
  return withTimeout(answered, STEP_TIMEOUT_MS, `PUT ${PUSH_PATH}`, () => request?.destroy());
}

async function pushToFreshGateway(binaries: Binaries, document: Buffer): Promise<GatewayVerdict> {
  const gateway = await startPushgateway({ binary: binaries.pushgateway, flags: binaries.gatewayFlags });
  try {
    return await put(gateway.port, document);
  } finally {
    await gateway.stop();
  }
}

/**
 * Parse errors come from a sequential parser and are deterministic. Consistency errors come from
 * gathering the stored metric families out of Go maps, whose iteration order Go randomizes. For a
 * suffix collision (`x_count` beside a summary `x`) that order decides which of the two names is
 * "previously collected", so such a document is pushed again, each time to a fresh gateway, until
 * both wordings were seen. Every other consistency error is pushed once more to confirm it is stable.
 */
async function gatewayVerdict(binaries: Binaries, document: Buffer): Promise<GatewayVerdict> {
  const first = await pushToFreshGateway(binaries, document);
  if (!first.body.startsWith(CONSISTENCY_ERROR)) {
    return first;
  }
  if (!first.body.includes(SUFFIX_COLLISION)) {
    await expectSameAnswer(binaries, document, first);
    return first;
  }
  const wordings = await collisionWordings(binaries, document, first);
  return wordings.length === 1 ? first : { status: first.status, body: wordings[0], bodyVariants: wordings };
}

async function expectSameAnswer(binaries: Binaries, document: Buffer, first: GatewayVerdict): Promise<void> {
  const again = await pushToFreshGateway(binaries, document);
  if (again.status !== first.status || again.body !== first.body) {
    throw new Error(`identical pushes were answered differently:\n${first.status} ${first.body}${again.status} ${again.body}`);
  }
}

/** Both wordings of a suffix collision, sorted (client_golang words each collision in exactly two ways). */
async function collisionWordings(binaries: Binaries, document: Buffer, first: GatewayVerdict): Promise<string[]> {
  const bodies = new Set([first.body]);
  for (let pushes = 1; pushes < MAX_COLLISION_PUSHES && bodies.size < 2; pushes++) {
    const again = await pushToFreshGateway(binaries, document);
    if (again.status !== first.status) {
      throw new Error(`identical pushes were answered ${first.status} and ${again.status}`);
    }
    bodies.add(again.body);
  }
  if (bodies.size < 2) {
    console.warn(`warning: one wording only after ${MAX_COLLISION_PUSHES} pushes: ${first.body.trim()}`);
  }
  return [...bodies].sort(compareCodeUnits);
}

async function recordCase(binaries: Binaries, casesDir: string, slug: string): Promise<CaseVerdict> {
  const document = fs.readFileSync(path.join(casesDir, `${slug}.prom`));
  try {
    const [promtool, pushgateway] = await Promise.all([runPromtool(binaries.promtool, document), gatewayVerdict(binaries, document)]);
    return { promtool, pushgateway };
  } catch (error) {
    throw new Error(`case ${slug}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** JSON with every object's keys sorted, so re-recording only changes what the binaries changed. */
function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => compareCodeUnits(a, b));
    return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
  }
  return value;
}

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, CORPUS_DIR, 'cases'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find ${CORPUS_DIR}/cases above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** The file the verdicts go to: verdicts.json for the default corpus and target, as always. */
function verdictsFileName(target: ReferenceTarget, corpusOption: string | undefined): string {
  return corpusOption === undefined && target.name === '1.5' ? 'verdicts.json' : `verdicts-${target.name}.json`;
}

async function main(): Promise<void> {
  const repoRoot = findRepoRoot();
  const target = referenceTarget(chosenTargetName(), repoRoot);
  const binaries: Binaries = { promtool: target.promtool, pushgateway: target.pushgateway, gatewayFlags: target.gatewayFlags };
  const recordedWith = {
    promtool: requireVersion(binaries.promtool, target.installHint),
    pushgateway: requireVersion(binaries.pushgateway, target.installHint),
    date: new Date().toISOString(),
    ...(binaries.gatewayFlags.length > 0 ? { gatewayFlags: binaries.gatewayFlags.join(' ') } : {}),
  };
  const corpusOption = commandLineOption('corpus');
  const corpusDir = path.resolve(repoRoot, corpusOption ?? CORPUS_DIR);
  const casesDir = path.join(corpusDir, 'cases');
  const slugs = listCaseSlugs(casesDir);
  console.log(
    `Recording ${slugs.length} cases in ${path.relative(repoRoot, corpusDir) || '.'} for ${target.description}: ${recordedWith.promtool}, ${recordedWith.pushgateway} ${binaries.gatewayFlags.join(' ')} (${WORKERS} at a time) ...`,
  );
  const started = Date.now();
  const verdicts = await mapWithWorkers(slugs, WORKERS, (slug) => recordCase(binaries, casesDir, slug));
  const cases = Object.fromEntries(slugs.map((slug, index) => [slug, verdicts[index]]));
  const outFile = path.join(corpusDir, verdictsFileName(target, corpusOption));
  fs.writeFileSync(outFile, stableStringify({ recordedWith, cases }));
  console.log(`Wrote ${path.relative(process.cwd(), outFile)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

runScript(main);
