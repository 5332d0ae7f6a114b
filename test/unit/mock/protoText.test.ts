import * as assert from 'node:assert/strict';
import { metricProtoText } from '../../../src/core/mock/store/protoText';
import { Metric } from '../../../src/core/mock/model';

describe('mock gateway: a metric as the consistency errors dump it', () => {
  const gauge: Metric = {
    labels: [
      { name: 'instance', value: '' },
      { name: 'job', value: 'j' },
    ],
    gauge: { value: 2 },
  };
  const histogram: Metric = { labels: [], histogram: { sampleCount: 1n, sampleSum: 2, buckets: [{ cumulativeCount: 1n, upperBound: 5 }] } };
  // "\udcff" is how a Go string keeps the invalid byte 0xff (see goFormat.ts).
  const odd: Metric = { labels: [{ name: 'l', value: 'a\udcff\u0001é' }], untyped: { value: 1.79e9 } };

  it('writes golang/protobuf 1.3 compact text for Pushgateway 1.5', () => {
    assert.equal(metricProtoText(gauge, 'compact'), 'label:<name:"instance" value:"" > label:<name:"job" value:"j" > gauge:<value:2 > ');
    assert.equal(metricProtoText(histogram, 'compact'), 'histogram:<sample_count:1 sample_sum:2 bucket:<cumulative_count:1 upper_bound:5 > > ');
    assert.equal(metricProtoText(odd, 'compact'), 'label:<name:"l" value:"a\\377\\001\\303\\251" > untyped:<value:1.79e+09 > ');
  });

  it("writes Go's new prototext for Pushgateway 1.11: braces, two spaces, no trailing space, \\x escapes", () => {
    assert.equal(metricProtoText(gauge, 'prototext'), 'label:{name:"instance"  value:""}  label:{name:"job"  value:"j"}  gauge:{value:2}');
    assert.equal(metricProtoText(histogram, 'prototext'), 'histogram:{sample_count:1  sample_sum:2  bucket:{cumulative_count:1  upper_bound:5}}');
    assert.equal(metricProtoText(odd, 'prototext'), 'label:{name:"l"  value:"a\\xff\\x01é"}  untyped:{value:1.79e+09}');
  });

  it('writes the float counts and native fields of 1.11 in the order of metrics.proto', () => {
    const native: Metric = {
      labels: [],
      histogram: {
        sampleCountFloat: 4.5,
        sampleSum: 9,
        buckets: [{ cumulativeCountFloat: 1.5, upperBound: 1 }],
        schema: 1,
        zeroThreshold: 0.001,
        zeroCountFloat: 0.5,
        positive: { spans: [{ offset: -1, length: 2 }], deltas: [], counts: [1.5, 2.5] },
      },
    };
    assert.equal(
      metricProtoText(native, 'prototext'),
      'histogram:{sample_count_float:4.5  sample_sum:9  bucket:{cumulative_count_float:1.5  upper_bound:1}  schema:1  zero_threshold:0.001  zero_count_float:0.5  positive_span:{offset:-1  length:2}  positive_count:1.5  positive_count:2.5}',
    );
  });
});
