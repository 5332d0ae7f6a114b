import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GATEWAY_TARGET_1_5 } from '../../../src/core/protocol/gatewayTarget';
import { BodyLintCache } from '../../../src/core/shell/bodyLintCache';
import { lintShellScript, ShellLintOptions } from '../../../src/core/shell/lintShellScript';
import { treePushSitesOf } from '../../../src/core/shell/tree/pushSites';
import { loadShellParser, ShellParser } from '../../../src/core/shell/tree/shellParser';
import { seededRandom } from '../../support/seededRandom';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/shell/pushes');
const SCRIPTS = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.sh'));
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const SCRIPT = [
  '#!/bin/sh',
  'echo "a_ok 1" | curl --data-binary @- "$GW/metrics/job/a"',
  'cat <<EOF | curl --data-binary @- "$GW/metrics/job/b"',
  '# TYPE b_bytes gauge',
  'b_bytes $(du -sb /x | cut -f1)',
  'EOF',
  'printf \'c_seconds %s\\n\' "$SECONDS" | curl --data-binary @- "$GW/metrics/job/c"',
  '',
].join('\n');

describe('the body lint cache', () => {
  let parser: ShellParser;
  before(async () => {
    parser = await loadShellParser();
  });

  const lint = (text: string, options: ShellLintOptions = {}) => {
    const treeSites = treePushSitesOf(parser, text);
    return lintShellScript(text, { ...options, ...(treeSites && { treeSites }) });
  };

  it('lints a body once while its text and options stay the same', () => {
    const bodyCache = new BodyLintCache();
    lint(SCRIPT, { bodyCache });
    assert.equal(bodyCache.size, 3);
    lint(`# a comment\n${SCRIPT}`, { bodyCache });
    assert.equal(bodyCache.size, 3);
    lint(SCRIPT.replace('a_ok 1', 'a_ok 2'), { bodyCache });
    assert.equal(bodyCache.size, 4);
    lint(SCRIPT, { bodyCache, severities: { 'missing-type': 'off' } });
    assert.equal(bodyCache.size, 7);
  });

  it('keeps no more bodies than its capacity', () => {
    const bodyCache = new BodyLintCache(2);
    const cached = lint(SCRIPT, { bodyCache });
    assert.equal(bodyCache.size, 2);
    assert.deepEqual(cached.diagnostics, lint(SCRIPT).diagnostics);
  });

  it('gives what a fresh lint gives, over random edits of the push fixtures', function () {
    const random = seededRandom(0x5eed_ca5e);
    const bodyCache = new BodyLintCache(64);
    const base = SCRIPTS.map(fixture).join('\n# next fixture\nsleep 1\n');
    const snippets = ['x', ' ', '\n', '"', "'", '$', '|', '#', 'EOF', '{', '}', '=', '\\', ' 1', '_total', '\n# TYPE m gauge\n', '\nm{a="1"} 2\n', 'echo "m 1" | '];
    const optionSets: ShellLintOptions[] = [{}, { severities: { 'missing-type': 'error', 'no-help': 'off' } }, { target: GATEWAY_TARGET_1_5 }];
    const baseCounts = optionSets.map((options) => lint(base, options).diagnostics.length);
    let text = base;
    let differing = 0;
    for (let step = 0; step < 60; step++) {
      const at = Math.floor(random() * text.length);
      const removed = random() < 0.4 ? Math.floor(random() * 6) : 0;
      const inserted = random() < 0.8 ? snippets[Math.floor(random() * snippets.length)] : '';
      text = step % 20 === 19 ? base : text.slice(0, at) + inserted + text.slice(at + removed);
      const set = Math.floor(random() * optionSets.length);
      const options = optionSets[set];
      const fresh = lint(text, options);
      const cached = lint(text, { ...options, bodyCache });
      assert.deepEqual(cached, fresh, `after step ${step}`);
      differing += fresh.diagnostics.length === baseCounts[set] ? 0 : 1;
    }
    // The edits did change what is found: the comparison covers more than the unchanged fixtures.
    assert.ok(differing > 10, `${differing} edits changed the findings`);
  });
});
