import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extension, manifest } from './helpers';

const PACKAGED_ENV = 'PGW_TESTING_PACKAGED';

/** Every file package.json points at, so a path typo or a file left out of the .vsix fails here. */
function referencedFiles(): string[] {
  const { main, icon, contributes } = manifest();
  return [
    icon,
    ...contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => step.media.image)),
    // Opened by the walkthrough's "Open a Sample Script".
    'samples/scripts/clean_logs.sh',
    main.endsWith('.js') ? main : `${main}.js`,
    ...contributes.languages.map((language) => language.configuration),
    ...contributes.grammars.map((grammar) => grammar.path),
    ...contributes.viewsContainers.activitybar.map((container) => container.icon),
  ];
}

describe('packaged extension (.vsix installed into the host)', function () {
  before(function () {
    if (!process.env[PACKAGED_ENV]) {
      // The test-electron runner loads the development folder, where src/ and test/ exist.
      this.skip();
    }
  });

  it('has every file its package.json refers to (icon, walkthrough images and sample), plus the CLI', () => {
    const root = extension().extensionPath;
    const missing = [...referencedFiles(), 'dist/pgw.js', 'dist/pgw-cli.js'].filter((file) => !fs.existsSync(path.join(root, file)));
    assert.deepEqual(missing, []);
  });

  it('has the README and the licence (vsce stores them as readme.md and LICENSE.txt)', () => {
    const names = fs.readdirSync(extension().extensionPath).map((name) => name.toLowerCase());
    assert.ok(names.includes('readme.md'), `no README among ${names.join(', ')}`);
    assert.ok(
      names.some((name) => name.startsWith('license')),
      `no licence among ${names.join(', ')}`,
    );
  });

  it('ships no sources, tests, caches or node_modules', () => {
    const root = extension().extensionPath;
    const unwanted = ['src', 'test', 'node_modules', 'out', '.cache', 'scripts', 'tsconfig.json', 'esbuild.js', '.ci'];
    assert.deepEqual(
      unwanted.filter((entry) => fs.existsSync(path.join(root, entry))),
      [],
    );
    assert.ok(!fs.existsSync(path.join(root, 'dist', 'extension.js.map')), 'the .vsix carries a development build');
  });
});
