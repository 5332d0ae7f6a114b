import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPushes } from '../../../src/cli/pushesCommand';
import { findDeleteCommands, findMetricHeredocs } from '../../../src/core/shell/heredocs';
import { ShellDocumentTrees } from '../../../src/core/shell/tree/documentTrees';
import { editBetween } from '../../../src/core/shell/tree/textEdit';
import { treePushSitesOf } from '../../../src/core/shell/tree/pushSites';
import { ScriptSite, scriptSites } from '../../../src/core/shell/tree/scriptSites';
import { canPushSite, sitePushOf } from '../../../src/core/shell/tree/sitePush';
import { loadShellParser, ShellParser, ShellTree } from '../../../src/core/shell/tree/shellParser';
import { seededRandom } from '../../support/seededRandom';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/shell/pushes');
const SCRIPTS = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.sh'));
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** The editor's site list of a script, found on a fresh tree. */
function editorSites(parser: ShellParser, script: string): ScriptSite[] {
  return scriptSites(treePushSitesOf(parser, script), findMetricHeredocs(script), findDeleteCommands(script));
}

/** A site as `pgw pushes --format json` prints it. */
function listed(file: string, site: ScriptSite) {
  const key = site.groupingKey && { job: site.groupingKey.job, ...site.groupingKey.labels };
  const body = site.body && { source: site.body.source, startLine: site.body.startLine + 1, endLine: site.body.endLine + 1, known: site.body.known };
  return { file, line: site.line + 1, endLine: site.endLine + 1, action: site.action, method: site.method, url: site.url, groupingKey: key, body, language: 'shell' };
}

