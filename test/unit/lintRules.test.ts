import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const IMPORTS_VSCODE = "import * as vscode from 'vscode';\n\nexport const window = vscode.window;\n";

async function ruleIdsFor(filePath: string, text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, filePath) });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

describe('lint rules of the project', function () {
  this.timeout(20_000);

  it('fails a file under src/core that imports vscode', async () => {
    assert.deepEqual(await ruleIdsFor('src/core/probe.ts', IMPORTS_VSCODE), ['no-restricted-imports']);
  });

  it('fails a file under src/core that requires vscode', async () => {
    const ruleIds = await ruleIdsFor('src/core/probe.ts', "export const vscode = require('vscode');\n");
    assert.ok(ruleIds.includes('@typescript-eslint/no-require-imports'), ruleIds.join(', '));
  });

  it('lets the VS Code adapters import vscode', async () => {
    assert.deepEqual(await ruleIdsFor('src/explorer/probe.ts', IMPORTS_VSCODE), []);
  });
});
