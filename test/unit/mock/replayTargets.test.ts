import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTodayStep } from '../../gateway/todayClient';
import { assertRecordedAnswer, CASES_SUBDIR, GATEWAY_CORPUS_DIR, GatewayCase, listCaseSlugs, readCase, RecordedCorpus, RecordedResponse } from '../../gateway/corpus';
import { startMockGateway } from '../../../src/core/mock/server';
import { lintTargetOf } from '../exposition/targetVerdicts';

// Replays the gateway corpora recorded from the real binaries (test/fixtures/README-today.md) on a
// mock started with the same target, and requires the recorded answers (same status, kept
// headers, one of the recorded wordings), sent and normalised as they were recorded (runTodayStep):
//   - the today corpus (test/fixtures/gateway/today) on all four targets;
//   - the 1.5.1 corpus (test/fixtures/gateway) on the three 1.11 targets (its 1.5 recording is
//     replay.test.ts's).

const TODAY_DIR = path.join(GATEWAY_CORPUS_DIR, 'today');

interface ReplayedCorpus {
  readonly label: string;
  readonly dir: string;
  readonly targets: readonly string[];
}

const CORPORA: readonly ReplayedCorpus[] = [
  { label: 'today corpus', dir: TODAY_DIR, targets: ['1.5', '1.11', '1.11-utf8', '1.11-unchecked'] },
  { label: '1.5.1 corpus', dir: GATEWAY_CORPUS_DIR, targets: ['1.11', '1.11-utf8', '1.11-unchecked'] },
];

async function replay(dir: string, slug: string, target: string, recorded: readonly RecordedResponse[]): Promise<void> {
  const gatewayCase: GatewayCase = readCase(path.join(dir, CASES_SUBDIR), slug);
  const gateway = await startMockGateway({ port: 0, adminApi: gatewayCase.gateway.adminApi, target: lintTargetOf(target) });
  try {
    for (let index = 0; index < gatewayCase.steps.length; index++) {
      const step = gatewayCase.steps[index];
      const where = `step ${index} (${step.method} ${step.path})`;
      const actual = await runTodayStep(gateway.port, step);
      const expected = recorded[index];
      assertRecordedAnswer(actual, expected, where);
    }
  } finally {
    await gateway.close();
  }
}

for (const corpus of CORPORA) {
  const slugs = listCaseSlugs(path.join(corpus.dir, CASES_SUBDIR));
  for (const target of corpus.targets) {
    const recording = JSON.parse(fs.readFileSync(path.join(corpus.dir, `recorded-${target}.json`), 'utf8')) as RecordedCorpus;

    describe(`mock gateway: replay of the ${corpus.label} recorded on ${target}`, function () {
      it('has a recorded answer for every step of every case', () => {
        assert.ok(slugs.length >= 120, `only ${slugs.length} cases in ${corpus.dir}`);
        for (const slug of slugs) {
          assert.equal(recording.cases[slug]?.length, readCase(path.join(corpus.dir, CASES_SUBDIR), slug).steps.length, slug);
        }
      });

      for (const slug of slugs) {
        it(slug, () => replay(corpus.dir, slug, target, recording.cases[slug]));
      }
    });
  }
}