describe('the editor on the tree finder', () => {
  let parser: ShellParser;
  before(async () => {
    parser = await loadShellParser();
  });

  describe('the site list', () => {
    for (const script of SCRIPTS) {
      it(`${script}: is the list pgw pushes prints`, async () => {
        let out = '';
        const reader = { readFile: (name: string) => fs.readFileSync(path.join(FIXTURES, name)), readStdin: () => Buffer.alloc(0) };
        await runPushes(['--format', 'json', script], { out: (text) => (out += text), err: () => undefined }, reader, () => Promise.resolve(parser));
        assert.deepEqual(
          editorSites(parser, fixture(script)).map((site) => listed(script, site)),
          JSON.parse(out),
        );
      });
    }

    it('is the heredoc finder’s alone without tree sites', () => {
      const script = fixture('heredocs.sh');
      const sites = scriptSites(undefined, findMetricHeredocs(script), findDeleteCommands(script));
      assert.ok(sites.length > 0);
      assert.ok(sites.every((site) => site.tree === undefined && (site.action === 'delete' || site.heredoc !== undefined)));
    });
  });

  describe('one tree per document, parsed again incrementally', () => {
    /** A parser that counts the trees alive and those parsed from a previous one. */
    function countingParser() {
      const counts = { alive: 0, incremental: 0 };
      const counting: ShellParser = {
        parse: (text, read) => parser.parse(text, read),
        parseTree: (text, previous) => {
          const tree = parser.parseTree(text, previous);
          counts.alive++;
          counts.incremental += previous ? 1 : 0;
          const free = tree.delete.bind(tree);
          tree.delete = () => {
            counts.alive--;
            free();
          };
          return tree as ShellTree;
        },
      };
      return { counting, counts };
    }

    it('finds after each edit the sites a fresh parse finds, columns after non-ASCII text included', () => {
      const { counting, counts } = countingParser();
      const trees = new ShellDocumentTrees(counting);
      let text = fixture('echo-pipe.sh') + fixture('printf-pipe.sh') + fixture('read-into-variable.sh');
      const edits: Array<(t: string) => string> = [
        (t) => `# héllo wörld ✓ 😀\n${t}`,
        (t) => t.replace('curl', 'curl -s'),
        (t) => t.replace(/\n[^\n]*\n/, '\n'),
        (t) => t.replace('backup_bytes', 'backup_bytés'),
        (t) => `${t}echo "late_metric 1" | curl --data-binary @- http://gw:9091/metrics/job/late\n`,
        (t) => t.replace('😀', ''),
        (t) => t.slice(0, t.length - 30),
      ];
      assert.deepEqual(trees.sitesOf('doc', text), treePushSitesOf(parser, text));
      for (const edit of edits) {
        text = edit(text);
        assert.deepEqual(trees.sitesOf('doc', text), treePushSitesOf(parser, text), text);
      }
      assert.equal(counts.incremental, edits.length, 'each edit was parsed from the previous tree');
      assert.equal(counts.alive, 1, 'one tree is kept per document');
      assert.equal(trees.size, 1);
    });

    it('does not parse again an unchanged text, and frees the tree on close and dispose', () => {
      const { counting, counts } = countingParser();
      const trees = new ShellDocumentTrees(counting);
      const text = fixture('echo-pipe.sh');
      trees.sitesOf('a', text);
      trees.sitesOf('a', text);
      trees.sitesOf('b', text);
      assert.equal(counts.alive, 2);
      assert.equal(counts.incremental, 0);
      trees.close('a');
      assert.equal(counts.alive, 1);
      trees.dispose();
      assert.equal(counts.alive, 0);
      assert.equal(trees.size, 0);
    });

    it('keeps the sites of an edit that cannot change them (a comment, a plain command far from a push), moved by the lines it adds', () => {
      const trees = new ShellDocumentTrees(parser);
      let text = `#!/bin/sh\n# notes\nrm -f /tmp/a\n${fixture('echo-pipe.sh')}`;
      trees.sitesOf('doc', text);
      const edits: Array<(t: string) => string> = [
        (t) => t.replace('# notes', '# notes about "$X" | curl'),
        (t) => t.replace('rm -f /tmp/a', 'rm -f /tmp/a /tmp/b\nmkdir -p /tmp/c\n'),
        (t) => t.replace('mkdir -p /tmp/c\n', ''),
      ];
      for (const edit of edits) {
        text = edit(text);
        assert.deepEqual(trees.sitesOf('doc', text), treePushSitesOf(parser, text), text);
      }
      assert.deepEqual(trees.counts, { found: 1, reused: 3 });
      trees.dispose();
    });

    it('finds the sites again after any edit that could change them: random edits agree with a fresh parse', function () {
      const random = seededRandom(0x5eed_0014);
      const trees = new ShellDocumentTrees(parser);
      const base = SCRIPTS.map(fixture).join('\n# next fixture\nsleep 1\n');
      const snippets = ['x', ' ', '\n', '"', "'", '$', '|', '#', 'EOF', 'curl ', '=', '\\', '{', 'fi', '; ', '\nrm -f /tmp/x\n', '"$V"', 'echo "m 1" | '];
      let text = base;
      trees.sitesOf('doc', text);
      for (let step = 0; step < 100; step++) {
        const at = Math.floor(random() * text.length);
        const removed = random() < 0.4 ? Math.floor(random() * 6) : 0;
        const inserted = random() < 0.8 ? snippets[Math.floor(random() * snippets.length)] : '';
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        if (step % 25 === 24) {
          text = base;
        }
        assert.deepEqual(trees.sitesOf('doc', text), treePushSitesOf(parser, text), `after step ${step}`);
      }
      assert.ok(trees.counts.reused > 0 && trees.counts.found > 10, JSON.stringify(trees.counts));
      trees.dispose();
    });

    it('describes an edit by the texts’ common start and end', () => {
      assert.deepEqual(editBetween('ab\ncd\nef', 'ab\ncXYd\nef'), {
        startIndex: 4,
        oldEndIndex: 4,
        newEndIndex: 6,
        startPosition: { row: 1, column: 1 },
        oldEndPosition: { row: 1, column: 1 },
        newEndPosition: { row: 1, column: 3 },
      });
      assert.deepEqual(editBetween('a\nb\nc\n', 'a\nc\n'), {
        startIndex: 2,
        oldEndIndex: 4,
        newEndIndex: 2,
        startPosition: { row: 1, column: 0 },
        oldEndPosition: { row: 2, column: 0 },
        newEndPosition: { row: 1, column: 0 },
      });
    });
  });

  describe('pushing a site', () => {
    const values = { PUSHGATEWAY_URL: 'http://127.0.0.1:9091', bytes: '2048', files: '12', HOSTNAME: 'db1', ROWS: '40', '$(hostname)': 'etl-host' };

    it('pushes a printf body with each expansion given its value, where the format puts it', () => {
      const script = fixture('printf-pipe.sh');
      const site = editorSites(parser, script).find((candidate) => candidate.url.endsWith('/backup_stats'));
      assert.ok(site && canPushSite(site));
      const push = sitePushOf(site, script);
      assert.ok(push);
      assert.deepEqual(
        push.variables.map((variable) => variable.text),
        ['${PUSHGATEWAY_URL}', '$bytes', '$files'],
      );
      const resolved = push.resolve(values);
      assert.ok(resolved.ok, resolved.ok ? '' : resolved.error);
      assert.deepEqual(resolved.value, { baseUrl: 'http://127.0.0.1:9091', key: { job: 'backup_stats', labels: {} }, method: 'POST', body: 'backup_bytes 2048\nbackup_files 12\n' });
      assert.equal(push.bodyStartLine, 4);
    });

    it('asks a printf conversion that is not a plain argument as written', () => {
      const script = 'printf "a_ratio %.2f\\n" "$r" | curl --data-binary @- http://gw:9091/metrics/job/a\n';
      const [site] = editorSites(parser, script);
      const push = sitePushOf(site, script);
      assert.ok(push);
      assert.deepEqual(
        push.variables.map((variable) => variable.text),
        ['%.2f'],
      );
      const resolved = push.resolve({ '%.2f': '0.25' });
      assert.ok(resolved.ok);
      assert.equal(resolved.value.body, 'a_ratio 0.25\n');
    });

    it('pushes an echo body with the method its command says', () => {
      const script = 'V=3\necho "a_metric $V" | curl -X PUT --data-binary @- http://gw:9091/metrics/job/a/instance/x\n';
      const [site] = editorSites(parser, script);
      const push = sitePushOf(site, script);
      assert.ok(push);
      assert.deepEqual(
        push.variables.map((variable) => variable.key),
        ['V'],
      );
      const resolved = push.resolve({ V: '7' });
      assert.ok(resolved.ok);
      assert.deepEqual(resolved.value, { baseUrl: 'http://gw:9091', key: { job: 'a', labels: { instance: 'x' } }, method: 'PUT', body: 'a_metric 7\n' });
      assert.equal(push.resolve({}).ok, false, 'a value missing');
    });

    it('pushes a heredoc read into a variable and echoed to curl', () => {
      const script = fixture('read-into-variable.sh');
      const site = editorSites(parser, script).find((candidate) => candidate.url.includes('/metrics/job/etl'));
      assert.ok(site);
      const push = sitePushOf(site, script);
      assert.ok(push);
      assert.deepEqual(
        push.variables.map((variable) => variable.text),
        ['$(hostname)', '$ROWS'],
      );
      const resolved = push.resolve(values);
      assert.ok(resolved.ok, resolved.ok ? '' : resolved.error);
      assert.deepEqual(resolved.value.key, { job: 'etl', labels: { instance: 'etl-host' } });
      assert.equal(resolved.value.body, '# TYPE etl_rows gauge\netl_rows{table="orders"} 40\netl_rows{table="orders"} 12\n');
    });

    it('does not push a body curl ignores for an @file, nor a delete', () => {
      const script = fixture('file-instead-of-heredoc.sh');
      const sites = editorSites(parser, script);
      const ignoring = sites.filter((site) => site.tree?.ignoredStdin);
      assert.ok(ignoring.length > 0);
      assert.ok(ignoring.every((site) => !canPushSite(site) && sitePushOf(site, script) === undefined));
      const [deletion] = editorSites(parser, 'curl -X DELETE http://gw:9091/metrics/job/x\n');
      assert.equal(deletion.action, 'delete');
      assert.equal(canPushSite(deletion), false);
    });
  });
});
