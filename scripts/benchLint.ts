// `npm run bench:lint`: how fast `pgw lint` judges a large push body, next to `promtool check metrics`,
// and how long one in-editor lint of a 20 000-line document takes.
//   (a) `node dist/pgw.js lint FILE` on generated documents that the gateway accepts (no timestamps,
//       no duplicates), several runs: median and min wall time, exit code 0. Three shapes: ~13 MB of
//       200k series in families of 50-450 series; ~7 MB of 100k series with three short labels in
//       families of 5-15 (promtool 3 slows down as families grow and as lines get longer, so this is
//       the hardest comparison); and the issue's document, ~11 MB of 100k batch-job series with four
//       labels, in families of 5-15 too
//   (b) `promtool check metrics < FILE` the same number of times, for each promtool version found:
//       3.x (the reference root's, .cache/reference-sid, or PGW_PROMTOOL_3) and 2.x (/usr/bin or PATH);
//       the ratio of the medians, measured in the same run (the machine may be loaded), and with GNU
//       time the ratio of the median CPU times (user + system) beside it
//   (a') `pgw lint` alone on ~50 MB of the first shape: time and peak RSS
//   (c) lintExposition() in-process on a 20 000-line document: median of 20 runs after a warm-up
//   (f) the family-size axis: 100k batch-job series in families of 1, 5, 15 and 50, pgw and each
//       promtool, and promtool 3's time against 2's (which tells a document's family size)
//   (d), (e) the editor shell axis: the editor's lint of a 5 000-line script per edit, and `pgw lint`
//       of 10 000 heredocs per 1 000 (scripts/reference/editorShellBench.ts; `-- --editor-shell` alone)
// Targets are printed beside the figures; missing one never fails the bench (exit 0), errors do (exit 1).
// Run it after `node esbuild.js` (it needs dist/pgw.js).
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintExposition } from '../src/core/exposition/lint';
import { Random, seededRandom } from '../test/support/seededRandom';
import { benchEditorShell } from './reference/editorShellBench';
import { median } from './reference/stats';

const ROOT = path.resolve(__dirname, '..', '..');
const PGW = path.join(ROOT, 'dist', 'pgw.js');
const GNU_TIME = '/usr/bin/time';
const SEED = 0x5eed_2024;

const BIG_DOCUMENT_SAMPLES = 200_000;
/** About 50 MB in the large-families shape: pgw lint's peak RSS there follows its families and findings, not the input. */
const MEMORY_DOCUMENT_SAMPLES = 770_000;
const MEMORY_RUNS = 3;
const SMALL_FAMILIES_SAMPLES = 100_000;
const CLI_RUNS = 5;
/** When one CLI run takes longer than this, fewer runs keep the whole bench near a minute. */
const SLOW_RUN_MS = 6_000;
const SLOW_RUNS = 3;
/**
 * Series per family on the family-size axis, each document 100 000 batch-job series: promtool 3.5.3
 * slows down as families grow, 2.42 as they multiply, pgw a little as they multiply.
 */
const FAMILY_SIZES = [1, 5, 15, 50];
const FAMILY_SIZE_RUNS = 3;
const EDITOR_DOCUMENT_LINES = 20_000;
const EDITOR_WARMUP_RUNS = 5;
const EDITOR_RUNS = 20;
const EDITOR_TARGET_MS = 50;
const CHILD_TIMEOUT_MS = 180_000;

