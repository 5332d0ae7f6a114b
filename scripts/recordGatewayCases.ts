// `npm run record:gateway`: replays every request sequence in test/fixtures/gateway/cases/ against
// the real Pushgateway and writes the normalised answers to test/fixtures/gateway/recorded.json.
//   - every case gets a FRESH gateway on 127.0.0.1:0 (port read from its "Listening on" log line),
//     with an empty --persistence.file= and, when the case asks, --web.enable-admin-api;
//   - steps are sent in order by test/gateway/client.ts (node's http client: exact bytes, any method,
//     no redirects followed; after an accepted DELETE or wipe, which the gateway applies
//     asynchronously, it polls GET /api/v1/metrics until the change shows, at most 2 s);
//   - answers whose wording depends on Go map order are recorded from repeated runs (bodyVariants).
// Exits 2 (and writes nothing) when the gateway binary is missing. PGW_PUSHGATEWAY overrides the
// binary found on PATH.
//
// Options (also after `npm run record:gateway --`):
//   --target 1.5|1.11|1.11-utf8|1.11-unchecked   gateway binary and flags (scripts/reference/targets.ts;
//                                                 default 1.5, the system-wide Debian 12 package)
//   --corpus <dir>    the corpus folder with cases/ (default test/fixtures/gateway; relative to the
//                     repository root, or absolute, e.g. a held-out corpus kept outside the project)
// The default corpus with target 1.5 is sent with runStep and written to recorded.json, as before.
// Every other combination is sent with runTodayStep (test/gateway/todayClient.ts: dropped
// connections, encoded answers, Go's newer dump format) and written to recorded-<target>.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runStep } from '../test/gateway/client';
import { runTodayStep } from '../test/gateway/todayClient';
import { runScript, SkipError, mapWithWorkers, versionLine, withTimeout } from './reference/processes';
import { startPushgateway } from './reference/pushgateway';
import { ReferenceTarget, chosenTargetName, commandLineOption, referenceTarget } from './reference/targets';
import { CASES_SUBDIR, CaseStep, GATEWAY_CORPUS_DIR, GatewayCase, RECORDED_FILE, RecordedResponse, compareCodeUnits, listCaseSlugs, readCase, stableStringify } from '../test/gateway/corpus';

const RUN_TIMEOUT_MS = 60_000;
const WORKERS = Math.max(2, Math.min(4, os.availableParallelism()));
/** Every case is run at least this often, so an unexpected variation can show up. */
const MIN_RUNS = 2;
/** A step whose wording may depend on map order, without a hint, is repeated until this many runs bring nothing new. */
const STABLE_RUNS = 30;
/**
 * PGW_GATEWAY_EXPLORE=N (calibration, not for normal recording): every order-dependent step, also
 * one with a hint, is repeated until N runs bring nothing new, to find out how many wordings it has.
 */
const EXPLORE_RUNS = Number(process.env.PGW_GATEWAY_EXPLORE ?? '0');
const MAX_RUNS = EXPLORE_RUNS > 0 ? Math.max(1000, EXPLORE_RUNS * 10) : 1000;
/** Answers that come out of Go map iteration (client_golang's Gatherers) and may be worded in several ways. */
const ORDER_DEPENDENT = /error\(s\) occurred|collides with previously collected| is not a [A-Z_]+|An error has occurred while serving metrics/;

/** What all runs of one step answered. */
interface StepObservation {
  first: RecordedResponse;
  bodies: Set<string>;
  /** The run (0-based) that brought the last new body. */
  lastNewRun: number;
}

// ---------------------------------------------------------------------------------------------
// Running cases

/** The gateway to start and how to send the steps. */
interface Recording {
  target: ReferenceTarget;
  /** Whether the corpus's expectVariants hints were calibrated on this target (the 1.5.1 corpus on 1.5). */
  hintsAreExact: boolean;
  runStep: (port: number, step: CaseStep) => Promise<RecordedResponse>;
}

async function runCaseOnce(recording: Recording, gatewayCase: GatewayCase): Promise<RecordedResponse[]> {
  const { target } = recording;
  const gateway = await startPushgateway({ binary: target.pushgateway, adminApi: gatewayCase.gateway.adminApi, flags: target.gatewayFlags });
  try {
    const run = async () => {
      const answers: RecordedResponse[] = [];
      for (const step of gatewayCase.steps) {
        answers.push(await recording.runStep(gateway.port, step));
      }
      return answers;
    };
    return await withTimeout(run(), RUN_TIMEOUT_MS, 'the case', () => gateway.child.kill('SIGKILL'));
  } finally {
    await gateway.stop();
  }
}

function describeAnswer(answer: RecordedResponse): string {
  return `${answer.status} ${JSON.stringify(answer.headers)}`;
}

function observe(observations: StepObservation[], answers: readonly RecordedResponse[], run: number): void {
  answers.forEach((answer, index) => {
    const seen = observations[index];
    if (seen === undefined) {
      observations[index] = { first: answer, bodies: new Set([answer.body]), lastNewRun: run };
      return;
    }
    if (describeAnswer(seen.first) !== describeAnswer(answer)) {
      throw new Error(`step ${index} was answered ${describeAnswer(seen.first)} and ${describeAnswer(answer)} in identical runs`);
    }
    if (!seen.bodies.has(answer.body)) {
      seen.bodies.add(answer.body);
      seen.lastNewRun = run;
    }
  });
}

