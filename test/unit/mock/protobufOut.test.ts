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

  it('writes strings ASCII or not, shorter and longer than 128 characters, escaped bytes included, that read back as they were', () => {
    const values = ['', 'plain', 'x'.repeat(127), 'x'.repeat(128), 'x'.repeat(300), 'caf\u00e9', `${'x'.repeat(126)}\u00e9`, 'astral \u{1f600}', 'byte \udcff'];
    const families: MergedFamily[] = [{ name: 'g', type: GAUGE, metrics: values.map((value) => ({ labels: [{ name: 'v', value }], gauge: { value: 1 } })) }];
    const decoded = familiesFromDelimited(encodeDelimitedFamilies(families), 'protobuf-go');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, families);
  });

  it('writes varints at the edges of the number fast path (2^7, 2^30, 2^31, 2^32) as the BigInt path does', () => {
    const edges = [0, 1, 127, 128, 16383, 16384, 2 ** 30 - 1, 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
    const offsets = [0, -1, 63, -64, 64, 2 ** 30 - 1, -(2 ** 30), 2 ** 30, -(2 ** 30) - 1, 2 ** 31 - 1, -(2 ** 31)];
    const families: MergedFamily[] = [
      {
        name: 'edges',
        type: HISTOGRAM,
        metrics: [
          {
            labels: [],
            histogram: {
              sampleCount: 2n ** 64n - 1n,
              sampleSum: 0,
              buckets: [],
              schema: -4,
              zeroCount: 2n ** 31n,
              positive: { spans: edges.map((length, index) => ({ offset: offsets[index], length })), deltas: [-(2n ** 63n), 2n ** 63n - 1n, 0n], counts: [] },
            },
          },
        ],
      },
    ];
    const decoded = familiesFromDelimited(encodeDelimitedFamilies(families), 'protobuf-go');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, families);
    // The bytes themselves: a span { offset: -64, length: 128 } is field 12, length 5: 08 7f 10 80 01.
    const span = encodeDelimitedFamilies([
      { name: 'n', type: HISTOGRAM, metrics: [{ labels: [], histogram: { sampleSum: 0, buckets: [], positive: { spans: [{ offset: -64, length: 128 }], deltas: [], counts: [] } } }] },
    ]);
    assert.ok(span.includes(Buffer.from([0x62, 0x05, 0x08, 0x7f, 0x10, 0x80, 0x01])), span.toString('hex'));
  });

  it('writes messages whose lengths take 1, 2 and 3 bytes, in an output past its first buffer, that read back as they were', () => {
    // Label values of 100..200 characters put a label message's length on both sides of 128; the
    // family of 3 000 metrics is over 16 KiB (a 3-byte length) and the whole output over 64 KiB.
    const metrics = Array.from({ length: 3_000 }, (_, i) => ({
      labels: [
        { name: 'l', value: 'v'.repeat(100 + (i % 101)) },
        { name: 'u', value: `é\u{1F600}${i}` },
      ],
      gauge: { value: i },
    }));
    const families: MergedFamily[] = [
      { name: 'big', help: 'h'.repeat(200), type: GAUGE, metrics },
      { name: 'small', type: GAUGE, metrics: [{ labels: [], gauge: { value: 1 } }] },
    ];
    const encoded = encodeDelimitedFamilies(families);
    assert.ok(encoded.length > 64 * 1024);
    const decoded = familiesFromDelimited(encoded, 'protobuf-go');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, families);
  });
});
