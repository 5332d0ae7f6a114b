// `npm run screenshots`: retakes every README image from the real VS Code (code-server, driven by
// headless Chromium) with the sample workspace and the demo gateway that `npm start` shows, and
// checks on the way that the demo looks as promised (groups in the explorer, the sample's lint
// findings). Works offline; stops everything it started.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import * as UPNG from 'upng-js';
import { MockGateway } from '../src/core/mock';
import { DEMO_CODE_SERVER_ENV, DEMO_FIRST_FILE, DEMO_GATEWAY_NAME, DEMO_GROUPS, demoSettings, demoWorkbenchUrl, groupLabel, startDemoGateway } from './demo/demoGateway';
import { PILE_UP_ROW_TEXT, pushPileUp } from './demo/pileUp';
import { freshSamplesCopy } from './demo/samplesCopy';
import { BASE_USER_SETTINGS, createRunFolders, installVsix, RunningCodeServer, startCodeServer } from './host/codeServer';
import { ensureHost } from './host/installHost';
import { packageExtension } from './host/packageExtension';
import { repoRoot } from './host/paths';
import { findFreePort } from './host/processes';

const CHROMIUM = process.env.PGW_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 800 };
const UI_TIMEOUT_MS = 60_000;
const PALETTE_COLOURS = 256;
/** Wide enough for the group descriptions ("last push failed ...", "stale: ...") to show whole. */
const SIDEBAR_WIDTH = 460;
/** What the sample with deliberate mistakes must show: its findings' codes, as the Problems panel lists them. */
const EXPECTED_SAMPLE_FINDINGS = ['unknown-type', 'timestamp'];
/** Answers for the dry run of backup_db.sh; expansions not listed keep the value offered (the clock). */
const DRY_RUN_VALUES: Record<string, string> = {
  '$PUSHGATEWAY': '',
  '$(hostname)': 'db1',
  '$size': '73400320',
  '$(( $(date +%s) - started ))': '412',
};

interface Shot {
  readonly file: string;
  /** Brings the UI into the state the picture shows; `gatewayUrl`: the demo gateway's. */
  readonly stage: (page: Page, gatewayUrl: string) => Promise<void>;
}

const SHOTS: readonly Shot[] = [
  { file: 'explorer.png', stage: showFirstScreen },
  { file: 'push.png', stage: showDryRun },
  { file: 'mock.png', stage: showMockLog },
  { file: 'lint.png', stage: showLint },
  { file: 'walkthrough.png', stage: showWalkthrough },
  { file: 'cleanup.png', stage: showCleanUp },
  { file: 'rules.png', stage: showAlertRules },
  { file: 'scrape.png', stage: showScrapeCheck },
  { file: 'grouping.png', stage: showPerRunGroupingKey },
  { file: 'lastsuccess.png', stage: showLastSuccessFix },
  // Last: they push a pile-up into the demo gateway, which the pictures before must not show.
  { file: 'health.png', stage: showGatewayHealth },
  { file: 'pileup.png', stage: showPileUpAction },
];

/** A Prometheus configuration that scrapes a Pushgateway without honor_labels, written into the samples copy for the scrape check's picture. */
const SCRAPE_CONFIG_FILE = 'prometheus.yml';
const SCRAPE_CONFIG = ['global:', '  scrape_interval: 30s', 'scrape_configs:', '  - job_name: pushgateway', '    static_configs:', "      - targets: ['pushgateway:9091']", ''].join('\n');

/**
 * A CronJob's script, written into the samples copy for the grouping-key pictures: its push URL
 * takes the pod's `$HOSTNAME` (new on every run), and its body has no last-success gauge.
 */
const HYGIENE_SCRIPT_FILE = 'nightly_report.sh';
const HYGIENE_FIX_TITLE = 'Add nightly_report_last_success_unixtime';
const HYGIENE_SCRIPT = [
  '#!/bin/sh',
  '# Runs as a Kubernetes CronJob: every night a new pod, with a new $HOSTNAME.',
  'set -eu',
  '',
  'PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}',
  'rows=$(wc -l < /var/reports/nightly.csv)',
  '',
  'cat <<EOF | curl --silent --show-error --fail --data-binary @- "$PUSHGATEWAY/metrics/job/nightly_report/instance/$HOSTNAME"',
  '# HELP nightly_report_rows Rows in the last nightly report.',
  '# TYPE nightly_report_rows gauge',
  'nightly_report_rows $rows',
  'EOF',
  '',
].join('\n');

