import * as assert from 'node:assert/strict';
import { encodeDelimited, encodeFamily, encodeFamilyWithRawLabelValue, withLengthPrefix } from '../../gateway/protobuf';
import { familiesFromDelimited } from '../../../src/core/mock/body/fromProtobuf';
import { isValidGoUtf8 } from '../../../src/core/goemu/goFormat';
import { MetricFamily } from '../../../src/core/mock/model';

function decode(bytes: Buffer, streamError?: string): MetricFamily[] {
  const result = familiesFromDelimited(bytes, 'golang/protobuf', streamError);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

function decodeError(bytes: Buffer, streamError?: string): string {
  const result = familiesFromDelimited(bytes, 'golang/protobuf', streamError);
  assert.ok(!result.ok, 'expected an error');
  return result.error;
}

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('mock gateway: delimited protobuf bodies', () => {
  it('reads families with their types, labels, values and uint64 counts', () => {
    const [family] = decode(
      encodeDelimited([
        { name: 'h', help: 'H.', type: 'HISTOGRAM', metric: [{ label: [{ name: 'a', value: 'b' }], histogram: { sampleCount: 3, sampleSum: 2.5, bucket: [{ upperBound: 1, cumulativeCount: 2 }] } }] },
      ]),
    );
    assert.deepEqual(family, {
      name: 'h',
      help: 'H.',
      type: 4,
      metrics: [{ labels: [{ name: 'a', value: 'b' }], histogram: { sampleCount: 3n, sampleSum: 2.5, buckets: [{ upperBound: 1, cumulativeCount: 2n }] } }],
    });
  });

  it('keeps the last family of a name (at the place of the first)', () => {
    const families = decode(
      encodeDelimited([
        { name: 'x', type: 'GAUGE', metric: [{ gauge: { value: 1 } }] },
        { name: 'y', type: 'GAUGE', metric: [{ gauge: { value: 2 } }] },
        { name: 'x', type: 'COUNTER', metric: [{ counter: { value: 3 } }] },
      ]),
    );
    assert.deepEqual(
      families.map((f) => [f.name, f.type]),
      [
        ['x', 0],
        ['y', 1],
      ],
    );
  });

  it('keeps label bytes that are not UTF-8 (the consistency check refuses them later)', () => {
    const [family] = decode(withLengthPrefix(encodeFamilyWithRawLabelValue('g', 'x', Buffer.from([0xff]), 1)));
    assert.equal(isValidGoUtf8(family.metrics[0].labels[0].value), false);
  });

  it('merges a singular message sent twice, as proto2 does', () => {
    // metric { gauge { value: 1 } gauge { } }: the second gauge adds nothing and keeps the value.
    const [family] = decode(hex('14 0a0167 1801 220d 1209 09000000000000f03f 1200'));
    assert.equal(family.metrics[0].gauge?.value, 1);
  });

  it('ends quietly at the end of the body, even inside a length prefix or before a message', () => {
    assert.deepEqual(decode(Buffer.alloc(0)), []);
    assert.deepEqual(decode(hex('05')), []);
    assert.deepEqual(decode(hex('80')), []);
    assert.deepEqual(decode(hex('00')), [{ name: '', metrics: [] }]);
  });

  it('answers with the Go errors the real gateway gives (recorded from 1.5.1)', () => {
    assert.equal(decodeError(Buffer.from('this is not protobuf\n')), 'unexpected EOF');
    assert.equal(decodeError(hex('808080808001')), 'invalid varint32 encountered');
    assert.equal(decodeError(hex('020000')), 'proto: io_prometheus_client.MetricFamily: illegal tag 0 (wire type 0)');
    assert.equal(decodeError(hex('07 0a0167 2202 0000')), 'proto: io_prometheus_client.Metric: illegal tag 0 (wire type 0)');
    assert.equal(decodeError(hex('05 0a0167 7f01')), "proto: can't skip unknown wire type 7");
    assert.equal(decodeError(encodeFamily({ name: 'temperature', help: 'Degrees.', type: 'GAUGE', metric: [{ gauge: { value: 21.5 } }] })), 'unexpected EOF');
  });

  it('reports the error a gzip stream ends with where the body ends', () => {
    const body = encodeDelimited([{ name: 'x', type: 'GAUGE', metric: [{ gauge: { value: 1 } }] }]);
    assert.equal(decodeError(body, 'gzip: invalid checksum'), 'gzip: invalid checksum');
    assert.equal(decodeError(body.subarray(0, 5), 'unexpected EOF'), 'unexpected EOF');
  });
});
