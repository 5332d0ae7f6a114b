import * as assert from 'node:assert/strict';
import { heredocVariables, resolveHeredocPush, resolveScriptUrl, urlVariables } from '../../../src/core/shell/heredocPush';
import { findMetricHeredocs } from '../../../src/core/shell/heredocs';

const SCRIPT = [
  'cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/backup/path@base64/L3Zhci9iYWNrdXBz/instance/$(hostname)"',
  'backup_size_bytes{db="${DB:-orders}"} $SIZE',
  'backup_host_info{host="$(hostname)"} 1',
  'EOF',
  '',
].join('\n');

describe('pushing a heredoc', () => {
  const [heredoc] = findMetricHeredocs(SCRIPT);

  it('lists the values it needs, each once, URL first', () => {
    assert.deepEqual(
      heredocVariables(heredoc).map((variable) => variable.text),
      ['$PUSHGATEWAY', '$(hostname)', '${DB:-orders}', '$SIZE'],
    );
  });

  it('resolves URL, grouping key (base64 segments decoded), method and body once the values are given', () => {
    const resolved = resolveHeredocPush(heredoc, { PUSHGATEWAY: 'http://gw:9091/prefix', '$(hostname)': 'db1', DB: 'orders', SIZE: '1024' });
    assert.deepEqual(resolved, {
      ok: true,
      value: {
        baseUrl: 'http://gw:9091/prefix',
        key: { job: 'backup', labels: { path: '/var/backups', instance: 'db1' } },
        method: 'POST',
        body: 'backup_size_bytes{db="orders"} 1024\nbackup_host_info{host="db1"} 1\n',
      },
    });
  });

  it('says what is missing or wrong', () => {
    assert.deepEqual(resolveHeredocPush(heredoc, { PUSHGATEWAY: 'http://gw:9091' }), { ok: false, error: 'no value for $(hostname)' });
    const bad = resolveHeredocPush(heredoc, { PUSHGATEWAY: 'gw', '$(hostname)': 'x', DB: 'd', SIZE: '1' });
    assert.ok(!bad.ok);
    assert.match(bad.error, /is not a URL/);
  });

  it('resolves a delete URL from a script the same way', () => {
    const url = '$GW/metrics/job/backup/instance/${HOST}';
    assert.deepEqual(
      urlVariables(url).map((variable) => variable.key),
      ['GW', 'HOST'],
    );
    assert.deepEqual(resolveScriptUrl(url, { GW: 'https://gw', HOST: 'db1' }), { ok: true, value: { baseUrl: 'https://gw', key: { job: 'backup', labels: { instance: 'db1' } } } });
  });
});