function visible(locator: Locator): Promise<void> {
  return locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Runs a command from the palette; `asks`: the command opens a quick input of its own. */
async function runCommand(page: Page, title: string, asks = false): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await visible(input);
  await input.fill(`>${title}`);
  await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: title }));
  await page.keyboard.press('Enter');
  // The next key press must not reach the palette while it is still closing.
  const closed = asks ? page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first() : page.locator('.quick-input-widget');
  await closed.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

async function openEditor(page: Page, file: string): Promise<void> {
  const tab = page.locator(`.tabs-container .tab[aria-label^="${file}"]`).first();
  if (await tab.isVisible()) {
    await tab.click();
    await visible(page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`));
    return;
  }
  await runCommand(page, 'Go to File...', true);
  const input = page.locator('.quick-input-widget input');
  await input.fill(file);
  // Click the row: Enter would take the focused one, which may still be a recent file before the filter applies.
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: file }).first();
  await visible(row);
  await row.click();
  await visible(page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`));
}

/** Drags the sash between the sidebar and the editor so the sidebar is `width` pixels wide. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || Math.abs(box.width - width) < 10) {
    return;
  }
  await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Leaves no hover, focus outline or toast in the picture. */
async function settle(page: Page, keepToasts = false): Promise<void> {
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
  if (!keepToasts) {
    await page.keyboard.press('Escape');
    await page
      .locator('.notifications-toasts .notification-toast')
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
  }
  await page.waitForTimeout(1_000);
}

async function openGatewaysView(page: Page): Promise<Locator> {
  const activityItem = page.locator('.part.activitybar [aria-label^="Pushgateway"]').first();
  await visible(activityItem);
  const sidebar = page.locator('.part.sidebar');
  if (!(await sidebar.locator('.monaco-list-row', { hasText: DEMO_GATEWAY_NAME }).first().isVisible())) {
    await activityItem.click();
  }
  await visible(sidebar.locator('.monaco-list-row', { hasText: DEMO_GATEWAY_NAME }));
  await widenSidebar(page, SIDEBAR_WIDTH);
  return sidebar;
}

/**
 * What `npm start` shows first (asserted): the sample with mistakes open, underlined, with its
 * CodeLens, and the Gateways view with the demo gateway's groups, without a click.
 */
async function showFirstScreen(page: Page): Promise<void> {
  const firstFile = path.basename(DEMO_FIRST_FILE);
  await visible(page.locator(`.tabs-container .tab.active[aria-label^="${firstFile}"]`));
  await visible(page.locator('.monaco-editor .squiggly-error'));
  await visible(page.locator('.monaco-editor .codelens-decoration', { hasText: 'Dry-run on mock' }));
  const sidebar = page.locator('.part.sidebar');
  await visible(sidebar.locator('.monaco-list-row', { hasText: DEMO_GATEWAY_NAME }));
  await widenSidebar(page, SIDEBAR_WIDTH);
  for (const key of Object.values(DEMO_GROUPS)) {
    await visible(sidebar.locator('.monaco-list-row', { hasText: groupLabel(key) }));
  }
  await visible(sidebar.locator('.monaco-list-row', { hasText: 'last push failed' }));
  await visible(sidebar.locator('.monaco-list-row', { hasText: 'stale' }));
  const healthy = sidebar.locator('.monaco-list-row', { hasText: groupLabel(DEMO_GROUPS.healthy) }).first();
  if ((await healthy.getAttribute('aria-expanded')) !== 'true') {
    await healthy.click();
  }
  await visible(sidebar.locator('.monaco-list-row', { hasText: 'backup_db_last_success_unixtime' }));
  await settle(page);
}

/** The sample with deliberate mistakes: its findings underlined and listed (asserted), one explained in a hover. */
async function showLint(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'View: Close All Editor Groups');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await openEditor(page, 'clean_logs.sh');
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'View: Focus Problems');
  const problems = page.locator('.markers-panel');
  for (const code of EXPECTED_SAMPLE_FINDINGS) {
    await visible(problems.locator('.monaco-list-row', { hasText: code }));
  }
  const listed = await problems.locator('.monaco-list-row').allInnerTexts();
  const findings = listed.filter((row) => /pushgateway/.test(row));
  if (findings.length !== EXPECTED_SAMPLE_FINDINGS.length) {
    throw new Error(`clean_logs.sh shows ${findings.length} findings, the demo promises ${EXPECTED_SAMPLE_FINDINGS.length}:\n${findings.join('\n')}`);
  }
  await settle(page);
  const typo = page.locator('.monaco-editor .view-line span', { hasText: /^countr$/ }).first();
  await visible(typo);
  await typo.hover();
  await visible(page.locator('.monaco-hover', { hasText: 'unknown metric type' }));
  await page.waitForTimeout(500);
}

