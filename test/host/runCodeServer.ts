// Runs the host suite inside a real VS Code (code-server, Node extension host) driven by headless
// Chromium, against the packaged .vsix installed into that host. Works offline.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { BASE_USER_SETTINGS, createRunFolders, installVsix, RunningCodeServer, startCodeServer } from '../../scripts/host/codeServer';
import { ensureHost } from '../../scripts/host/installHost';
import { packageExtension } from '../../scripts/host/packageExtension';
import { extensionManifest, repoRoot } from '../../scripts/host/paths';
import { findFreePort } from '../../scripts/host/processes';
import { readResults, reportResults, RESULTS_ENV } from './results';

const TIMEOUT_MS = Number(process.env.PGW_HOST_TIMEOUT_S ?? 300) * 1000;
const CHROMIUM = process.env.PGW_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set PGW_CHROMIUM.`);
    return reportResults(undefined, 'no browser');
  }
  const root = repoRoot();
  const host = await ensureHost((line) => console.log(line));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-host-'));
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let failures: number;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  const interrupted = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const folders = createRunFolders(runDir, BASE_USER_SETTINGS);
    console.log('Packaging the extension ...');
    const vsix = await packageExtension(path.join(runDir, 'pushgateway-workbench.vsix'));
    await installVsix(host, folders, vsix);
    const { publisher, name, version } = extensionManifest();
    const installed = path.join(folders.extensions, `${publisher}.${name}-${version}`);
    if (!fs.existsSync(path.join(installed, 'package.json'))) {
      throw new Error(`the .vsix did not install to ${installed}`);
    }
    const workspace = path.join(runDir, 'workspace');
    fs.cpSync(path.join(root, 'test', 'host', 'fixtures', 'workspace'), workspace, { recursive: true });
    const resultsFile = path.join(runDir, 'results.json');

    const port = await findFreePort();
    server = await startCodeServer({
      host,
      folders,
      port,
      testDriver: true,
      env: { [RESULTS_ENV]: resultsFile, PGW_TESTING_PACKAGED: '1' },
    });
    const authority = `vscode-remote://127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `${authority}${installed}`],
      ['extensionTestsPath', `${authority}${path.join(root, 'out', 'test', 'host', 'suite', 'index.js')}`],
      ['skipWelcome', 'true'],
    ];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', () => undefined);
    console.log(`Running the host suite in VS Code at ${server.url} ...`);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    const outcome = await Promise.race([
      exitCode.then((code) => ({ problem: undefined as string | undefined, code })),
      server.exited.then((code) => ({ problem: `code-server exited (code ${code}) during the run`, code: 1 })),
      timeout(TIMEOUT_MS).then(() => ({ problem: `timed out after ${TIMEOUT_MS / 1000} s`, code: 1 })),
    ]);
    failures = reportResults(readResults(resultsFile), outcome.problem);
    if (failures === 0 && outcome.code !== 0) {
      console.log(`The extension host exited with code ${outcome.code} although every test passed.`);
      failures = 1;
    }
    if (failures > 0) {
      console.log(`\n--- code-server log (tail) ---\n${server.logTail()}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    failures = reportResults(undefined, 'the run could not start');
  } finally {
    await cleanUp();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  return failures;
}

function timeout(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

main().then(
  (failures) => process.exit(failures > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
