import * as assert from 'node:assert/strict';
import { FileReader } from '../../../src/cli/lintCommand';
import { runPushes } from '../../../src/cli/pushesCommand';
import { loadShellParser } from '../../../src/core/shell/tree/shellParser';

function files(contents: Record<string, string>): FileReader {
  return {
    readFile: (name) => {
      if (!(name in contents)) {
        throw Object.assign(new Error(name), { code: 'ENOENT' });
      }
      return Buffer.from(contents[name]);
    },
    readStdin: () => Buffer.from(contents['-'] ?? ''),
  };
}

async function pushes(args: string[], reader: FileReader, withParser = true) {
  let out = '';
  let err = '';
  const code = await runPushes(args, { out: (text) => (out += text), err: (text) => (err += text) }, reader, withParser ? loadShellParser : undefined);
  return { code, out, err };
}

describe('pgw pushes', () => {
  const SCRIPT = '#!/bin/sh\necho "x 1" | curl --data-binary @- http://gw:9091/metrics/job/x/instance/a\ncurl -X DELETE http://gw:9091/metrics/job/x/instance/a\n';

  it("prints one line per site in text, and the issue's JSON shape with --format json", async () => {
    const text = await pushes(['push.sh'], files({ 'push.sh': SCRIPT }));
    assert.equal(text.code, 0);
    assert.equal(text.out, 'push.sh:2: push POST http://gw:9091/metrics/job/x/instance/a body: echo lines 2-2\npush.sh:3: delete DELETE http://gw:9091/metrics/job/x/instance/a\n');
    const json = await pushes(['--format', 'json', 'push.sh'], files({ 'push.sh': SCRIPT }));
    assert.deepEqual(JSON.parse(json.out)[0], {
      file: 'push.sh',
      line: 2,
      endLine: 2,
      action: 'push',
      method: 'POST',
      url: 'http://gw:9091/metrics/job/x/instance/a',
      groupingKey: { job: 'x', instance: 'a' },
      body: { source: 'echo', startLine: 2, endLine: 2, known: true },
      language: 'shell',
    });
  });

  it('without the parser still lists heredoc pushes and deletes (the fallback finder)', async () => {
    const script = 'cat <<EOF | curl --data-binary @- http://gw:9091/metrics/job/h\nh 1\nEOF\necho "x 1" | curl --data-binary @- http://gw:9091/metrics/job/x\n';
    const { out } = await pushes(['push.sh'], files({ 'push.sh': script }), false);
    assert.equal(out, 'push.sh:1: push POST http://gw:9091/metrics/job/h body: heredoc lines 2-2\n');
  });

  it('lists nothing and says nothing for Python or Go without a Prometheus client, reads standard input as a script', async () => {
    const skipped = await pushes(['job.py', 'main.go'], files({ 'job.py': 'import os\n', 'main.go': 'package main\n' }));
    assert.equal(skipped.code, 0);
    assert.doesNotMatch(skipped.err, /job\.py/);
    assert.doesNotMatch(skipped.err, /main\.go/);
    const stdin = await pushes(['-'], files({ '-': SCRIPT }));
    assert.match(stdin.out, /^<stdin>:2: push POST/);
  });

  it('exits 1 when a script pushes a body the gateway refuses, 2 on a bad option or a missing file', async () => {
    const refused = await pushes(['bad.sh'], files({ 'bad.sh': 'echo "x 1 1700000000000" | curl --data-binary @- http://gw:9091/metrics/job/x\n' }));
    assert.equal(refused.code, 1);
    assert.equal((await pushes(['--format', 'xml', 'push.sh'], files({ 'push.sh': SCRIPT }))).code, 2);
    assert.match((await pushes(['--as', 'ruby', 'push.sh'], files({ 'push.sh': SCRIPT }))).err, /--as must be/);
    assert.equal((await pushes(['missing.sh'], files({}))).code, 2);
  });

  it('words an unreadable file as pgw lint does', async () => {
    const missing = await pushes(['missing.sh'], files({}));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^pgw pushes: cannot read missing\.sh: no such file\n/);
  });
});