/** "Dry-run on mock" above the backup script's heredoc: the values asked, then the group the mock holds, beside. */
async function showDryRun(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  if (await page.locator('.part.panel').isVisible()) {
    await page.keyboard.press('Control+J');
  }
  await openEditor(page, 'backup_db.sh');
  await openGatewaysView(page);
  // A link, not the placeholder VS Code shows while the lenses are being computed again.
  await page.locator('.monaco-editor .codelens-decoration a:visible', { hasText: 'Dry-run on mock' }).first().click();
  const title = page.locator('.quick-input-widget .quick-input-title');
  const tabOfGroup = page.locator('.tabs-container .tab', { hasText: 'backup_db' });
  for (let asked = 0; asked < 10; asked++) {
    const next = await Promise.race([
      title
        .filter({ hasText: 'Value for' })
        .first()
        .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
        .then(() => 'question' as const),
      tabOfGroup
        .nth(1)
        .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
        .then(() => 'done' as const),
    ]);
    if (next === 'done') {
      break;
    }
    const variable = (await title.first().innerText()).replace(/^Value for /, '').trim();
    const answer = DRY_RUN_VALUES[variable];
    const input = page.locator('.quick-input-widget input');
    if (answer) {
      await input.fill(answer);
    }
    await page.keyboard.press('Enter');
    await title
      .filter({ hasText: variable })
      .first()
      .waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS })
      .catch(() => undefined);
  }
  await visible(page.locator('.notifications-toasts', { hasText: 'Dry run: the mock accepted' }));
  await visible(page.locator('.part.sidebar .monaco-list-row.selected', { hasText: groupLabel(DEMO_GROUPS.healthy) }));
  await settle(page, true);
}

/** The colours of a screenshot reduced to a palette of 256: about a third of the bytes, so the .vsix that carries them stays small. */
function withPalette(png: Buffer): Buffer {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  const [rgba] = UPNG.toRGBA8(image);
  return Buffer.from(UPNG.encode([rgba], image.width, image.height, PALETTE_COLOURS));
}

/** The Marketplace wants a PNG icon: media/icon.png, drawn by Chromium from media/icon.svg. */
async function renderIcon(browser: Browser, mediaDir: string, root: string): Promise<void> {
  const svg = fs.readFileSync(path.join(mediaDir, 'icon.svg'), 'utf8');
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  try {
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(mediaDir, 'icon.png'), omitBackground: true });
    console.log(`Wrote ${path.relative(root, path.join(mediaDir, 'icon.png'))}`);
  } finally {
    await page.close();
  }
}

/** The embedded mock's request log, after the dry run: one line per request with status and families. */
async function showMockLog(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'Pushgateway: Show Mock Gateway Log');
  await visible(page.locator('.part.panel', { hasText: 'POST /metrics/job/backup_db' }));
  await settle(page);
}

/** The walkthrough, with the steps the shots before have really done ticked. */
async function showWalkthrough(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  if (await page.locator('.part.panel').isVisible()) {
    await page.keyboard.press('Control+J');
  }
  await runCommand(page, 'Welcome: Open Walkthrough...', true);
  const entry = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with Pushgateway Workbench' }).first();
  await visible(entry);
  await entry.click();
  await visible(page.locator('.getting-started-step', { hasText: 'Open a script that pushes metrics' }));
  // Not settle(): Escape would leave the walkthrough for the Welcome page.
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
  await page.waitForTimeout(1_000);
}

/** Leaves the walkthrough and any quick input, with no editor open. */
async function clearStage(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'View: Close All Editor Groups');
  if (await page.locator('.part.panel').isVisible()) {
    await page.keyboard.press('Control+J');
  }
}

/**
 * Chooses an item of the open context menu: hovered, then Enter. A click can come while the menu
 * still ignores the mouse (just opened), which leaves the item focused and nothing chosen.
 */
async function chooseMenuItem(page: Page, label: string): Promise<void> {
  const item = page.locator('.monaco-menu .action-item', { hasText: label }).first();
  await visible(item);
  await item.hover();
  await visible(page.locator('.monaco-menu .action-item.focused', { hasText: label }));
  await page.keyboard.press('Enter');
}

