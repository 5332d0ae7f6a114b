import * as assert from 'node:assert/strict';
import { parseMockBounds } from '../../../src/core/mock/bounds';

const FLAGS = {
  maxBodyBytes: '--max-body-bytes',
  maxFamiliesPerPush: '--max-families',
  maxSeriesPerPush: '--max-series',
  headerTimeoutSeconds: '--header-timeout',
  maxPipelinedRequests: '--max-pipelined',
};

describe('mock bounds from flags and settings', () => {
  it('leaves out what is not given (the defaults apply)', () => {
    assert.deepEqual(parseMockBounds({}, FLAGS), {});
  });

  it('turns text and numbers into the options, seconds into milliseconds', () => {
    assert.deepEqual(parseMockBounds({ maxBodyBytes: '1048576', maxFamiliesPerPush: 10, maxSeriesPerPush: '500', headerTimeoutSeconds: '2.5', maxPipelinedRequests: 8 }, FLAGS), {
      bodyLimitBytes: 1048576,
      maxFamiliesPerPush: 10,
      maxSeriesPerPush: 500,
      headerTimeoutMs: 2500,
      maxPipelinedRequests: 8,
    });
  });

  it('says which value is bad and what a good one is', () => {
    const cases: [Parameters<typeof parseMockBounds>[0], string][] = [
      [{ maxBodyBytes: '0' }, '--max-body-bytes must be a whole number of at least 1, not "0"'],
      [{ maxBodyBytes: '64MiB' }, '--max-body-bytes must be a whole number of at least 1, not "64MiB"'],
      [{ maxFamiliesPerPush: -1 }, '--max-families must be a whole number of at least 1, not -1'],
      [{ maxSeriesPerPush: 1.5 }, '--max-series must be a whole number of at least 1, not 1.5'],
      [{ maxSeriesPerPush: '1e9' }, '--max-series must be a whole number of at least 1, not "1e9"'],
      [{ headerTimeoutSeconds: '0' }, '--header-timeout must be a number of seconds above 0 (at most 2147483), not "0"'],
      [{ headerTimeoutSeconds: 'soon' }, '--header-timeout must be a number of seconds above 0 (at most 2147483), not "soon"'],
      [{ headerTimeoutSeconds: 3_000_000 }, '--header-timeout must be a number of seconds above 0 (at most 2147483), not 3000000'],
      [{ maxPipelinedRequests: '99999999999999999999' }, '--max-pipelined must be a whole number of at least 1, not "99999999999999999999"'],
    ];
    for (const [raw, message] of cases) {
      assert.equal(parseMockBounds(raw, FLAGS), message);
    }
  });
});
