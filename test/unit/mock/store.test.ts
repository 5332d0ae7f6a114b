import * as assert from 'node:assert/strict';
import { storedFamily } from '../../../src/core/mock/store/metricChecks';
import { COUNTER, GAUGE, HISTOGRAM, Metric, MetricFamily } from '../../../src/core/mock/model';
import { sanitizeMetric } from '../../../src/core/mock/store/sanitize';
import { groupLabelsId } from '../../../src/core/protocol/groupingKey';
import { PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY } from '../../../src/core/mock/store/store';
import { StoreIndex } from '../../../src/core/mock/store/storeIndex';
import { StoreView } from '../../../src/core/mock/store/storeView';
import { newStore, pushError, pushOk, textFamilies } from './helpers';

function gauge(name: string, ...values: [string, number][]): MetricFamily {
  return { name, type: GAUGE, metrics: values.map(([instance, value]) => ({ labels: [{ name: 'instance', value: instance }], gauge: { value } })) };
}

function familyNames(store: ReturnType<typeof newStore>['store'], grouping: Record<string, string>): string[] {
  return [...(store.group(grouping)?.families.keys() ?? [])];
}

describe('mock gateway: the store', () => {
  describe('writes like the real DiskMetricStore', () => {
    it('PUT replaces the whole group but keeps its push-time families', () => {
      const { store } = newStore();
      pushOk(store, { job: 'j' }, 'a 1\nb 2\n');
      pushOk(store, { job: 'j' }, 'c 3\n');
      assert.deepEqual(familyNames(store, { job: 'j' }).sort(), ['c', PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY].sort());
    });

    it('POST replaces only the families it pushes', () => {
      const { store } = newStore();
      pushOk(store, { job: 'j' }, 'a{x="1"} 1\na{x="2"} 2\nb 3\n');
      pushOk(store, { job: 'j' }, 'a{x="3"} 30\n', false);
      const group = store.group({ job: 'j' });
      assert.equal(group?.families.get('a')?.family.metrics.length, 1);
      assert.ok(group?.families.has('b'));
    });

    it('a refused push keeps the old metrics and records the failure time', () => {
      const { store } = newStore();
      pushOk(store, { job: 'j' }, 'a 1\n');
      pushError(store, { job: 'j' }, 'b 1\nb 2\n', false);
      const group = store.group({ job: 'j' });
      assert.ok(group?.families.has('a') && !group.families.has('b'));
      const failure = group?.families.get(PUSH_FAILURE_TIME_FAMILY)?.family.metrics[0].gauge?.value ?? 0;
      const success = group?.families.get(PUSH_TIME_FAMILY)?.family.metrics[0].gauge?.value ?? 0;
      assert.ok(failure > success && success > 0);
    });

    it('a refused push to a new group creates it with push time 0', () => {
      const { store } = newStore();
      assert.equal(pushError(store, { job: 'j' }, 'a 1 1700000000000\n'), 'pushed metrics are invalid or inconsistent with existing metrics: pushed metrics must not have timestamps');
      const group = store.group({ job: 'j' });
      assert.equal(group?.families.get(PUSH_TIME_FAMILY)?.family.metrics[0].gauge?.value, 0);
      assert.ok((group?.families.get(PUSH_FAILURE_TIME_FAMILY)?.family.metrics[0].gauge?.value ?? 0) > 1e9);
    });

    it('names the pushed metric in a type clash with another group', () => {
      const { store } = newStore();
      pushOk(store, { job: 'a' }, '# TYPE x gauge\nx 1\n');
      assert.equal(
        pushError(store, { job: 'b' }, '# TYPE x counter\nx 1\n'),
        'pushed metrics are invalid or inconsistent with existing metrics: collected metric "x" { label:<name:"instance" value:"" > label:<name:"job" value:"b" > counter:<value:1 > } is not a GAUGE',
      );
    });

    it("checks suffix collisions against the families gathered before (the gateway's own first)", () => {
      const { store } = newStore();
      assert.equal(
        pushError(store, { job: 'j' }, '# TYPE go_gc_duration_seconds_count gauge\ngo_gc_duration_seconds_count 1\n'),
        'pushed metrics are invalid or inconsistent with existing metrics: collected metric named "go_gc_duration_seconds_count" collides with previously collected summary named "go_gc_duration_seconds"',
      );
    });
  });

  describe('standing problems', () => {
    it('a {job} / {job, instance=""} collision fails every later push and GET /metrics until one group is deleted', () => {
      const { store } = newStore();
      pushOk(store, { job: 'j' }, 'a 1\n');
      const collision = pushError(store, { job: 'j', instance: '' }, 'b 1\n');
      assert.match(
        collision,
        /^pushed metrics are invalid or inconsistent with existing metrics: 2 error\(s\) occurred:\n\* collected metric "push_time_seconds" .* was collected before with the same name and label values\n\* collected metric "push_failure_time_seconds" .*/,
      );
      assert.equal(store.gatherErrorMessages().length, 2);
      assert.match(pushError(store, { job: 'other' }, 'c 1\n'), /2 error\(s\) occurred/);
      store.delete({ job: 'j', instance: '' });
      assert.deepEqual(store.gatherErrorMessages(), []);
      pushOk(store, { job: 'other' }, 'c 1\n');
    });

    it('a failure record can itself create a type clash (an untyped pushed push_failure_time_seconds)', () => {
      const { store } = newStore();
      pushOk(store, { job: 'j' }, 'a 1\n');
      pushOk(store, { job: 'j' }, 'push_failure_time_seconds 7\n');
      pushError(store, { job: 'k' }, 'b 1 1\n');
      assert.deepEqual(store.gatherErrorMessages(), [
        'collected metric "push_failure_time_seconds" { label:<name:"instance" value:"" > label:<name:"job" value:"k" > gauge:<value:1.704067202e+09 > } is not a UNTYPED',
      ]);
    });

    it('a push sent again still refuses a series another group then repeats, and forgets it after a delete', () => {
      const { store } = newStore();
      pushOk(store, { job: 'j' }, 'a{x="1"} 1\na{x="2"} 2\n');
      pushOk(store, { job: 'j' }, 'a{x="1"} 1\na{x="2"} 2\n');
      assert.match(pushError(store, { job: 'j', instance: '' }, 'a{x="2"} 3\n'), /\* collected metric "a" \{ [^\n]* untyped:<value:3 > \} was collected before with the same name and label values\n/);
      store.delete({ job: 'j' });
      pushOk(store, { job: 'j', instance: '' }, 'a{x="2"} 3\n');
    });

    it('refuses a family of a new name that repeats one of its own series, small or big', () => {
      for (const size of [3, 40]) {
        const { store } = newStore();
        const lines = Array.from({ length: size }, (_, i) => `x{i="${i}"} ${i}\n`).join('');
        assert.match(pushError(store, { job: 'j' }, `${lines}x{i="1"} 99\n`), /untyped:<value:99 > \} was collected before with the same name and label values$/);
        pushOk(store, { job: 'j' }, lines);
      }
    });

    it('a wipe leaves no stale index entry behind', () => {
      const { store } = newStore();
      pushOk(store, { job: 'a' }, '# TYPE x gauge\nx 1\n');
      pushOk(store, { job: 'j' }, 'a 1\n');
      pushError(store, { job: 'j', instance: '' }, 'b 1\n');
      store.wipe();
      assert.deepEqual(store.gatherErrorMessages(), []);
      pushOk(store, { job: 'b' }, '# TYPE x counter\nx 1\n');
      assert.equal([...store.groups()].length, 1);
    });
  });

  describe('indexes', () => {
    it('keep owners in the order they got a family, a replaced family in its place', () => {
      const index = new StoreIndex();
      index.set('g1', 'x', storedFamily(gauge('x', ['1', 1]), 1));
      index.set('g2', 'x', storedFamily(gauge('x', ['2', 2]), 2));
      index.set('g1', 'x', storedFamily(gauge('x', ['1', 3]), 3));
      assert.deepEqual([...(index.owners('x')?.keys() ?? [])], ['g1', 'g2']);
      assert.equal(index.owners('x')?.get('g1')?.stored.family.metrics[0].gauge?.value, 3);
      index.set('g1', 'x', undefined);
      index.set('g1', 'x', storedFamily(gauge('x', ['1', 4]), 4));
      assert.deepEqual([...(index.owners('x')?.keys() ?? [])], ['g2', 'g1']);
    });

    it('count metrics lacking a value field, and forget a name with its last owner', () => {
      const index = new StoreIndex();
      index.set('g1', 'x', storedFamily(gauge('x', ['1', 1], ['2', 2]), 1));
      assert.equal(index.missing('x', GAUGE), 0);
      assert.equal(index.missing('x', COUNTER), 2);
      const order = index.order('x');
      index.set('g1', 'x', undefined);
      assert.equal(index.owners('x'), undefined);
      assert.equal(index.missing('x', COUNTER), 0);
      index.set('g2', 'x', storedFamily(gauge('x', ['1', 1]), 2));
      assert.ok((index.order('x') ?? -1) > (order ?? 0), 'a name that comes back is gathered last');
    });

    it('track series stored more than once', () => {
      const index = new StoreIndex();
      index.set('g1', 'x', storedFamily(gauge('x', ['1', 1]), 1));
      index.set('g2', 'x', storedFamily(gauge('x', ['1', 2], ['2', 2]), 2));
      assert.equal(index.duplicateKeys('x').size, 1);
      assert.equal(index.occurrences([...index.duplicateKeys('x')][0]).length, 2);
      index.set('g1', 'x', undefined);
      assert.equal(index.duplicateKeys('x').size, 0);
    });

    it('key a series by the JSON of its name and labels, whatever the label values hold', () => {
      const values = ['plain', 'a "quoted" value', 'back\\slash', 'new\nline', 'tab\tand\u0001', 'astral \u{1f600}', 'escaped byte \udcff', ''];
      const family: MetricFamily = { name: 'x', type: GAUGE, metrics: values.map((value) => ({ labels: [{ name: 'v', value }], gauge: { value: 1 } })) };
      family.metrics.push({ labels: [], gauge: { value: 1 } });
      assert.deepEqual(
        storedFamily(family, 1).facts.keys,
        family.metrics.map((metric) => JSON.stringify(['x', ...metric.labels.flatMap((pair) => [pair.name, pair.value])])),
      );
      const quotedName: MetricFamily = { name: 'a"b', type: GAUGE, metrics: [{ labels: [{ name: 'v', value: '1' }], gauge: { value: 1 } }] };
      assert.deepEqual(storedFamily(quotedName, 1).facts.keys, [JSON.stringify(['a"b', 'v', '1'])]);
    });

    it('point at the new family when one with the same series replaces it, and forget its series with it', () => {
      const index = new StoreIndex();
      const first = storedFamily(gauge('x', ['1', 1], ['2', 2]), 1);
      index.set('g1', 'x', first);
      const again = storedFamily(gauge('x', ['1', 3], ['2', 4]), 2, undefined, first);
      assert.equal(again.facts.keys, first.facts.keys, 'the same series share their keys');
      index.set('g1', 'x', again);
      const [occurrence] = index.occurrences(first.facts.keys[1]);
      assert.equal(occurrence.owner.stored.family.metrics[occurrence.index].gauge?.value, 4);
      index.set('g2', 'x', storedFamily(gauge('x', ['2', 5]), 3));
      assert.deepEqual([...index.duplicateKeys('x')], [first.facts.keys[1]]);
      index.set('g1', 'x', undefined);
      assert.equal(index.duplicateKeys('x').size, 0);
      assert.equal(index.occurrences(first.facts.keys[0]).length, 0);
    });

    it("see a group change without applying it: its replaced series do not repeat, a new owner's do", () => {
      const index = new StoreIndex();
      const first = storedFamily(gauge('x', ['1', 1]), 1);
      index.set('g1', 'x', first);
      const same = new StoreView(index, { groupKey: 'g1', before: new Map([['x', first]]), after: new Map([['x', storedFamily(gauge('x', ['1', 5]), 2)]]) });
      assert.deepEqual(same.repeatedSeries('x'), []);
      const other = new StoreView(index, { groupKey: 'g2', before: new Map(), after: new Map([['x', storedFamily(gauge('x', ['1', 7]), 2)]]) });
      assert.deepEqual(
        other.repeatedSeries('x').map((metric) => metric.gauge?.value),
        [7],
      );
      assert.equal(index.duplicateKeys('x').size, 0, 'the index is untouched');
    });
  });

  describe('cost of a push', function () {
    const GROUPS = 10_000;

    it(`does not look at other groups' families (${GROUPS} groups, with a standing collision)`, () => {
      const { store } = newStore();
      const body = '# TYPE batch_last_success_seconds gauge\nbatch_last_success_seconds 1\n# TYPE batch_items_total counter\nbatch_items_total{kind="a"} 2\n';
      for (let i = 0; i < GROUPS; i++) {
        assert.ok(store.push({ grouping: { job: 'fill', instance: `i${i}` }, families: textFamilies(body), replace: true }).ok);
      }
      pushOk(store, { job: 'c' }, 'x 1\n');
      pushError(store, { job: 'c', instance: '' }, 'y 1\n');
      const original = StoreView.prototype.families;
      let visited = 0;
      StoreView.prototype.families = function* (this: StoreView, name: string) {
        for (const stored of original.call(this, name)) {
          visited++;
          yield stored;
        }
      };
      try {
        const rounds = 200;
        for (let i = 0; i < rounds; i++) {
          pushError(store, { job: 'probe', instance: `p${i % 5}` }, body);
        }
        // The cost is counted in families looked at, not in milliseconds, so a busy machine cannot fail it.
        assert.ok(visited / rounds < 50, `families visited per push: ${visited / rounds}`);
      } finally {
        StoreView.prototype.families = original;
      }
    });
  });

  it("sorts a metric's labels by name, stably, for a few labels and for many", () => {
    const few: Metric = { labels: ['z', 'a', 'm', 'a'].map((name, index) => ({ name, value: String(index) })) };
    sanitizeMetric(few, { job: 'j' });
    assert.deepEqual(
      few.labels.map((pair) => `${pair.name}=${pair.value}`),
      ['a=1', 'a=3', 'instance=', 'job=j', 'm=2', 'z=0'],
    );
    const names = Array.from({ length: 30 }, (_, index) => `l${String(29 - index).padStart(2, '0')}`);
    const many: Metric = { labels: names.map((name) => ({ name, value: '' })) };
    sanitizeMetric(many, { job: 'j' });
    assert.deepEqual(
      many.labels.map((pair) => pair.name),
      ['instance', 'job', ...[...names].reverse()],
    );
  });

  it("replaces the body's first label of a grouping label's name with the grouping's pair, leaving the body's pair as it was", () => {
    const shared = { name: 'job', value: 'from-body' };
    const metric: Metric = { labels: [{ name: 'z', value: '1' }, shared, { name: 'job', value: 'second' }] };
    sanitizeMetric(metric, { job: 'j', instance: 'i' });
    assert.deepEqual(
      metric.labels.map((pair) => `${pair.name}=${pair.value}`),
      ['instance=i', 'job=j', 'job=second', 'z=1'],
    );
    assert.deepEqual(shared, { name: 'job', value: 'from-body' });
  });

  it('keys groups by their sorted labels', () => {
    assert.equal(groupLabelsId({ job: 'j', a: '1' }), groupLabelsId({ a: '1', job: 'j' }));
    assert.notEqual(groupLabelsId({ job: 'j' }), groupLabelsId({ job: 'j', instance: '' }));
  });
});

