import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReader, runLint } from '../../../src/cli/lintCommand';
import { runPushes } from '../../../src/cli/pushesCommand';
import { findEmbeddedScripts } from '../../../src/core/embedded/embeddedScripts';
import { lintEmbeddedShell } from '../../../src/core/embedded/lintEmbedded';
import { loadShellParser, ShellParser } from '../../../src/core/shell/tree/shellParser';
import { folderReader, runCli } from '../../support/cliRun';

// Each fixture is a small YAML file of our own, modelled on public CronJobs, Jobs, workflows, GitLab
// CI files and Concourse tasks that push from an embedded script, with the sites `pgw pushes
// --format json` must report (NAME.pushes.json) and the findings `pgw lint` must print
// (NAME.lint.txt), on the YAML's own lines. The clean-* ones push nothing and get nothing.
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/yaml');
const YAML_FILES = fs.readdirSync(FIXTURES).filter((name) => /\.ya?ml$/.test(name));

const fixtureReader = folderReader(FIXTURES);

function run(command: typeof runLint, args: string[], parser: ShellParser | undefined, reader: FileReader = fixtureReader) {
  return runCli(command, args, reader, parser);
}

describe('shell embedded in YAML: fixtures', () => {
  let parser: ShellParser;
  before(async function () {
    parser = await loadShellParser();
  });

  it('has fixtures, clean ones among them', () => {
    assert.ok(YAML_FILES.length >= 8, YAML_FILES.join(', '));
    assert.ok(YAML_FILES.filter((name) => name.startsWith('clean-')).length >= 3);
  });

  for (const file of YAML_FILES) {
    const name = file.replace(/\.ya?ml$/, '');
    it(`${file}: pgw pushes reports the expected sites, with language "yaml"`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.pushes.json`), 'utf8'));
      const { out } = await run(runPushes, ['--format', 'json', file], parser);
      assert.deepEqual(JSON.parse(out), expected);
    });
    it(`${file}: pgw lint gives the expected findings on the YAML's lines`, async () => {
      const expected = fs.readFileSync(path.join(FIXTURES, `${name}.lint.txt`), 'utf8');
      const { out, code } = await run(runLint, [file], parser);
      assert.equal(out, expected);
      assert.equal(code, /: error /.test(expected) ? 1 : 0);
    });
  }

  it('gives no finding at all on the clean files, and loads no parser for YAML without scripts', async () => {
    for (const file of YAML_FILES.filter((name) => name.startsWith('clean-'))) {
      const { out, code } = await run(runLint, [file], parser);
      assert.deepEqual([out, code], ['', 0], file);
    }
    assert.equal((await run(runLint, ['clean-helm-values.yaml'], parser)).loads, 0);
  });

  it('points each finding at the characters it is about, through block indentation and double-quoted escapes', async () => {
    const { out } = await run(runLint, ['cronjob-heredoc.yaml', 'job-quoted-args.yaml', 'workflow-echo.yaml'], parser);
    const at = (finding: string) => {
      const [file, line, column] = finding.split(':');
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n')[Number(line) - 1];
      return text.slice(Number(column) - 1);
    };
    const findings = out.trimEnd().split('\n');
    const about = (code: string) => findings.filter((finding) => finding.includes(` ${code} `)).map(at);
    assert.deepEqual(
      about('expected-quote').map((text) => text.slice(0, 5)),
      ['order', 'main}'],
    );
    assert.deepEqual(
      about('invalid-value').map((text) => text.slice(0, 5)),
      ['-done'],
    );
  });

  it('names a script it does not lint because YAML folds its lines, and lints nothing of it', async () => {
    const { out, err, code } = await run(runLint, ['folded-args.yaml'], parser);
    assert.equal(out, '');
    assert.equal(code, 0);
    assert.match(err, /^pgw lint: note: folded-args\.yaml:14: a command script not linted: a folded \(>\) block scalar joins its lines with spaces$/m);
  });

  it('without a shell parser, still lints the heredocs of embedded scripts', () => {
    const yaml = fs.readFileSync(path.join(FIXTURES, 'cronjob-heredoc.yaml'), 'utf8');
    const lint = lintEmbeddedShell(findEmbeddedScripts(yaml), undefined);
    assert.ok(lint.diagnostics.some((diagnostic) => diagnostic.code === 'expected-quote' && diagnostic.span.line === 34 && diagnostic.span.start === 40));
  });

  it('drops a finding on a template expression, also where single quotes keep the shell from expanding it', () => {
    const yaml = [
      'steps:',
      `  - run: echo 'ci_ok \${{ steps.a.outputs.ok }}' | curl --data-binary @- "$GW/metrics/job/ci"`,
      '  - run: echo "ci_ok{branch=main} 1" | curl --data-binary @- "$GW/metrics/job/ci"',
      '',
    ].join('\n');
    const errors = lintEmbeddedShell(findEmbeddedScripts(yaml), parser).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    assert.deepEqual(
      errors.map((diagnostic) => [diagnostic.code, diagnostic.span.line]),
      [['expected-quote', 2]],
    );
  });

  it('maps a finding whose end is past a \\n escape to its start alone', () => {
    const yaml = 'command: [sh, -c, "echo \\"a 1 x\\nb 2\\" | curl --data-binary @- http://gw:9091/metrics/job/j"]\n';
    const lint = lintEmbeddedShell(findEmbeddedScripts(yaml), parser);
    for (const diagnostic of lint.diagnostics) {
      assert.equal(diagnostic.span.line, 0);
      assert.ok(diagnostic.span.end >= diagnostic.span.start, JSON.stringify(diagnostic));
    }
    assert.ok(lint.diagnostics.some((diagnostic) => diagnostic.severity === 'error'));
  });
});