/** Clean Up Groups… from the demo gateway's context menu: the age offered, no selector, and the preview of the groups that would go (cancelled after the picture). */
async function showCleanUp(page: Page): Promise<void> {
  await clearStage(page);
  const sidebar = await openGatewaysView(page);
  await sidebar.locator('.monaco-list-row', { hasText: DEMO_GATEWAY_NAME }).first().click({ button: 'right' });
  await chooseMenuItem(page, 'Clean Up Groups…');
  // Enter on the input itself: the closing menu may hand the focus back to the tree after the quick input took it.
  const input = page.locator('.quick-input-widget input').first();
  await visible(page.locator('.quick-input-widget', { hasText: 'older than' }));
  await input.press('Enter');
  await visible(page.locator('.quick-input-widget', { hasText: 'matching' }));
  await input.press('Enter');
  await visible(page.locator('.quick-input-widget .monaco-list-row', { hasText: groupLabel(DEMO_GROUPS.stale) }));
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
  await page.waitForTimeout(1_000);
}

/** "Create Alert Rules…" above the push of clean_logs.sh: the rule file it wrote, opened. */
async function showAlertRules(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await clearStage(page);
  await openEditor(page, 'clean_logs.sh');
  const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Create Alert Rules' }).first();
  await visible(lens);
  await lens.click();
  await visible(page.locator('.quick-input-widget', { hasText: 'Create Alert Rules' }));
  await page.keyboard.press('Enter');
  await visible(page.locator('.tabs-container .tab.active[aria-label^="clean_logs.rules.yml"]'));
  await settle(page);
}

/** A prometheus.yml that scrapes a Pushgateway without honor_labels: the warning underlined and listed in Problems. */
async function showScrapeCheck(page: Page): Promise<void> {
  await clearStage(page);
  await openEditor(page, SCRAPE_CONFIG_FILE);
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'View: Focus Problems');
  // The panel's filter may still hold the mock log's.
  const filter = page.locator('.part.panel input[placeholder^="Filter"]').first();
  if (await filter.isVisible()) {
    await filter.fill('');
  }
  await visible(page.locator('.markers-panel .monaco-list-row', { hasText: 'honor_labels' }));
  await visible(page.locator('.monaco-editor .squiggly-warning'));
  await settle(page);
}

/** Moves the mouse onto the middle of the first element `locator` finds, for its hover. */
async function hoverOver(page: Page, locator: Locator): Promise<void> {
  await visible(locator);
  const box = await locator.first().boundingBox();
  if (!box) {
    throw new Error('nothing to hover over: the element has no box');
  }
  await page.mouse.move(box.x + box.width / 2 - 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
}

/** The CronJob's script whose push URL takes the pod's $HOSTNAME: the warning underlined, its hover explaining why. */
async function showPerRunGroupingKey(page: Page): Promise<void> {
  await clearStage(page);
  await openEditor(page, HYGIENE_SCRIPT_FILE);
  if (await page.locator('.part.sidebar').isVisible()) {
    await runCommand(page, 'View: Close Primary Side Bar');
  }
  // The CodeLens first: it moves the push line down when it appears, away from a mouse already placed.
  await visible(page.locator('.monaco-editor .codelens-decoration', { hasText: 'Dry-run on mock' }));
  await visible(page.locator('.monaco-editor .squiggly-hint'));
  const warning = page.locator('.monaco-editor .squiggly-warning');
  await hoverOver(page, warning);
  await visible(page.locator('.monaco-hover', { hasText: 'grouping label' }));
  await page.waitForTimeout(500);
}

/** The same script's pushed body without a last-success gauge: the hint, and its quick fix offered (Ctrl+.). */
async function showLastSuccessFix(page: Page): Promise<void> {
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
  await page.keyboard.press('Escape');
  const hint = page.locator('.monaco-editor .squiggly-hint');
  await visible(hint);
  const box = await hint.first().boundingBox();
  if (!box) {
    throw new Error('the no-last-success hint has no box');
  }
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const fixes = page.locator('.action-widget, .context-view', { hasText: HYGIENE_FIX_TITLE });
  await page.keyboard.press('Control+.');
  const offered = await fixes
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!offered) {
    await runCommand(page, 'Quick Fix...');
  }
  await visible(fixes);
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
  await page.waitForTimeout(1_000);
}

