import * as assert from 'node:assert/strict';
import { HistogramValue } from '../../../src/core/mock/model';
import { isBrokenNativeHistogram, isNativeHistogram, nativeBucketsJson } from '../../../src/core/mock/output/nativeBuckets';

describe('mock gateway: native histograms in /api/v1/metrics (1.11)', () => {
  const integer: HistogramValue = {
    buckets: [],
    schema: 0,
    zeroThreshold: 1e-128,
    zeroCount: 1n,
    negative: { spans: [{ offset: 1, length: 2 }], deltas: [3n, -3n], counts: [] },
    positive: {
      spans: [
        { offset: 0, length: 1 },
        { offset: 1, length: 1 },
      ],
      deltas: [2n, 0n],
      counts: [],
    },
  };

  it('lists negative (most negative first), zero and positive buckets with their boundary rules, leaving out empty ones', () => {
    assert.deepEqual(nativeBucketsJson(integer), [
      [1, '-2', '-1', '3'],
      [3, '-1e-128', '1e-128', '1'],
      [0, '0.5', '1', '2'],
      [0, '2', '4', '2'],
    ]);
  });

  it("takes float counts as they are, and schema 1's bounds from Prometheus's 16-digit table", () => {
    const float: HistogramValue = { buckets: [], schema: 1, zeroThreshold: 0.001, zeroCountFloat: 0.5, positive: { spans: [{ offset: -1, length: 2 }], deltas: [], counts: [1.5, 2.5] } };
    assert.deepEqual(nativeBucketsJson(float), [
      [3, '-0.001', '0.001', '0.5'],
      [0, '0.5', '0.7071067811865475', '1.5'],
      [0, '0.7071067811865475', '1', '2.5'],
    ]);
  });

  it('is native with spans only, and broken with a schema out of range, spans not matching the buckets or a negative count', () => {
    assert.ok(isNativeHistogram(integer));
    assert.ok(!isNativeHistogram({ buckets: [], schema: 3, zeroThreshold: 1e-9, zeroCount: 2n }));
    assert.ok(!isBrokenNativeHistogram(integer));
    assert.ok(isBrokenNativeHistogram({ ...integer, schema: 9 }));
    assert.ok(isBrokenNativeHistogram({ ...integer, positive: { spans: [{ offset: 0, length: 3 }], deltas: [2n], counts: [] } }));
    assert.ok(isBrokenNativeHistogram({ buckets: [], sampleCountFloat: -1, positive: { spans: [{ offset: 0, length: 1 }], deltas: [], counts: [-1] } }));
  });
});
