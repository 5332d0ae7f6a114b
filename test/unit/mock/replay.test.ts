import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runStep } from '../../gateway/client';
import { assertRecordedAnswer, CASES_SUBDIR, GATEWAY_CORPUS_DIR, GatewayCase, listCaseSlugs, readCase, RECORDED_FILE, RecordedCorpus, RecordedResponse } from '../../gateway/corpus';
import { startMockGateway } from '../../../src/core/mock/server';
import { GATEWAY_TARGET_1_5 } from '../../../src/core/protocol/gatewayTarget';

// Replays every case of the gateway differential corpus (test/fixtures/gateway) against a fresh
// mock gateway and requires the answers the real Pushgateway 1.5.1 gave: same status, same kept
// headers, and a body that is one of the recorded wordings.

const casesDir = path.join(GATEWAY_CORPUS_DIR, CASES_SUBDIR);
const corpus = JSON.parse(fs.readFileSync(path.join(GATEWAY_CORPUS_DIR, RECORDED_FILE), 'utf8')) as RecordedCorpus;

/**
 * Steps where the mock answers differently from the real gateway on purpose, with the mock's own
 * answer, which the test then requires instead of the recording (it does not skip them).
 */
const DELIBERATE_DIFFERENCES: Record<string, { reason: string; steps: Record<number, RecordedResponse> }> = {};

function expectedAnswer(slug: string, index: number): RecordedResponse {
  return DELIBERATE_DIFFERENCES[slug]?.steps[index] ?? corpus.cases[slug][index];
}

function describeStep(gatewayCase: GatewayCase, index: number): string {
  const step = gatewayCase.steps[index];
  return `step ${index} (${step.method} ${step.path})`;
}

async function replay(slug: string): Promise<void> {
  const gatewayCase = readCase(casesDir, slug);
  const gateway = await startMockGateway({ port: 0, adminApi: gatewayCase.gateway.adminApi, target: GATEWAY_TARGET_1_5 });
  try {
    for (let index = 0; index < gatewayCase.steps.length; index++) {
      const actual = await runStep(gateway.port, gatewayCase.steps[index]);
      const expected = expectedAnswer(slug, index);
      const where = describeStep(gatewayCase, index);
      assertRecordedAnswer(actual, expected, where);
    }
  } finally {
    await gateway.close();
  }
}

describe('mock gateway: replay of the recorded Pushgateway 1.5.1 corpus', function () {
  it('has a recorded answer for every step of every case', () => {
    assert.ok(listCaseSlugs(casesDir).length >= 120, `only ${listCaseSlugs(casesDir).length} recorded cases in ${casesDir}`);
    for (const slug of listCaseSlugs(casesDir)) {
      assert.equal(corpus.cases[slug]?.length, readCase(casesDir, slug).steps.length, slug);
    }
  });

  it('lists only existing cases as deliberate differences', () => {
    for (const slug of Object.keys(DELIBERATE_DIFFERENCES)) {
      assert.ok(corpus.cases[slug] !== undefined, slug);
    }
  });

  for (const slug of listCaseSlugs(casesDir)) {
    it(slug, () => replay(slug));
  }
});