/** Twelve nightly groups of backup_db pushed with their run_id: the explorer's warning row; the gateway's tooltip with health, memory, counts and version. */
async function showGatewayHealth(page: Page, gatewayUrl: string): Promise<void> {
  await clearStage(page);
  await pushPileUp(gatewayUrl, Date.now() / 1000);
  const sidebar = await openGatewaysView(page);
  await runCommand(page, 'Pushgateway: Refresh');
  const pileUp = sidebar.locator('.monaco-list-row', { hasText: PILE_UP_ROW_TEXT }).first();
  await visible(pileUp);
  // Selected, the row shows its inline action (Clean Up These Groups…).
  await pileUp.click();
  // A refresh redraws the row under the mouse, which cancels a hover on its way: hover again until it shows.
  const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'process_resident_memory_bytes' }).first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
    await hoverOver(page, sidebar.locator('.monaco-list-row', { hasText: DEMO_GATEWAY_NAME }).first());
    const shown = await tooltip.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (shown) {
      break;
    }
    if (attempt === 6) {
      throw new Error("the demo gateway's tooltip did not show after 6 hovers");
    }
  }
  await page.waitForTimeout(500);
}

/** The warning row's context menu: Clean Up These Groups… (its selector chooses exactly the piled-up groups). */
async function showPileUpAction(page: Page): Promise<void> {
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
  const pileUp = page.locator('.part.sidebar .monaco-list-row', { hasText: PILE_UP_ROW_TEXT }).first();
  await pileUp.click({ button: 'right' });
  await visible(page.locator('.monaco-menu .action-label', { hasText: 'Clean Up These Groups…' }));
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 40);
  await page.waitForTimeout(1_000);
}

async function takeShots(page: Page, url: string, folder: string, mediaDir: string, root: string, gatewayUrl: string): Promise<void> {
  await page.goto(demoWorkbenchUrl(url, folder));
  await visible(page.locator('.monaco-workbench .part.activitybar'));
  for (const shot of SHOTS) {
    try {
      await shot.stage(page, gatewayUrl);
    } catch (error) {
      const failed = path.join(root, 'out', `screenshot-failed-${shot.file}`);
      fs.mkdirSync(path.dirname(failed), { recursive: true });
      await page.screenshot({ path: failed }).catch(() => undefined);
      throw new Error(`${shot.file}: ${error instanceof Error ? error.message : String(error)}\n(the page as it was: ${failed})`, { cause: error });
    }
    fs.writeFileSync(path.join(mediaDir, shot.file), withPalette(await page.screenshot()));
    console.log(`Wrote ${path.relative(root, path.join(mediaDir, shot.file))}`);
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set PGW_CHROMIUM.`);
  }
  const started = Date.now();
  const root = repoRoot();
  const host = await ensureHost((line) => console.log(line));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-screenshot-'));
  let gateway: MockGateway | undefined;
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await gateway?.close().catch(() => undefined);
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    gateway = await startDemoGateway();
    const folders = createRunFolders(runDir, {
      ...BASE_USER_SETTINGS,
      ...demoSettings(gateway.url),
      'workbench.colorTheme': 'Default Dark Modern',
      // The long curl lines of the samples stay readable beside the wide sidebar.
      'editor.wordWrap': 'on',
      'editor.minimap.enabled': false,
    });
    console.log('Packaging the extension ...');
    const vsix = await packageExtension(path.join(runDir, 'pushgateway-workbench.vsix'));
    await installVsix(host, folders, vsix);
    const samples = freshSamplesCopy(path.join(root, 'samples'), path.join(runDir, 'samples'));
    fs.writeFileSync(path.join(samples, SCRAPE_CONFIG_FILE), SCRAPE_CONFIG);
    fs.writeFileSync(path.join(samples, 'scripts', HYGIENE_SCRIPT_FILE), HYGIENE_SCRIPT);
    server = await startCodeServer({ host, folders, port: await findFreePort(), testDriver: false, folderToOpen: samples, env: DEMO_CODE_SERVER_ENV });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const mediaDir = path.join(root, 'media');
    await renderIcon(browser, mediaDir, root);
    const page = await browser.newPage({ viewport: VIEWPORT });
    console.log(`Taking ${SHOTS.length} screenshots of VS Code at ${server.url} ...`);
    try {
      await takeShots(page, server.url, samples, mediaDir, root, gateway.url);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- code-server log ---\n${server.logTail()}`, { cause: error });
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
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
