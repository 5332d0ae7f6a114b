import * as assert from 'node:assert/strict';
import { pushSiteDiagnostics, scriptFacts } from '../../../src/core/hygiene/pushSiteHygiene';
import { findMetricHeredocs } from '../../../src/core/shell/heredocs';

function spans(script: string): string[] {
  return findMetricHeredocs(script).flatMap((heredoc) => pushSiteDiagnostics(scriptFacts(script), heredoc).map(({ span }) => `${span.line}:${span.start}-${span.end}`));
}

describe('push site hygiene', () => {
  it('underlines each of two identical expansions, in a quoted URL too', () => {
    const url = 'http://gw/metrics/job/b/a/$RANDOM/c/$RANDOM';
    for (const written of [url, `"${url}"`]) {
      const script = `cat <<EOF | curl --data-binary @- ${written}\na 1\nEOF\n`;
      const first = script.indexOf('$RANDOM');
      const second = script.indexOf('$RANDOM', first + 1);
      assert.deepEqual(spans(script), [`0:${first}-${first + 7}`, `0:${second}-${second + 7}`], written);
    }
  });

  it('reads the script once for its heredocs: each heredoc on its own line, the CronJob hint anywhere', () => {
    const push = (run: string) => `cat <<EOF | curl --data-binary @- http://gw/metrics/job/b/i/${run}\na 1\nEOF\n`;
    const script = `${push('$HOSTNAME')}${push('$RANDOM')}# a Kubernetes CronJob\n`;
    assert.deepEqual(spans(script), ['0:60-69', '3:60-67']);
  });
});
