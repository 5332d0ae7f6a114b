// Runs the same host suite in a VS Code desktop build through @vscode/test-electron. It downloads
// VS Code first, so it needs internet: it cannot run on machines without it (use test:host there).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../../scripts/host/paths';
import { readResults, reportResults, RESULTS_ENV } from './results';

async function main(): Promise<number> {
  const root = repoRoot();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-electron-'));
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(root, 'test', 'host', 'fixtures', 'workspace'), workspace, { recursive: true });
  const resultsFile = path.join(runDir, 'results.json');
  let problem: string | undefined;
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'host', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { [RESULTS_ENV]: resultsFile },
    });
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const failures = reportResults(readResults(resultsFile), readResults(resultsFile)?.finished ? undefined : problem);
  fs.rmSync(runDir, { recursive: true, force: true });
  return failures;
}

main().then((failures) => process.exit(failures > 0 ? 1 : 0));
