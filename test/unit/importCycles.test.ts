import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface CheckResult {
  exitCode: number;
  output: string;
}

/** Runs the import-cycle check of `npm run lint` (same config) over a folder. */
function checkImports(folder: string): Promise<CheckResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DEPCRUISE, '--config', '.dependency-cruiser.cjs', folder], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, output: stdout + stderr });
    });
  });
}

function writeModules(folder: string, modules: Record<string, string>): void {
  for (const [name, text] of Object.entries(modules)) {
    fs.writeFileSync(path.join(folder, name), text);
  }
}

describe('import-cycle check of the project', function () {
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-cycles-'));
  });

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('fails on two modules that import each other, even when the imports are type-only', async () => {
    writeModules(folder, {
      'tree.ts': "import type { Item } from './item';\n\nexport interface Tree {\n  items: Item[];\n}\n",
      'item.ts': "import type { Tree } from './tree';\n\nexport interface Item {\n  tree: Tree;\n}\n",
    });
    const result = await checkImports(folder);
    assert.notEqual(result.exitCode, 0, result.output);
    assert.match(result.output, /no-circular/);
    assert.match(result.output, /tree\.ts/);
  });

  it('fails on a cycle through a third module', async () => {
    writeModules(folder, {
      'a.ts': "import { b } from './b';\n\nexport const a = () => b;\n",
      'b.ts': "import { c } from './c';\n\nexport const b = () => c;\n",
      'c.ts': "import { a } from './a';\n\nexport const c = () => a;\n",
    });
    const result = await checkImports(folder);
    assert.notEqual(result.exitCode, 0, result.output);
    assert.match(result.output, /no-circular/);
  });

  it('passes modules whose imports run one way', async () => {
    writeModules(folder, {
      'model.ts': 'export interface Item {\n  name: string;\n}\n',
      'tree.ts': "import type { Item } from './model';\n\nexport const names = (items: Item[]) => items.map((item) => item.name);\n",
    });
    const result = await checkImports(folder);
    assert.equal(result.exitCode, 0, result.output);
  });
});
