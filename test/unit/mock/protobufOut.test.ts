import * as assert from 'node:assert/strict';
import { familiesFromDelimited } from '../../../src/core/mock/body/fromProtobuf';
import { GAUGE, HISTOGRAM, SUMMARY } from '../../../src/core/mock/model';
import { encodeDelimitedFamilies } from '../../../src/core/mock/output/protobufOut';
import { MergedFamily } from '../../../src/core/mock/output/render';

describe('mock gateway: GET /metrics in delimited protobuf', () => {
  it('writes families that read back as they were, native histograms included', () => {
    const families: MergedFamily[] = [
      { name: 'g', help: 'A gauge.', type: GAUGE, metrics: [{ labels: [{ name: 'job', value: 'j' }], gauge: { value: -1.5 }, timestampMs: 1700000000000n }] },
      { name: 's', type: SUMMARY, metrics: [{ labels: [], summary: { sampleCount: 3n, sampleSum: 2, quantiles: [{ quantile: 0.5, value: 1 }] } }] },
      {
        name: 'h',
        type: HISTOGRAM,
        metrics: [
          {
            labels: [],
            histogram: {
              sampleCountFloat: 4.5,
              sampleSum: 9,
              buckets: [{ cumulativeCountFloat: 1.5, upperBound: 1 }],
              schema: -1,
              zeroThreshold: 0.001,
              zeroCount: 2n,
              negative: { spans: [{ offset: -2, length: 1 }], deltas: [-3n], counts: [] },
              positive: { spans: [{ offset: 1, length: 2 }], deltas: [], counts: [1.5, 2.5] },
            },
          },
        ],
      },
    ];
    const decoded = familiesFromDelimited(encodeDelimitedFamilies(families), 'protobuf-go');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, families);
  });
});
