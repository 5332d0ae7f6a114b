import * as assert from 'node:assert/strict';
import { GAUGE, MetricFamily } from '../../../src/core/mock/model';
import { metricsJson } from '../../../src/core/mock/output/api';
import { storedFamily } from '../../../src/core/mock/store/metricChecks';

describe('mock gateway: /api/v1/metrics JSON', () => {
  it('writes labels as a Go map: sorted names, the last of a repeated name, also when they are not stored sorted', () => {
    const family: MetricFamily = {
      name: 'g',
      type: GAUGE,
      metrics: [
        {
          labels: [
            { name: 'a', value: '1' },
            { name: 'a', value: '2' },
            { name: 'job', value: 'j' },
          ],
          gauge: { value: 1.5 },
        },
        {
          labels: [
            { name: 'job', value: 'j' },
            { name: 'b', value: 'x<' },
          ],
          gauge: { value: 2e6 },
        },
        {
          labels: [
            { name: 'instance', value: '' },
            { name: 'job', value: 'j' },
          ],
          counter: { value: -3 },
        },
      ],
    };
    const json = metricsJson([{ key: 'k', labels: { job: 'j' }, families: new Map([['g', storedFamily(family, 0)]]) }]);
    assert.ok(json.includes('"metrics":[{"labels":{"a":"2","job":"j"},"value":"1.5"},{"labels":{"b":"x\\u003c","job":"j"},"value":"2e+06"},{"labels":{"instance":"","job":"j"},"value":"-3"}]'), json);
  });
});
