import * as assert from 'node:assert/strict';
import { textBodyFamiliesInSteps } from '../../../src/core/mock/body/fromText';
import { MetricFamily } from '../../../src/core/mock/model';
import { DEFAULT_GATEWAY_TARGET } from '../../../src/core/protocol/gatewayTarget';
import { heapUsedAfterCollection } from '../../support/collectGarbage';

// What the store keeps of a text push must not keep the pushed body: V8 keeps a slice of 13 or more
// characters as a view into the string it was cut from, so one stored label value, name or HELP text
// cut from the body would hold all of it, for as long as the group lives.

const MiB = 1024 * 1024;
/** Comment lines that make the body big; the parser reads them and keeps nothing of them. */
const PADDING_BYTES = 24 * MiB;
/** Far below the body's size, far above what the few stored metrics take. */
const RETAINED_BOUND_BYTES = 4 * MiB;

function bodyWithLongTexts(familyComesBack: boolean): Uint8Array {
  const padding = `# ${'p'.repeat(1000)}\n`.repeat(Math.ceil(PADDING_BYTES / 1003));
  const metrics = [
    '# HELP backup_last_success_timestamp_seconds When the nightly database backup last finished.',
    '# TYPE backup_last_success_timestamp_seconds gauge',
    'backup_last_success_timestamp_seconds{database_instance="orders-primary.db.internal",storage_bucket="s3://backups-eu-west-1"} 1.7e9',
    // A family that comes back sends the body through the whole-body parse.
    ...(familyComesBack ? ['other_metric_with_long_name 1', 'backup_last_success_timestamp_seconds{database_instance="orders-replica.db.internal"} 1.6e9'] : []),
  ];
  return Buffer.from(`${padding}${metrics.join('\n')}\n`, 'utf8');
}

/** The heap that stays used while the families from one body are kept and the body is dropped. */
async function retainedBytes(familyComesBack: boolean): Promise<{ families: MetricFamily[]; bytes: number }> {
  const before = heapUsedAfterCollection();
  const result = await textBodyFamiliesInSteps(bodyWithLongTexts(familyComesBack), undefined, false, DEFAULT_GATEWAY_TARGET, () => Promise.resolve());
  assert.ok(result.ok, 'the body is accepted');
  return { families: result.value, bytes: heapUsedAfterCollection() - before };
}

describe('text push bodies: what the store keeps', () => {
  for (const familyComesBack of [false, true]) {
    it(`keeps label names and values, family names and HELP texts as strings of their own (${familyComesBack ? 'whole-body' : 'family-by-family'} parse)`, async () => {
      const { families, bytes } = await retainedBytes(familyComesBack);
      const stored = families.find((family) => family.name === 'backup_last_success_timestamp_seconds');
      assert.equal(stored?.help, 'When the nightly database backup last finished.');
      assert.equal(stored?.metrics[0].labels[0].value, 'orders-primary.db.internal');
      assert.ok(bytes < RETAINED_BOUND_BYTES, `${(bytes / MiB).toFixed(1)} MiB stay used after a ${PADDING_BYTES / MiB} MiB body`);
    });
  }
});
