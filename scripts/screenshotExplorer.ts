// `npm run screenshots`: takes media/explorer.png, a screenshot of the real VS Code (code-server,
// driven by headless Chromium) showing the Pushgateway explorer with a healthy, a stale and a
// failed group on an in-process mock gateway. Works offline; stops everything it started.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { GatewayClient, PushMethod } from '../src/core/gateway/client';
import { GroupingKey } from '../src/core/groupingKey';
import { MockGateway, startMockGateway } from '../src/core/mock/server';
import { BASE_USER_SETTINGS, createRunFolders, installVsix, RunningCodeServer, startCodeServer } from './host/codeServer';
import { ensureHost } from './host/installHost';
import { packageExtension } from './host/packageExtension';
import { repoRoot } from './host/paths';
import { findFreePort } from './host/processes';

const CHROMIUM = process.env.PGW_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 800 };
const UI_TIMEOUT_MS = 60_000;
const DAY_SECONDS = 24 * 60 * 60;
/** Wide enough for the group descriptions ("last push failed ...", "stale: ...") to show whole. */
const SIDEBAR_WIDTH = 600;
/** Shown in the editor beside the explorer: a cron script whose metric heredoc the extension highlights. */
const EDITOR_FILE = path.join('scripts', 'backup_db.sh');

const GROUPS = {
  healthy: { job: 'nightly_backup', labels: { instance: 'db1' } },
  stale: { job: 'log_cleanup', labels: {} },
  failed: { job: 'report_mailer', labels: {} },
} satisfies Record<string, GroupingKey>;

/** The tree label of a group, as the explorer writes it (`job=... label=value`). */
function groupLabel(key: GroupingKey): string {
  return [`job=${key.job}`, ...Object.entries(key.labels).map(([name, value]) => `${name}=${value}`)].join(' ');
}

async function push(client: GatewayClient, key: GroupingKey, method: PushMethod, body: string, expectFailure = false): Promise<void> {
  const outcome = await client.push({ key, method, body });
  if (outcome.ok === expectFailure) {
    const detail = outcome.ok ? 'was accepted' : `failed: ${outcome.error.message}`;
    throw new Error(`${method} ${groupLabel(key)} ${detail}, which the screenshot does not expect`);
  }
}

/** Fills the mock with one healthy, one stale and one failed group. */
async function seedGateway(url: string): Promise<void> {
  const client = new GatewayClient({ baseUrl: url });
  const now = Math.floor(Date.now() / 1000);
  try {
    await push(
      client,
      GROUPS.healthy,
      'PUT',
      [
        '# HELP backup_last_success_unixtime Last time the backup completed successfully.',
        '# TYPE backup_last_success_unixtime gauge',
        `backup_last_success_unixtime ${now}`,
        '# HELP backup_size_bytes Size of the last backup.',
        '# TYPE backup_size_bytes gauge',
        'backup_size_bytes 73400320',
        '# HELP backup_duration_seconds How long the last backup took.',
        '# TYPE backup_duration_seconds gauge',
        'backup_duration_seconds 412.7',
        '',
      ].join('\n'),
    );
    await push(
      client,
      GROUPS.stale,
      'PUT',
      [
        '# HELP cleanup_last_success_unixtime Last time the log cleanup completed successfully.',
        '# TYPE cleanup_last_success_unixtime gauge',
        `cleanup_last_success_unixtime ${now - 3 * DAY_SECONDS}`,
        '# HELP cleanup_deleted_files_total Files deleted by the log cleanup.',
        '# TYPE cleanup_deleted_files_total counter',
        'cleanup_deleted_files_total 1832',
        '',
      ].join('\n'),
    );
    await push(
      client,
      GROUPS.failed,
      'PUT',
      ['# HELP reports_sent_total Reports mailed.', '# TYPE reports_sent_total counter', 'reports_sent_total 42', ''].join('\n'),
    );
    // A sample with a timestamp: the gateway answers 400 and records the failed push for the group.
    await push(client, GROUPS.failed, 'POST', ['# TYPE reports_sent_total counter', `reports_sent_total 43 ${now * 1000}`, ''].join('\n'), true);
  } finally {
    await client.close();
  }
}

async function openEditor(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(path.basename(file));
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: path.basename(file) }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label^="${path.basename(file)}"]`).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Drags the sash between the sidebar and the editor so the sidebar is `width` pixels wide. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) {
    return;
  }
  const edge = box.x + box.width;
  await page.mouse.move(edge + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
}

async function openExplorer(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await page.locator('.part.sidebar .explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await openEditor(page, EDITOR_FILE);
  const activityItem = page.locator('.part.activitybar [aria-label^="Pushgateway"]').first();
  await activityItem.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await activityItem.click();
  const sidebar = page.locator('.part.sidebar');
  const gatewayRow = sidebar.locator('.monaco-list-row', { hasText: 'production' }).first();
  await gatewayRow.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  if ((await gatewayRow.getAttribute('aria-expanded')) !== 'true') {
    await gatewayRow.click();
  }
  await widenSidebar(page, SIDEBAR_WIDTH);
  for (const key of Object.values(GROUPS)) {
    await sidebar.locator('.monaco-list-row', { hasText: groupLabel(key) }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }
  // Show what a group holds: the healthy one, with its last-success gauge.
  const healthyRow = sidebar.locator('.monaco-list-row', { hasText: groupLabel(GROUPS.healthy) }).first();
  await healthyRow.click();
  await sidebar.locator('.monaco-list-row', { hasText: 'backup_last_success_unixtime' }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  // Leave no hover, focus outline or toast in the picture.
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height / 2);
  await page.keyboard.press('Escape');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(1_000);
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set PGW_CHROMIUM.`);
  }
  const started = Date.now();
  const root = repoRoot();
  const output = path.join(root, 'media', 'explorer.png');
  const host = await ensureHost((line) => console.log(line));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-screenshot-'));
  let mock: MockGateway | undefined;
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await mock?.close().catch(() => undefined);
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    mock = await startMockGateway({ port: 0 });
    await seedGateway(mock.url);
    const folders = createRunFolders(runDir, {
      ...BASE_USER_SETTINGS,
      'workbench.colorTheme': 'Default Dark Modern',
      // The samples folder sits inside this repository; without this VS Code offers to open it.
      'git.openRepositoryInParentFolders': 'never',
      // The long curl line of the sample stays readable beside the wide sidebar.
      'editor.wordWrap': 'on',
      'editor.minimap.enabled': false,
      'pushgateway.gateways': [{ name: 'production', url: mock.url }],
    });
    console.log('Packaging the extension ...');
    const vsix = await packageExtension(path.join(runDir, 'pushgateway-workbench.vsix'));
    await installVsix(host, folders, vsix);
    const samples = path.join(root, 'samples');
    server = await startCodeServer({ host, folders, port: await findFreePort(), testDriver: false, folderToOpen: samples });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: VIEWPORT });
    console.log(`Opening the Pushgateway explorer in VS Code at ${server.url} ...`);
    try {
      await openExplorer(page, server.url, samples);
    } catch (error) {
      const failed = path.join(root, 'out', 'explorer-failed.png');
      fs.mkdirSync(path.dirname(failed), { recursive: true });
      await page.screenshot({ path: failed }).catch(() => undefined);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n(the page as it was: ${failed})\n--- code-server log ---\n${server.logTail()}`, { cause: error });
    }
    fs.mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output });
    console.log(`Wrote ${path.relative(root, output)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