// --- a deterministic document ---------------------------------------------------------------------

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const SERVICES = ['cart', 'auth', 'api', 'search', 'billing', 'mail', 'ledger', 'backup', 'images', 'queue', 'web', 'cron'];
const ZONES = ['a', 'b', 'c', 'd', 'e'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const CODES = ['200', '201', '204', '301', '400', '401', '403', '404', '429', '500', '502', '503'];
const SUBJECTS = ['http_requests', 'db_queries', 'cache_hits', 'rpc_calls', 'batch_items', 'messages', 'file_writes', 'retries', 'mails_sent', 'errors'];
const GAUGE_SUBJECTS = ['queue_length', 'connections', 'disk_free_bytes', 'memory_bytes', 'last_success_seconds', 'temperature_celsius', 'open_files', 'workers_busy'];
const HISTOGRAM_SUBJECTS = ['request_seconds', 'query_seconds', 'response_bytes', 'batch_seconds', 'upload_bytes'];
const SECONDS_BOUNDS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10'];
const BYTES_BOUNDS = ['100', '1000', '10000', '100000', '1e+06', '1e+07', '1e+08'];

const TASKS = ['backup_db', 'nightly_report', 'invoice_export', 'cache_warmup', 'log_rotate', 'search_reindex'];
const STAGES = ['extract', 'transform', 'load', 'verify'];
const ENVIRONMENTS = ['prod', 'staging'];

type Kind = 'counter' | 'gauge' | 'histogram';

/** The label set of the `index`-th series of a family: mixed-radix digits of the index, so never twice the same. */
function labelSet(kind: Kind, index: number): string {
  const service = SERVICES[index % SERVICES.length];
  let rest = Math.floor(index / SERVICES.length);
  if (kind === 'counter') {
    const method = METHODS[rest % METHODS.length];
    rest = Math.floor(rest / METHODS.length);
    const code = CODES[rest % CODES.length];
    rest = Math.floor(rest / CODES.length);
    return `svc="${service}",method="${method}",code="${code}"${rest > 0 ? `,shard="${rest}"` : ''}`;
  }
  const zone = ZONES[rest % ZONES.length];
  rest = Math.floor(rest / ZONES.length);
  return `svc="${service}",pod="${service}-${zone}${rest}"`;
}

/** The labels of a batch job's series (not `job`, which the push URL gives), never twice the same: about 110 bytes a series. */
function batchJobLabelSet(index: number): string {
  const task = TASKS[index % TASKS.length];
  const rest = Math.floor(index / TASKS.length);
  const stage = STAGES[rest % STAGES.length];
  const host = Math.floor(rest / STAGES.length);
  return `task="${task}",instance="batch-${String(host).padStart(2, '0')}.dc1",env="${ENVIRONMENTS[index % 2]}",stage="${stage}"`;
}

interface GeneratedDocument {
  readonly text: string;
  readonly samples: number;
  readonly families: number;
}

class DocumentWriter {
  private readonly lines: string[] = [];
  samples = 0;
  families = 0;

  constructor(private readonly random: Random) {}

  get lineCount(): number {
    return this.lines.length;
  }

  family(name: string, type: Kind, help: string): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    this.families++;
  }

  sample(line: string): void {
    this.lines.push(line);
    this.samples++;
  }

  counter(name: string, series: number): void {
    this.family(name, 'counter', `Total number of ${name.replace(/_total$/, '').replace(/_/g, ' ')} handled.`);
    for (let i = 0; i < series; i++) {
      this.sample(`${name}{${labelSet('counter', i)}} ${Math.floor(this.random() * 1e7)}`);
    }
  }

  gauge(name: string, series: number): void {
    this.family(name, 'gauge', `Current ${name.replace(/_/g, ' ')}.`);
    for (let i = 0; i < series; i++) {
      this.sample(`${name}{${labelSet('gauge', i)}} ${(this.random() * 1e4).toFixed(3)}`);
    }
  }

  batchJobFamily(name: string, type: Kind, series: number): void {
    this.family(name, type, `What the ${name.replace(/_/g, ' ')} of the last run was.`);
    for (let i = 0; i < series; i++) {
      this.sample(`${name}{${batchJobLabelSet(i)}} ${type === 'counter' ? Math.floor(this.random() * 1e7) : (this.random() * 1e4).toFixed(3)}`);
    }
  }

  histogram(name: string, series: number): void {
    this.family(name, 'histogram', `Distribution of ${name.replace(/_/g, ' ')}.`);
    const bounds = name.endsWith('_bytes') ? BYTES_BOUNDS : SECONDS_BOUNDS;
    for (let i = 0; i < series; i++) {
      const labels = labelSet('histogram', i);
      let cumulative = 0;
      for (const bound of bounds) {
        cumulative += Math.floor(this.random() * 500);
        this.sample(`${name}_bucket{${labels},le="${bound}"} ${cumulative}`);
      }
      cumulative += Math.floor(this.random() * 50);
      this.sample(`${name}_bucket{${labels},le="+Inf"} ${cumulative}`);
      this.sample(`${name}_sum{${labels}} ${(cumulative * this.random() * 0.4).toFixed(4)}`);
      this.sample(`${name}_count{${labels}} ${cumulative}`);
    }
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** Families of counters, gauges and histograms, round robin, until about `targetSamples` sample lines. */
function writeFamilies(writer: DocumentWriter, random: Random, done: () => boolean): void {
  for (let round = 0; !done(); round++) {
    const kind: Kind = (['counter', 'gauge', 'histogram'] as const)[round % 3];
    const prefix = `${pick(random, ['app', 'svc', 'etl', 'job'])}${round}`;
    const series = 50 + Math.floor(random() * 400);
    if (kind === 'counter') {
      writer.counter(`${prefix}_${pick(random, SUBJECTS)}_total`, series);
    } else if (kind === 'gauge') {
      writer.gauge(`${prefix}_${pick(random, GAUGE_SUBJECTS)}`, series);
    } else {
      writer.histogram(`${prefix}_${pick(random, HISTOGRAM_SUBJECTS)}`, Math.ceil(series / 10));
    }
  }
}

function generateBySamples(targetSamples: number, seed: number): GeneratedDocument {
  const random = seededRandom(seed);
  const writer = new DocumentWriter(random);
  writeFamilies(writer, random, () => writer.samples >= targetSamples);
  return { text: writer.text(), samples: writer.samples, families: writer.families };
}

type FamilyWrite = (writer: DocumentWriter, type: 'counter' | 'gauge', name: string, series: number) => void;

/** About `targetSamples` counter and gauge series in turn, `familySize` series a family (given the series still to write), written by `write`. */
function generateFamiliesWith(targetSamples: number, seed: number, familySize: (random: Random, left: number) => number, write: FamilyWrite): GeneratedDocument {
  const random = seededRandom(seed);
  const writer = new DocumentWriter(random);
  for (let round = 0; writer.samples < targetSamples; round++) {
    const prefix = `${pick(random, ['app', 'svc', 'etl', 'job'])}${round}`;
    const series = familySize(random, targetSamples - writer.samples);
    if (round % 2 === 0) {
      write(writer, 'counter', `${prefix}_${pick(random, SUBJECTS)}_total`, series);
    } else {
      write(writer, 'gauge', `${prefix}_${pick(random, GAUGE_SUBJECTS)}`, series);
    }
  }
  return { text: writer.text(), samples: writer.samples, families: writer.families };
}

/** Families of 5 to 15 series: many families, each small. */
const smallFamilySize = (random: Random) => 5 + Math.floor(random() * 11);

/** Small families of series with two or three short labels. */
function generateSmallFamilies(targetSamples: number, seed: number): GeneratedDocument {
  return generateFamiliesWith(targetSamples, seed, smallFamilySize, (writer, type, name, series) => (type === 'counter' ? writer.counter(name, series) : writer.gauge(name, series)));
}

const writeBatchJobFamily: FamilyWrite = (writer, type, name, series) => writer.batchJobFamily(name, type, series);

/**
 * The issue's document: about `targetSamples` batch-job series of about 110 bytes each (11 MB for
 * 100 000), in small families, the family size that costs pgw the most against promtool.
 */
function generateIssueSized(targetSamples: number, seed: number): GeneratedDocument {
  return generateFamiliesWith(targetSamples, seed, smallFamilySize, writeBatchJobFamily);
}

/** About `targetSamples` batch-job series (as the issue's document) in families of exactly `size` series. */
function generateFamiliesOfSize(targetSamples: number, size: number, seed: number): GeneratedDocument {
  return generateFamiliesWith(targetSamples, seed, (_, left) => Math.min(size, left), writeBatchJobFamily);
}

/** Exactly `lineCount` lines (the last family cut short, which keeps the document valid). */
function generateByLines(lineCount: number, seed: number): string {
  const random = seededRandom(seed);
  const writer = new DocumentWriter(random);
  writeFamilies(writer, random, () => writer.lineCount >= lineCount);
  return `${writer.text().split('\n').slice(0, lineCount).join('\n')}\n`;
}

// --- measuring ------------------------------------------------------------------------------------

interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
  /** Peak resident set size of the measured process, in kB, when GNU time is available. */
  readonly peakRssKb?: number;
  /** Median CPU time (user + system) of the measured process, when GNU time is available. */
  readonly medianCpuMs?: number;
  /** The exit code of the first run, and the last line it wrote to stderr. */
  readonly exitCode?: number;
  readonly lastStderrLine?: string;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function hasGnuTime(): boolean {
  if (!fs.existsSync(GNU_TIME)) {
    return false;
  }
  const probe = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, '-e', ''], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/.test(probe.stderr.trim().split('\n').pop() ?? '');
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

interface Command {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
  /** A file to connect to standard input. */
  readonly stdinFile?: string;
  /** Whether an exit code is a correct answer for the valid document; anything else is an error. */
  readonly acceptExit: (code: number) => boolean;
}

interface RunResult {
  readonly ms: number;
  readonly peakRssKb?: number;
  readonly cpuMs?: number;
  readonly exitCode: number;
  readonly lastStderrLine: string;
}

/** One run, wrapped in GNU time (which writes the CPU time and peak RSS to a file) when `rssFile` is given. */
function runOnce(command: Command, rssFile: string | undefined): RunResult {
  const stdin = command.stdinFile === undefined ? 'ignore' : fs.openSync(command.stdinFile, 'r');
  const [file, args] = rssFile ? [GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, command.file, ...command.args]] : [command.file, [...command.args]];
  let result: SpawnSyncReturns<string>;
  const start = process.hrtime.bigint();
  try {
    result = spawnSync(file, args, { stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: CHILD_TIMEOUT_MS });
  } finally {
    if (typeof stdin === 'number') {
      fs.closeSync(stdin);
    }
  }
  const ms = elapsedMs(start);
  const exitCode = checkExit(command, result);
  const lastStderrLine = result.stderr.trim().split('\n').pop() ?? '';
  return { ms, ...(rssFile && readUsage(rssFile)), exitCode, lastStderrLine };
}

function checkExit(command: Command, result: SpawnSyncReturns<string>): number {
  if (result.error) {
    throw new Error(`${command.label}: ${result.error.message}`);
  }
  if (result.status === null || !command.acceptExit(result.status)) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 10).join('\n');
    throw new Error(`${command.label} exited with ${result.status ?? result.signal} on the valid document:\n${output}`);
  }
  return result.status;
}

