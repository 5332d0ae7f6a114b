import * as assert from 'node:assert/strict';
import { HeredocVariable } from '../../../src/core/shell/heredocPush';
import { likelyGatewayHost, readsTheClock, suggestedValue } from '../../../src/core/shell/suggestedValues';

const CONTEXT = { nowSeconds: 1764000000.7, hostname: 'db1.example.org' };

function suggest(text: string, script = '', beforeLine = 1000): string | undefined {
  const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1];
  const variable: HeredocVariable = { key: name && !text.startsWith('$(') ? name : text, text };
  return suggestedValue(variable, script, beforeLine, CONTEXT);
}

describe('suggested values for a heredoc push', () => {
  it('offers the current Unix time for $(date +%s) and the host name for $(hostname)', () => {
    assert.equal(suggest('$(date +%s)'), '1764000000');
    assert.equal(suggest('`date +%s`'), '1764000000');
    for (const clock of ['$(date -u +%s)', "$(date +'%s')", '$(date "+%s")', '`date -u +%s`']) {
      assert.equal(suggest(clock), '1764000000', clock);
    }
    assert.equal(suggest('$(hostname)'), 'db1.example.org');
    assert.equal(suggest('$(hostname -f)'), 'db1.example.org');
    assert.equal(suggest('$(hostname -s)'), 'db1');
    assert.equal(suggest('$HOSTNAME'), 'db1.example.org');
    assert.equal(suggest('$(date +%Y)'), undefined);
    assert.equal(readsTheClock({ key: '$(date +%s)', text: '$(date +%s)' }), true);
    assert.equal(readsTheClock({ key: '$(hostname)', text: '$(hostname)' }), false);
  });

  it('offers the default of ${NAME:-default}', () => {
    assert.equal(suggest('${DB:-orders}'), 'orders');
    assert.equal(suggest('${DB-orders}'), 'orders');
    assert.equal(suggest('${DB:-"orders db"}'), 'orders db');
    assert.equal(suggest("${DB:-'orders'}"), 'orders');
  });

  it('offers the literal the script assigns above the push, the last assignment winning', () => {
    const script = ['PUSHGATEWAY=http://old:9091', 'export PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}', 'LOG_DIR="/var/log/app"', "TAG='nightly'", 'SIZE=$(stat -c %s f)', 'cat <<EOF'].join(
      '\n',
    );
    assert.equal(suggest('$PUSHGATEWAY', script, 5), 'http://127.0.0.1:9091');
    assert.equal(suggest('$PUSHGATEWAY', script, 1), 'http://old:9091', 'an assignment below the push was used');
    assert.equal(suggest('${LOG_DIR}', script, 5), '/var/log/app');
    assert.equal(suggest('$TAG', script, 5), 'nightly');
    assert.equal(suggest('$SIZE', script, 5), undefined, 'a command substitution has no value before the script runs');
    assert.equal(suggest('$UNSET', script, 5), undefined);
    const commented = ['CHANNEL="#ops" # where alerts go', 'TARGET=http://gw:9091 # the gateway', 'cat <<EOF'].join('\n');
    assert.equal(suggest('$CHANNEL', commented, 2), '#ops', 'a # inside quotes was taken for a comment');
    assert.equal(suggest('$TARGET', commented, 2), 'http://gw:9091');
  });

  it('names the host a push URL most likely reaches, through the default of its leading variable', () => {
    const script = 'PUSHGATEWAY=${PUSHGATEWAY:-http://gw.example:9091}\ncat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/x"\n';
    assert.equal(likelyGatewayHost('$PUSHGATEWAY/metrics/job/x', script, 1), 'gw.example:9091');
    assert.equal(likelyGatewayHost('http://literal:9091/metrics/job/x', script, 1), 'literal:9091');
    assert.equal(likelyGatewayHost('$OTHER/metrics/job/x', script, 1), undefined);
    assert.equal(likelyGatewayHost('http://$HOST:9091/metrics/job/x', script, 1), undefined);
  });
});