describe('mock gateway: native histograms 1.11.2 cannot list, kept counted', () => {
  function histogramFamily(schema: number): MetricFamily {
    const histogram = { sampleCount: 1n, sampleSum: 1, buckets: [], schema, zeroThreshold: 0.001, zeroCount: 0n, positive: { spans: [{ offset: 0, length: 1 }], deltas: [1n], counts: [] } };
    return { name: 'latency_seconds', type: HISTOGRAM, metrics: [{ labels: [], histogram }] };
  }

  it('knows without a scan whether the store holds one, through pushes, replacements, deletes and a wipe', () => {
    const { store } = newStore();
    assert.equal(store.holdsBrokenNativeHistogram(), false);
    store.pushUnchecked({ grouping: { job: 'a' }, families: [histogramFamily(9)], replace: true });
    store.pushUnchecked({ grouping: { job: 'b' }, families: [histogramFamily(3)], replace: true });
    assert.equal(store.holdsBrokenNativeHistogram(), true);
    store.delete({ job: 'a' });
    assert.equal(store.holdsBrokenNativeHistogram(), false);
    store.pushUnchecked({ grouping: { job: 'a' }, families: [histogramFamily(-5)], replace: true });
    assert.equal(store.holdsBrokenNativeHistogram(), true);
    store.pushUnchecked({ grouping: { job: 'a' }, families: [histogramFamily(0)], replace: true });
    assert.equal(store.holdsBrokenNativeHistogram(), false);
    store.pushUnchecked({ grouping: { job: 'c' }, families: [histogramFamily(9)], replace: false });
    store.wipe();
    assert.equal(store.holdsBrokenNativeHistogram(), false);
  });
});
