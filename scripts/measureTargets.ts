// `npm run measure:targets`: how closely today's linter and mock follow each recorded reference
// target. Replays the recorded corpora (not part of npm test; nothing here needs the binaries):
//   lint   every document of a corpus through our parser and linter, judged like the 1.5.1
//          differential test (test/unit/exposition/differential.test.ts) against that target's
//          verdicts-<target>.json: the linter errs exactly when the gateway refuses the push (2xx is
//          acceptance), a gateway parse error reads like our first parse problem, promtool's parse
//          error likewise, and promtool's lint findings are ours.
//   mock   every case of a gateway corpus replayed on a fresh mock (default options but the admin
//          API), each step compared like test/unit/mock/replay.test.ts with that target's
//          recorded-<target>.json.
// Options: --corpus-root <dir> also measures a held-out corpus written by test/today/generate.ts
// (<dir>/exposition and <dir>/gateway, recorded with --corpus pointing there).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startMockGateway } from '../src/core/mock';
import { runStep } from '../test/gateway/client';
import { CaseStep, GatewayCase, RecordedCorpus, RecordedResponse, isRecordedAnswer, listCaseSlugs, readCase } from '../test/gateway/corpus';
import { runTodayStep } from '../test/gateway/todayClient';
import { judgeDocument, lintTargetOf, readDocument, readVerdicts } from '../test/unit/exposition/targetVerdicts';
import { runScript } from './reference/processes';
import { TARGET_NAMES, TargetName, commandLineOption } from './reference/targets';

interface LintAgreement {
  documents: number;
  gateway: number;
  parseMessage: number;
  promtool: number;
  all: number;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;
}

// ---------------------------------------------------------------------------------------------
// Lint

function measureLint(corpusDir: string, verdictsFile: string, target: TargetName): LintAgreement | undefined {
  const file = path.join(corpusDir, verdictsFile);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const { cases } = readVerdicts(file);
  const lintTarget = lintTargetOf(target);
  const agreement: LintAgreement = { documents: 0, gateway: 0, parseMessage: 0, promtool: 0, all: 0 };
  for (const [slug, verdict] of Object.entries(cases)) {
    const judged = judgeDocument(readDocument(corpusDir, slug), verdict, lintTarget);
    agreement.documents++;
    agreement.gateway += Number(judged.gateway);
    agreement.parseMessage += Number(judged.parseMessage);
    agreement.promtool += Number(judged.promtool);
    agreement.all += Number(judged.gateway && judged.parseMessage && judged.promtool);
  }
  return agreement;
}

// ---------------------------------------------------------------------------------------------
// Mock

interface MockAgreement {
  cases: number;
  casesAgreeing: number;
  steps: number;
  stepsAgreeing: number;
}

async function replayCase(gatewayCase: GatewayCase, expected: readonly RecordedResponse[], send: (port: number, step: CaseStep) => Promise<RecordedResponse>, target: TargetName): Promise<number> {
  const gateway = await startMockGateway({ port: 0, adminApi: gatewayCase.gateway.adminApi, target: lintTargetOf(target) });
  let agreeing = 0;
  try {
    for (let index = 0; index < gatewayCase.steps.length; index++) {
      try {
        const actual = await send(gateway.port, gatewayCase.steps[index]);
        agreeing += Number(isRecordedAnswer(actual, expected[index]));
      } catch {
        // an error (e.g. a timeout) is a disagreement
      }
    }
  } finally {
    await gateway.close();
  }
  return agreeing;
}

async function measureMock(corpusDir: string, recordedFile: string, send: (port: number, step: CaseStep) => Promise<RecordedResponse>, target: TargetName): Promise<MockAgreement | undefined> {
  const file = path.join(corpusDir, recordedFile);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const corpus = JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedCorpus;
  const casesDir = path.join(corpusDir, 'cases');
  const agreement: MockAgreement = { cases: 0, casesAgreeing: 0, steps: 0, stepsAgreeing: 0 };
  for (const slug of listCaseSlugs(casesDir)) {
    const expected = corpus.cases[slug];
    if (expected === undefined) {
      continue;
    }
    const gatewayCase = readCase(casesDir, slug);
    const agreeing = await replayCase(gatewayCase, expected, send, target);
    agreement.cases++;
    agreement.steps += expected.length;
    agreement.stepsAgreeing += agreeing;
    agreement.casesAgreeing += Number(agreeing === expected.length);
  }
  return agreement;
}

// ---------------------------------------------------------------------------------------------

interface Corpus {
  label: string;
  expositionDir?: string;
  gatewayDir?: string;
  /** The 1.5.1 corpora keep their original file names for target 1.5. */
  classic: boolean;
}

function verdictsFileFor(corpus: Corpus, target: TargetName): string {
  return corpus.classic && target === '1.5' ? 'verdicts.json' : `verdicts-${target}.json`;
}

function recordedFileFor(corpus: Corpus, target: TargetName): string {
  return corpus.classic && target === '1.5' ? 'recorded.json' : `recorded-${target}.json`;
}

async function main(): Promise<void> {
  const corpora: Corpus[] = [
    { label: 'today (committed)', expositionDir: 'test/fixtures/exposition/today', gatewayDir: 'test/fixtures/gateway/today', classic: false },
    { label: '1.5.1 corpus', expositionDir: 'test/fixtures/exposition', gatewayDir: 'test/fixtures/gateway', classic: true },
  ];
  const heldOut = commandLineOption('corpus-root');
  if (heldOut !== undefined) {
    corpora.push({ label: `held-out (${heldOut})`, expositionDir: path.join(heldOut, 'exposition'), gatewayDir: path.join(heldOut, 'gateway'), classic: false });
  }
  for (const corpus of corpora) {
    console.log(`\n== ${corpus.label}`);
    console.log('lint: documents in full agreement (gateway verdict / parse message / promtool)');
    for (const target of TARGET_NAMES) {
      const lint = corpus.expositionDir === undefined ? undefined : measureLint(corpus.expositionDir, verdictsFileFor(corpus, target), target);
      if (lint !== undefined) {
        console.log(
          `  ${target.padEnd(15)} ${percent(lint.all, lint.documents).padStart(8)} of ${lint.documents}  (${percent(lint.gateway, lint.documents)} / ${percent(lint.parseMessage, lint.documents)} / ${percent(lint.promtool, lint.documents)})`,
        );
      }
    }
    console.log('mock: recorded answers (steps) matched, and cases matched in every step');
    for (const target of TARGET_NAMES) {
      if (corpus.gatewayDir === undefined) {
        continue;
      }
      const send = corpus.classic && target === '1.5' ? runStep : runTodayStep;
      const mock = await measureMock(corpus.gatewayDir, recordedFileFor(corpus, target), send, target);
      if (mock !== undefined) {
        console.log(`  ${target.padEnd(15)} ${percent(mock.stepsAgreeing, mock.steps).padStart(8)} of ${mock.steps} steps, ${percent(mock.casesAgreeing, mock.cases)} of ${mock.cases} cases`);
      }
    }
  }
}

runScript(main);
