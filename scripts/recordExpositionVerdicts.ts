// `npm run record:verdicts`: records what the real reference binaries say about every document in
// test/fixtures/exposition/cases/ and writes test/fixtures/exposition/verdicts.json.
//   promtool check metrics   the document on stdin; exit code and stderr
//   prometheus-pushgateway   a PUT of the document's exact bytes to a fresh, empty gateway
// Exits 2 (and writes nothing) when a binary is missing. PGW_PROMTOOL and PGW_PUSHGATEWAY override
// the binaries found on PATH.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScript, SkipError, mapWithWorkers, spawnTracked, versionLine, withTimeout } from './reference/processes';
import { startPushgateway } from './reference/pushgateway';

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
}

function requireVersion(binary: string, packageHint: string): string {
  const version = versionLine(binary);
  if (version === undefined) {
    throw new SkipError(`cannot run "${binary}" (install the Debian package ${packageHint}); no verdicts recorded`);
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
    request.on('error', reject);
    request.end(document);
  });
  return withTimeout(answered, STEP_TIMEOUT_MS, `PUT ${PUSH_PATH}`, () => request?.destroy());
}

async function pushToFreshGateway(pushgateway: string, document: Buffer): Promise<GatewayVerdict> {
  const gateway = await startPushgateway({ binary: pushgateway });
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
async function gatewayVerdict(pushgateway: string, document: Buffer): Promise<GatewayVerdict> {
  const first = await pushToFreshGateway(pushgateway, document);
  if (!first.body.startsWith(CONSISTENCY_ERROR)) {
    return first;
  }
  if (!first.body.includes(SUFFIX_COLLISION)) {
    await expectSameAnswer(pushgateway, document, first);
    return first;
  }
  const wordings = await collisionWordings(pushgateway, document, first);
  return wordings.length === 1 ? first : { status: first.status, body: wordings[0], bodyVariants: wordings };
}

async function expectSameAnswer(pushgateway: string, document: Buffer, first: GatewayVerdict): Promise<void> {
  const again = await pushToFreshGateway(pushgateway, document);
  if (again.status !== first.status || again.body !== first.body) {
    throw new Error(`identical pushes were answered differently:\n${first.status} ${first.body}${again.status} ${again.body}`);
  }
}

/** Both wordings of a suffix collision, sorted (client_golang words each collision in exactly two ways). */
async function collisionWordings(pushgateway: string, document: Buffer, first: GatewayVerdict): Promise<string[]> {
  const bodies = new Set([first.body]);
  for (let pushes = 1; pushes < MAX_COLLISION_PUSHES && bodies.size < 2; pushes++) {
    const again = await pushToFreshGateway(pushgateway, document);
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
    const [promtool, pushgateway] = await Promise.all([runPromtool(binaries.promtool, document), gatewayVerdict(binaries.pushgateway, document)]);
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

async function main(): Promise<void> {
  const binaries: Binaries = {
    promtool: process.env.PGW_PROMTOOL ?? 'promtool',
    pushgateway: process.env.PGW_PUSHGATEWAY ?? 'prometheus-pushgateway',
  };
  const recordedWith = {
    promtool: requireVersion(binaries.promtool, 'prometheus'),
    pushgateway: requireVersion(binaries.pushgateway, 'prometheus-pushgateway'),
    date: new Date().toISOString(),
  };
  const corpusDir = path.join(findRepoRoot(), CORPUS_DIR);
  const casesDir = path.join(corpusDir, 'cases');
  const slugs = listCaseSlugs(casesDir);
  console.log(`Recording ${slugs.length} cases with ${recordedWith.promtool} and ${recordedWith.pushgateway} (${WORKERS} at a time) ...`);
  const started = Date.now();
  const verdicts = await mapWithWorkers(slugs, WORKERS, (slug) => recordCase(binaries, casesDir, slug));
  const cases = Object.fromEntries(slugs.map((slug, index) => [slug, verdicts[index]]));
  const outFile = path.join(corpusDir, 'verdicts.json');
  fs.writeFileSync(outFile, stableStringify({ recordedWith, cases }));
  console.log(`Wrote ${path.relative(process.cwd(), outFile)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

runScript(main);
