import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const IMPORTS_VSCODE = "import * as vscode from 'vscode';\n\nexport const window = vscode.window;\n";

function importsFrom(specifier: string): string {
  return `import * as probe from '${specifier}';\n\nexport const used = probe;\n`;
}

async function ruleIdsFor(filePath: string, text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, filePath) });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

describe('lint rules of the project', function () {
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

  describe('every dialog through the prompts seam', () => {
    const SHOWS_A_MESSAGE = "import * as vscode from 'vscode';\n\nexport const tell = () => vscode.window.showWarningMessage('x');\n";
    const ASKS = "import * as vscode from 'vscode';\n\nexport const ask = () => vscode.window.showQuickPick(['a']);\n";

    it('fails an adapter that shows a message or asks through vscode.window', async () => {
      assert.deepEqual(await ruleIdsFor('src/push/probe.ts', SHOWS_A_MESSAGE), ['no-restricted-syntax']);
      assert.deepEqual(await ruleIdsFor('src/explorer/commands/probe.ts', ASKS), ['no-restricted-syntax']);
    });

    it('lets the seam itself use vscode.window', async () => {
      assert.deepEqual(await ruleIdsFor('src/ui/prompts.ts', SHOWS_A_MESSAGE), []);
    });
  });

  describe('the mock, reached only through its index', () => {
    it('fails an adapter, a script or a test that imports a file inside src/core/mock', async () => {
      assert.deepEqual(await ruleIdsFor('src/cli/probe.ts', importsFrom('../core/mock/server')), ['no-restricted-imports']);
      assert.deepEqual(await ruleIdsFor('scripts/probe.ts', importsFrom('../src/core/mock/store/store')), ['no-restricted-imports']);
      assert.deepEqual(await ruleIdsFor('test/unit/gateway/probe.ts', importsFrom('../../../src/core/mock/http/pushLog')), ['no-restricted-imports']);
    });

    it('fails the rest of src/core that imports a file inside src/core/mock', async () => {
      assert.deepEqual(await ruleIdsFor('src/core/gateway/probe.ts', importsFrom('../mock/server')), ['no-restricted-imports']);
      assert.deepEqual(await ruleIdsFor('src/core/probe.ts', importsFrom('./mock/store/store')), ['no-restricted-imports']);
    });

    it('still fails src/core outside the mock that imports vscode', async () => {
      assert.deepEqual(await ruleIdsFor('src/core/gateway/probe.ts', IMPORTS_VSCODE), ['no-restricted-imports']);
      assert.deepEqual(await ruleIdsFor('src/core/mock/http/probe.ts', IMPORTS_VSCODE), ['no-restricted-imports']);
    });

    it('lets anyone import the index, and the mock its own files', async () => {
      assert.deepEqual(await ruleIdsFor('src/cli/probe.ts', importsFrom('../core/mock')), []);
      assert.deepEqual(await ruleIdsFor('src/core/gateway/probe.ts', importsFrom('../mock/index')), []);
      assert.deepEqual(await ruleIdsFor('src/core/mock/http/probe.ts', importsFrom('../store/store')), []);
    });

    it('lets the VS Code adapters import their own mock folder (src/mock is not src/core/mock)', async () => {
      assert.deepEqual(await ruleIdsFor('src/explorer/probe.ts', importsFrom('../mock/mockGatewayService')), []);
    });
  });
});
