import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReader, runLint } from '../../../src/cli/lintCommand';
import { runPushes } from '../../../src/cli/pushesCommand';
import { ClientParserLoader, loadClientParser } from '../../../src/cli/clientInput';
import { noShellParser } from '../../../src/cli/cliInput';

// Each fixture is a small Python or Go file of our own, modelled on how public batch jobs push with
// prometheus_client and client_golang, with the sites `pgw pushes --format json` must report
// (NAME.pushes.json) and the findings `pgw lint` must print (NAME.lint.txt).
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/clients');
const SOURCES = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.py') || name.endsWith('.go'));

const fixtureReader: FileReader = {
  readFile: (name) => fs.readFileSync(path.join(FIXTURES, name)),
  readStdin: () => Buffer.alloc(0),
};

async function run(command: typeof runLint, args: string[], loadClient: ClientParserLoader = loadClientParser) {
  let out = '';
  let err = '';
  const code = await command(args, { out: (text) => (out += text), err: (text) => (err += text) }, fixtureReader, noShellParser, loadClient);
  return { code, out, err };
}

describe('client libraries: fixtures', () => {
  it('has fixtures', () => {
    assert.ok(SOURCES.filter((name) => name.endsWith('.py')).length >= 4, SOURCES.join(', '));
    assert.ok(SOURCES.filter((name) => name.endsWith('.go')).length >= 3, SOURCES.join(', '));
  });

  for (const source of SOURCES) {
    const name = source.replace(/\.(py|go)$/, '');
    it(`${source}: pgw pushes reports the expected sites`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.pushes.json`), 'utf8'));
      const { out, err } = await run(runPushes, ['--format', 'json', source]);
      assert.deepEqual(JSON.parse(out), expected, err);
    });
    it(`${source}: pgw lint gives the expected findings`, async () => {
      const expected = fs.readFileSync(path.join(FIXTURES, `${name}.lint.txt`), 'utf8');
      const { out, code } = await run(runLint, [source]);
      assert.equal(out, expected);
      assert.equal(code, /: error /.test(expected) ? 1 : 0);
    });
  }

  it('never loads a grammar for a file that does not use a client', async () => {
    let loads = 0;
    const counting: ClientParserLoader = (language) => {
      loads++;
      return loadClientParser(language);
    };
    const { code, err } = await run(runLint, ['no-client.py'], counting);
    assert.equal(code, 0);
    assert.equal(loads, 0);
    assert.match(err, /0 errors/);
  });

  it('says so, and finds nothing, when the grammar does not load', async () => {
    const broken: ClientParserLoader = () => Promise.reject(new Error('no wasm'));
    const { code, out, err } = await run(runPushes, ['batch-last-success.py'], broken);
    assert.equal(code, 0);
    assert.equal(out, '');
    assert.match(err, /the python parser did not load \(no wasm\)/);
  });
});