/** GNU time's `%U %S %M` line: user and system seconds, peak RSS in kB. */
function readUsage(rssFile: string): { cpuMs?: number; peakRssKb?: number } {
  const [user, system, rss] = (fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
  return {
    ...(Number.isFinite(user) && Number.isFinite(system) && { cpuMs: (user + system) * 1000 }),
    ...(Number.isFinite(rss) && { peakRssKb: rss }),
  };
}

function summarize(results: readonly RunResult[]): Timing {
  const times = results.map((result) => result.ms);
  const rss = results.map((result) => result.peakRssKb).filter((kb): kb is number => kb !== undefined);
  const cpu = results.map((result) => result.cpuMs).filter((ms): ms is number => ms !== undefined);
  return {
    medianMs: median(times),
    medianCpuMs: cpu.length > 0 ? median(cpu) : undefined,
    minMs: Math.min(...times),
    runs: results.length,
    peakRssKb: rss.length > 0 ? Math.max(...rss) : undefined,
    exitCode: results[0].exitCode,
    lastStderrLine: results[0].lastStderrLine,
  };
}

/** Runs a command `runCount(first run's ms)` times in all, so that a slow build still finishes in about a minute. */
function timeCommand(command: Command, rssFile: string | undefined, runCount: (firstMs: number) => number): Timing {
  const results = [runOnce(command, rssFile)];
  const runs = runCount(results[0].ms);
  while (results.length < runs) {
    results.push(runOnce(command, rssFile));
  }
  return summarize(results);
}

function timeInEditorLint(text: string): Timing {
  for (let i = 0; i < EDITOR_WARMUP_RUNS; i++) {
    lintExposition(text);
  }
  const times: number[] = [];
  for (let i = 0; i < EDITOR_RUNS; i++) {
    const start = process.hrtime.bigint();
    lintExposition(text);
    times.push(elapsedMs(start));
  }
  return { medianMs: median(times), minMs: Math.min(...times), runs: EDITOR_RUNS };
}

// --- report ---------------------------------------------------------------------------------------

interface Row {
  readonly what: string;
  readonly figure: string;
  readonly target: string;
}

function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function formatTiming(timing: Timing): string {
  const cpu = timing.medianCpuMs === undefined ? '' : `, CPU median ${formatMs(timing.medianCpuMs)}`;
  return `median ${formatMs(timing.medianMs)}, min ${formatMs(timing.minMs)}${cpu} (${timing.runs} runs)`;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

function printTable(rows: readonly Row[]): void {
  const width = (pick: (row: Row) => string, title: string) => Math.max(title.length, ...rows.map((row) => pick(row).length));
  const whatWidth = width((row) => row.what, 'measure');
  const figureWidth = width((row) => row.figure, 'figure');
  const line = (what: string, figure: string, target: string) => `${what.padEnd(whatWidth)} | ${figure.padEnd(figureWidth)} | ${target}`.trimEnd();
  console.log(line('measure', 'figure', 'target'));
  console.log(`${'-'.repeat(whatWidth)}-+-${'-'.repeat(figureWidth)}-+-${'-'.repeat(24)}`);
  for (const row of rows) {
    console.log(line(row.what, row.figure, row.target));
  }
}

/** What pgw lint is held to against each promtool major version: half of promtool 3's time, no more than 2's. */
const RATIO_TARGETS: Readonly<Record<string, number>> = { '3': 0.5, '2': 1 };

interface PromtoolTiming {
  readonly version: string;
  readonly timing: Timing;
}

function cliRows(document: string, pgw: Timing, promtools: readonly PromtoolTiming[]): Row[] {
  const rows: Row[] = [{ what: `(a) pgw lint FILE, ${document}`, figure: formatTiming(pgw), target: '' }];
  if (pgw.peakRssKb !== undefined) {
    rows.push({ what: '    pgw lint peak RSS', figure: formatMegabytes(pgw.peakRssKb * 1024), target: '' });
  }
  if (promtools.length === 0) {
    rows.push({ what: '(b) promtool check metrics < FILE', figure: 'skipped: no promtool found', target: '' });
  }
  for (const { version, timing } of promtools) {
    rows.push({ what: `(b) promtool ${version} check metrics < FILE`, figure: formatTiming(timing), target: '' });
    if (timing.peakRssKb !== undefined) {
      rows.push({ what: `    promtool ${version} peak RSS`, figure: formatMegabytes(timing.peakRssKb * 1024), target: '' });
    }
    const ratio = pgw.medianMs / timing.medianMs;
    const target = RATIO_TARGETS[version.split('.')[0]] ?? 1;
    rows.push({
      what: `    ratio pgw / promtool ${version} (medians)`,
      figure: `${ratio.toFixed(2)} (min/min ${(pgw.minMs / timing.minMs).toFixed(2)})`,
      target: `<= ${target.toFixed(2)}: ${verdict(ratio <= target)}`,
    });
    if (pgw.medianCpuMs !== undefined && timing.medianCpuMs !== undefined) {
      // promtool spreads its work over threads, pgw much less: on a loaded machine the CPU time is the steadier figure.
      rows.push({ what: `    CPU time ratio pgw / promtool ${version} (medians)`, figure: (pgw.medianCpuMs / timing.medianCpuMs).toFixed(2), target: '' });
    }
  }
  return rows;
}

/** Where promtool 3.5.3 sits in the reference root (`scripts/reference`), from a worktree or the main checkout. */
const REFERENCE_PROMTOOL = path.join('.cache', 'reference-sid', 'root', 'usr', 'bin', 'promtool');

/** Each promtool found, one per version (`promtool --version`), newest first. */
function promtoolsFound(): { readonly version: string; readonly path: string }[] {
  const candidates = [process.env.PGW_PROMTOOL_3, path.join(ROOT, REFERENCE_PROMTOOL), path.join(ROOT, '..', 'main', REFERENCE_PROMTOOL), '/usr/bin/promtool', onPath('promtool')];
  const byVersion = new Map<string, string>();
  for (const candidate of candidates) {
    if (candidate === undefined || !fs.existsSync(candidate)) {
      continue;
    }
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    const version = /version (\d+\.\d+\.\d+)/.exec(`${probe.stdout}${probe.stderr}`)?.[1];
    if (version !== undefined && !byVersion.has(version)) {
      byVersion.set(version, candidate);
    }
  }
  return [...byVersion].map(([version, file]) => ({ version, path: file })).sort((a, b) => b.version.localeCompare(a.version, undefined, { numeric: true }));
}

// --- main -----------------------------------------------------------------------------------------

function pgwCommand(file: string): Command {
  return { label: 'pgw lint', file: process.execPath, args: [PGW, 'lint', file], acceptExit: (code) => code === 0 };
}

/** promtool exits 1 when it cannot parse the document (an error here) and 3 for lint findings (noted). */
function promtoolCommand(promtool: string, file: string): Command {
  return { label: `${promtool} check metrics`, file: promtool, args: ['check', 'metrics'], stdinFile: file, acceptExit: (code) => code === 0 || code === 3 };
}

function main(): void {
  if (!fs.existsSync(PGW)) {
    throw new Error(`${path.relative(process.cwd(), PGW)} is missing: run \`node esbuild.js\` first`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-bench-lint-'));
  try {
    bench(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface CliComparison {
  readonly rows: Row[];
  readonly notes: string[];
}

/** pgw lint and each promtool on one document, in the same run. */
function compareWithPromtool(dir: string, name: string, document: GeneratedDocument, promtools: ReturnType<typeof promtoolsFound>, rssFile: string | undefined): CliComparison {
  const file = path.join(dir, `${name}.prom`);
  fs.writeFileSync(file, document.text);
  const bytes = Buffer.byteLength(document.text);
  const lines = document.text.split('\n').length - 1;
  const label = `${formatMegabytes(bytes)}, ${document.samples} series in ${document.families} families`;
  console.log(`Document ${name}: ${formatMegabytes(bytes)} (${bytes} bytes), ${lines} lines, ${document.samples} series (sample lines) in ${document.families} families; seed ${SEED}`);
  const runCount = (firstMs: number) => (firstMs > SLOW_RUN_MS ? SLOW_RUNS : CLI_RUNS);
  const pgw = timeCommand(pgwCommand(file), rssFile, runCount);
  const timings = promtools.map(({ version, path: promtool }) => ({ version, timing: timeCommand(promtoolCommand(promtool, file), rssFile, runCount) }));
  const notes = [`pgw lint exit code ${pgw.exitCode} on ${name}: ${pgw.lastStderrLine}`];
  for (const { version, timing } of timings) {
    notes.push(`promtool ${version} exit code ${timing.exitCode} on ${name}${timing.exitCode === 3 ? ' (lint findings on a document meant to be clean)' : ''}`);
  }
  return { rows: cliRows(label, pgw, timings), notes };
}

/** The family-size axis: pgw lint and each promtool on documents that differ only in how the same number of series is grouped. */
function familySizeRows(dir: string, promtools: ReturnType<typeof promtoolsFound>): Row[] {
  return FAMILY_SIZES.map((size) => {
    const document = generateFamiliesOfSize(SMALL_FAMILIES_SAMPLES, size, SEED + 3);
    const file = path.join(dir, `family-size-${size}.prom`);
    fs.writeFileSync(file, document.text);
    const time = (command: Command) => timeCommand(command, undefined, () => FAMILY_SIZE_RUNS);
    const pgw = time(pgwCommand(file));
    const timings = promtools.map(({ version, path: promtool }) => ({ version, timing: time(promtoolCommand(promtool, file)) }));
    fs.rmSync(file);
    const figures = [`pgw ${formatMs(pgw.medianMs)}`, ...timings.map(({ version, timing }) => `${version} ${formatMs(timing.medianMs)}`)];
    const ratios = timings.map(({ version, timing }) => `pgw/${version} ${(pgw.medianMs / timing.medianMs).toFixed(2)}`);
    if (timings.length === 2) {
      ratios.push(`${timings[0].version}/${timings[1].version} ${(timings[0].timing.medianMs / timings[1].timing.medianMs).toFixed(2)}`);
    }
    return {
      what: `(f) ${document.samples} series in families of ${size} (${formatMegabytes(Buffer.byteLength(document.text))})`,
      figure: figures.join(', '),
      target: ratios.join(', '),
    };
  });
}

/** pgw lint alone on a ~50 MB document: its time and peak RSS (issue #15: it was 534 MB, reading the file whole). */
function pgwMemoryRows(dir: string, rssFile: string | undefined): Row[] {
  const document = generateBySamples(MEMORY_DOCUMENT_SAMPLES, SEED + 2);
  const file = path.join(dir, 'memory.prom');
  fs.writeFileSync(file, document.text);
  const label = `${formatMegabytes(Buffer.byteLength(document.text))}, ${document.samples} series in ${document.families} families`;
  const pgw = timeCommand(pgwCommand(file), rssFile, () => MEMORY_RUNS);
  fs.rmSync(file);
  const rows: Row[] = [{ what: `(a) pgw lint FILE, ${label}`, figure: formatTiming(pgw), target: '' }];
  if (pgw.peakRssKb !== undefined) {
    rows.push({ what: '    pgw lint peak RSS', figure: formatMegabytes(pgw.peakRssKb * 1024), target: `< 220 MB (test/unit/cli/lintMemory.test.ts): ${verdict(pgw.peakRssKb < 220 * 1024)}` });
  }
  return rows;
}

function bench(dir: string): void {
  const started = process.hrtime.bigint();
  console.log(`Machine: ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)}, node ${process.version}\n`);
  const rssFile = hasGnuTime() ? path.join(dir, 'rss.txt') : undefined;
  const promtools = promtoolsFound();
  const comparisons = [
    compareWithPromtool(dir, 'large-families', generateBySamples(BIG_DOCUMENT_SAMPLES, SEED), promtools, rssFile),
    compareWithPromtool(dir, 'small-families', generateSmallFamilies(SMALL_FAMILIES_SAMPLES, SEED), promtools, rssFile),
    compareWithPromtool(dir, 'issue-sized', generateIssueSized(SMALL_FAMILIES_SAMPLES, SEED), promtools, rssFile),
  ];

  const editorText = generateByLines(EDITOR_DOCUMENT_LINES, SEED + 1);
  const editor = timeInEditorLint(editorText);
  const editorFindings = lintExposition(editorText).diagnostics.length;

  const memoryRows = pgwMemoryRows(dir, rssFile);
  const familySize = familySizeRows(dir, promtools);

  const rows = [
    ...comparisons.flatMap((comparison) => comparison.rows),
    ...memoryRows,
    {
      what: `(c) lintExposition, ${EDITOR_DOCUMENT_LINES} lines in-process`,
      figure: `median ${formatMs(editor.medianMs)}, min ${formatMs(editor.minMs)} (${editor.runs} runs, ${EDITOR_WARMUP_RUNS} warm-up)`,
      target: `< ${EDITOR_TARGET_MS} ms: ${verdict(editor.medianMs < EDITOR_TARGET_MS)}`,
    },
  ];
  console.log('');
  printTable(rows);
  console.log(`\nFamily-size axis (f), medians of ${FAMILY_SIZE_RUNS} runs; pgw/promtool ratios, and promtool 3.5.3 against 2.42:`);
  printTable(familySize);
  console.log('');
  for (const note of comparisons.flatMap((comparison) => comparison.notes)) {
    console.log(note);
  }
  if (promtools.length === 0) {
    console.log('\nNo promtool found (PGW_PROMTOOL_3, the reference root, /usr/bin or PATH): the comparison with promtool was skipped.');
  }
  if (rssFile === undefined) {
    console.log('\nGNU time (/usr/bin/time) is not available: peak RSS was not measured.');
  }
  if (editorFindings > 0) {
    console.log(`\nNote: the ${EDITOR_DOCUMENT_LINES}-line document has ${editorFindings} findings; it is meant to be clean.`);
  }
  console.log(`\nTotal bench time ${(elapsedMs(started) / 1000).toFixed(1)} s. Targets are informative: missing one does not fail the bench.`);
}

/** The "editor shell" axis (scripts/reference/editorShellBench.ts); `--editor-shell` runs it alone. */
async function benchEditorShellAxis(): Promise<void> {
  if (!fs.existsSync(PGW)) {
    throw new Error(`${path.relative(process.cwd(), PGW)} is missing: run \`node esbuild.js\` first`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-bench-shell-'));
  try {
    console.log('\nEditor shell (d, e):');
    printTable(await benchEditorShell(PGW, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  if (!process.argv.includes('--editor-shell')) {
    main();
  }
  await benchEditorShellAxis();
}

run().catch((error: unknown) => {
  console.error(`bench:lint failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
