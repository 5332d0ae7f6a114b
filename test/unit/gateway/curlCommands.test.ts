import * as assert from 'node:assert/strict';
import { curlCommandsFor, METRICS_PLACEHOLDER } from '../../../src/core/gateway/curlCommands';
import { GatewayGroup } from '../../../src/core/gateway/groups';
import { lintExposition } from '../../../src/core/exposition/lint';

function group(labels: Record<string, string>, families: GatewayGroup['families'] = []): GatewayGroup {
  return { labels, lastPushSuccessful: true, pushTimeSeconds: 1_764_000_000, families };
}

const BACKUP = group({ job: 'backup_db', instance: 'db1' }, [
  {
    name: 'backup_db_size_bytes',
    type: 'GAUGE',
    help: 'Size of the last backup.',
    metrics: [{ labels: { job: 'backup_db', instance: 'db1', database: 'orders' }, value: '7.340032e+07' }],
  },
  {
    name: 'backup_db_duration_seconds',
    type: 'HISTOGRAM',
    metrics: [{ labels: { job: 'backup_db', instance: 'db1' }, buckets: { '+Inf': '2', '60': '1' }, count: '2', sum: '95' }],
  },
]);

/** The body of the command's heredoc and the line that opens it. */
function heredoc(text: string): { command: string; body: string } {
  const match = /^(curl .*<<'EOF')\n([\s\S]*?)\nEOF$/m.exec(text);
  assert.ok(match, `no heredoc in:\n${text}`);
  return { command: match[1], body: `${match[2]}\n` };
}

describe('curl commands for a group', () => {
  it("pushes the group's own metrics back with PUT, without the labels its URL sets", () => {
    const commands = curlCommandsFor('http://gw:9091', BACKUP);
    assert.ok(commands.ok);
    const { command, body } = heredoc(commands.value.text);
    assert.equal(command, "curl --fail-with-body -X PUT --data-binary @- 'http://gw:9091/metrics/job/backup_db/instance/db1' <<'EOF'");
    assert.equal(
      body,
      [
        '# HELP backup_db_size_bytes Size of the last backup.',
        '# TYPE backup_db_size_bytes gauge',
        'backup_db_size_bytes{database="orders"} 7.340032e+07',
        '# TYPE backup_db_duration_seconds histogram',
        'backup_db_duration_seconds_bucket{le="60"} 1',
        'backup_db_duration_seconds_bucket{le="+Inf"} 2',
        'backup_db_duration_seconds_sum 95',
        'backup_db_duration_seconds_count 2',
        '',
      ].join('\n'),
    );
    assert.deepEqual(lintExposition(body).document.problems, []);
    assert.equal(
      commands.value.summary,
      "Copied a curl PUT that pushes this group's 2 metric families back as last read (run unedited, it leaves the metrics as they were), and the group's DELETE, commented out.",
    );
  });

  it('leaves out the empty instance label the gateway adds', () => {
    const commands = curlCommandsFor('http://gw:9091', group({ job: 'cleanup' }, [{ name: 'files', type: 'UNTYPED', metrics: [{ labels: { job: 'cleanup', instance: '' }, value: '3' }] }]));
    assert.ok(commands.ok);
    assert.equal(heredoc(commands.value.text).body, '# TYPE files untyped\nfiles 3\n');
    assert.match(commands.value.summary, /this group's 1 metric family back/);
  });

  it('copies the DELETE only as a comment, so pasting the whole text never deletes the group', () => {
    for (const target of [BACKUP, group({ job: 'empty' })]) {
      const commands = curlCommandsFor('http://gw:9091', target);
      assert.ok(commands.ok);
      const runnable = commands.value.text.split('\n').filter((line) => line.startsWith('curl '));
      assert.equal(runnable.length, 1);
      assert.doesNotMatch(runnable[0], /DELETE/);
      assert.match(commands.value.text, /^# curl --fail-with-body -X DELETE 'http:\/\/gw:9091\/metrics\/job\/[\w/]+'$/m);
    }
  });

  it('posts a marked placeholder for a group without metrics, which the gateway refuses as it stands', () => {
    const commands = curlCommandsFor('http://gw:9091', group({ job: 'empty' }));
    assert.ok(commands.ok);
    const { command, body } = heredoc(commands.value.text);
    assert.equal(command, "curl --fail-with-body -X POST --data-binary @- 'http://gw:9091/metrics/job/empty' <<'EOF'");
    assert.equal(body, `${METRICS_PLACEHOLDER}\n`);
    assert.notDeepEqual(lintExposition(body).document.problems, []);
    assert.match(commands.value.text, new RegExp(`Replace ${METRICS_PLACEHOLDER}\\n# with your metrics first`));
    assert.match(commands.value.summary, /^Copied a curl POST to this group with a placeholder body/);
  });

  it("addresses the group with base64 segments where needed, shell-quoted, under the gateway's path prefix", () => {
    const commands = curlCommandsFor('http://gw:9091/prefix/', group({ job: "it's", path: '/var/log', instance: '' }));
    assert.ok(commands.ok);
    assert.match(commands.value.text, /^curl --fail-with-body -X POST --data-binary @- 'http:\/\/gw:9091\/prefix\/metrics\/job\/it'\\''s\/path@base64\/L3Zhci9sb2c\/instance@base64\/=' <<'EOF'$/m);
    assert.match(commands.value.text, /^# curl --fail-with-body -X DELETE 'http:\/\/gw:9091\/prefix\/metrics\/job\/it'\\''s\/path@base64\/L3Zhci9sb2c\/instance@base64\/='$/m);
  });

  it('reports a group it cannot address', () => {
    assert.deepEqual(curlCommandsFor('http://gw:9091', group({ instance: 'x' })), { ok: false, error: 'job name is required' });
  });
});