/**
 * The hints were calibrated on 1.5.1. Another target may word a step in fewer ways (the unchecked
 * mode answers 202 where 1.5.1 had 2 wordings), so there a hint is an upper bound: the step also
 * stops after HINT_QUIET_RUNS runs without a new wording.
 */
const HINT_QUIET_RUNS = 150;

function stepNeedsMoreRuns(step: CaseStep, seen: StepObservation, runs: number, hintsAreExact: boolean): boolean {
  const quietRuns = runs - 1 - seen.lastNewRun;
  const hinted = step.expectVariants !== undefined;
  const mayVary = hinted || seen.bodies.size > 1 || ORDER_DEPENDENT.test(seen.first.body);
  if (EXPLORE_RUNS > 0) {
    return mayVary && quietRuns < EXPLORE_RUNS;
  }
  if (step.expectVariants !== undefined) {
    return seen.bodies.size < step.expectVariants && (hintsAreExact || quietRuns < HINT_QUIET_RUNS);
  }
  return mayVary && quietRuns < STABLE_RUNS;
}

function warnAboutVariants(slug: string, gatewayCase: GatewayCase, observations: readonly StepObservation[], runs: number): void {
  gatewayCase.steps.forEach((step, index) => {
    const count = observations[index].bodies.size;
    if (step.expectVariants !== undefined && count !== step.expectVariants) {
      console.warn(`warning: ${slug} step ${index}: expected ${step.expectVariants} wordings, saw ${count} in ${runs} runs`);
    } else if (step.expectVariants === undefined && count > 1) {
      console.warn(`warning: ${slug} step ${index}: ${count} wordings without an expectVariants hint (${runs} runs)`);
    }
  });
}

function toRecorded(seen: StepObservation): RecordedResponse {
  const bodies = [...seen.bodies].sort(compareCodeUnits);
  const recorded: RecordedResponse = { status: seen.first.status, headers: seen.first.headers, body: bodies[0] };
  if (bodies.length > 1) {
    recorded.bodyVariants = bodies;
  }
  return recorded;
}

interface CaseRecording {
  answers: RecordedResponse[];
  runs: number;
}

/**
 * Runs a case on fresh gateways: at least twice, and again while a step whose answer comes out of
 * Go map order has not shown all its wordings (its expectVariants, or STABLE_RUNS runs without a new one).
 */
async function recordCase(recording: Recording, slug: string, gatewayCase: GatewayCase): Promise<CaseRecording> {
  const observations: StepObservation[] = [];
  let runs = 0;
  const needsMore = () => runs < MIN_RUNS || gatewayCase.steps.some((step, index) => stepNeedsMoreRuns(step, observations[index], runs, recording.hintsAreExact));
  try {
    while (runs < MAX_RUNS && needsMore()) {
      observe(observations, await runCaseOnce(recording, gatewayCase), runs);
      runs++;
    }
  } catch (error) {
    throw new Error(`case ${slug}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  warnAboutVariants(slug, gatewayCase, observations, runs);
  return { answers: observations.map(toRecorded), runs };
}

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, GATEWAY_CORPUS_DIR, CASES_SUBDIR))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find ${GATEWAY_CORPUS_DIR}/${CASES_SUBDIR} above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

async function main(): Promise<void> {
  const repoRoot = findRepoRoot();
  const target = referenceTarget(chosenTargetName(), repoRoot);
  const version = versionLine(target.pushgateway);
  if (version === undefined) {
    throw new SkipError(`cannot run "${target.pushgateway}" (${target.installHint}); nothing recorded`);
  }
  const corpusOption = commandLineOption('corpus');
  const isClassic = corpusOption === undefined && target.name === '1.5';
  const recording: Recording = { target, hintsAreExact: isClassic, runStep: isClassic ? runStep : runTodayStep };
  const corpusDir = path.resolve(repoRoot, corpusOption ?? GATEWAY_CORPUS_DIR);
  const casesDir = path.join(corpusDir, CASES_SUBDIR);
  const slugs = listCaseSlugs(casesDir);
  const cases = slugs.map((slug) => readCase(casesDir, slug));
  console.log(`Recording ${slugs.length} cases in ${path.relative(repoRoot, corpusDir) || '.'} for ${target.description}: ${version} ${target.gatewayFlags.join(' ')} (${WORKERS} at a time) ...`);
  const started = Date.now();
  const recordings = await mapWithWorkers(
    slugs.map((slug, index) => ({ slug, gatewayCase: cases[index] })),
    WORKERS,
    ({ slug, gatewayCase }) => recordCase(recording, slug, gatewayCase),
  );
  const recorded = Object.fromEntries(slugs.map((slug, index) => [slug, recordings[index].answers]));
  const outFile = path.join(corpusDir, isClassic ? RECORDED_FILE : `recorded-${target.name}.json`);
  const recordedWith = { version, date: new Date().toISOString(), ...(target.gatewayFlags.length > 0 ? { gatewayFlags: target.gatewayFlags.join(' ') } : {}) };
  fs.writeFileSync(outFile, stableStringify({ recordedWith, cases: recorded }));
  const runs = recordings.reduce((sum, recording) => sum + recording.runs, 0);
  const steps = cases.reduce((sum, gatewayCase) => sum + gatewayCase.steps.length, 0);
  console.log(`Wrote ${path.relative(process.cwd(), outFile)}: ${slugs.length} cases, ${steps} steps, ${runs} gateway runs, ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

runScript(main);
