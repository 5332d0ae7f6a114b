import * as vscode from 'vscode';
import { EMBEDDED_MOCK_NAME, GatewayConfig } from '../core/gateway/gatewayConfig';
import { MockBounds, MockGateway, parseMockBounds, PushLogEntry, startMockGateway } from '../core/mock';
import { isPortFree } from '../core/ports';
import { applyTargetOverride, parseTargetOverride } from '../core/gateway/targetSettings';
import { DEFAULT_GATEWAY_TARGET, describeGatewayTarget, GatewayTarget } from '../core/protocol/gatewayTarget';
import { settingsWarnings } from '../gateways/settingsWarnings';
import { userPrompts } from '../ui/prompts';

const MAX_PORT_TRIES = 20;
const SECTION = 'pushgateway.mock';

/** The behaviour the mock is started with: pushgateway.mock.gatewayVersion, utf8Names, disableConsistencyCheck; a bad value is reported and its default used. */
function configuredTarget(configuration: vscode.WorkspaceConfiguration): GatewayTarget {
  const { override, problems } = parseTargetOverride(
    {
      gatewayVersion: configuration.get<unknown>('gatewayVersion'),
      utf8Names: configuration.get<unknown>('utf8Names'),
      disableConsistencyCheck: configuration.get<unknown>('disableConsistencyCheck'),
    },
    `${SECTION}.`,
  );
  if (problems.length > 0) {
    settingsWarnings.warn(SECTION, `Pushgateway mock settings: ${problems.join('; ')}. The defaults are used instead.`);
  } else {
    settingsWarnings.clear(SECTION);
  }
  return applyTargetOverride(DEFAULT_GATEWAY_TARGET, override);
}

const BOUND_SETTINGS = ['maxBodyBytes', 'maxFamiliesPerPush', 'maxSeriesPerPush', 'headerTimeoutSeconds', 'maxPipelinedRequests'] as const;

/** The mock's bounds from pushgateway.mock.maxBodyBytes and the others; a bad value is reported and the defaults used. */
function configuredBounds(configuration: vscode.WorkspaceConfiguration): MockBounds {
  const raw = Object.fromEntries(BOUND_SETTINGS.map((name) => [name, configuration.get<string | number>(name)]));
  const bounds = parseMockBounds(raw, Object.fromEntries(BOUND_SETTINGS.map((name) => [name, `${SECTION}.${name}`])) as Record<(typeof BOUND_SETTINGS)[number], string>);
  if (typeof bounds === 'string') {
    settingsWarnings.warn(`${SECTION}.bounds`, `Pushgateway mock settings: ${bounds}. The default bounds are used instead.`);
    return {};
  }
  settingsWarnings.clear(`${SECTION}.bounds`);
  return bounds;
}

/** The first free port from `preferred` on, trying a few; undefined when none is free. */
async function firstFreePort(preferred: number): Promise<number | undefined> {
  for (let port = preferred; port < preferred + MAX_PORT_TRIES && port <= 65535; port++) {
    if (await isPortFree(port)) {
      return port;
    }
  }
  return undefined;
}

/** How many of the log's last lines `recentLog` keeps. */
const RECENT_LOG_LINES = 200;

function byteCount(bytes: number): string {
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** `PUT /metrics/job/x → 200 (23 bytes sent)`, `GET /api/v1/metrics → 200 (1042 bytes answered)`: each size said only when there was a body. */
function formatEntry(entry: PushLogEntry): string {
  const sizes = [entry.bodyBytes > 0 ? `${byteCount(entry.bodyBytes)} sent` : '', entry.answerBytes ? `${byteCount(entry.answerBytes)} answered` : ''].filter(Boolean);
  const families = entry.families.length > 0 ? ` [${entry.families.join(', ')}]` : '';
  const error = entry.error ? ` — ${entry.error.trim()}` : '';
  return `${entry.time} ${entry.method} ${entry.path} → ${entry.status}${sizes.length > 0 ? ` (${sizes.join(', ')})` : ''}${families}${error}`;
}

/** A read (the Gateways view reads the mock at every refresh): logged only with pushgateway.mock.logReads, so that pushes and deletes stand out. */
function isRead(entry: PushLogEntry): boolean {
  return entry.method === 'GET' || entry.method === 'HEAD';
}

/**
 * The embedded mock Pushgateway: it runs inside the extension host, listens on 127.0.0.1 only, and
 * only when the user starts it. Its requests appear in the "Pushgateway Mock" output channel and
 * their count in the status bar.
 */
export class MockGatewayService implements vscode.Disposable {
  private running: MockGateway | undefined;
  /** What the running mock answers like (pushgateway.mock.gatewayVersion and its switches when it started). */
  private runningTarget: GatewayTarget = DEFAULT_GATEWAY_TARGET;
  private pushCount = 0;
  private stopLogging: (() => void) | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly groupsChanged = new vscode.EventEmitter<void>();
  /** A push or delete reached the mock, from the extension or from anything else (a script in a terminal). */
  readonly onDidChangeGroups = this.groupsChanged.event;
  private readonly output = vscode.window.createOutputChannel('Pushgateway Mock');
  private readonly recentLines: string[] = [];
  private readonly statusBar = vscode.window.createStatusBarItem('pushgateway.mock', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.statusBar.name = 'Pushgateway Mock';
    this.statusBar.command = 'pushgateway.showMockLog';
  }

  /** The running mock, as the gateway service lists it beside the configured gateways. */
  gateways(): GatewayConfig[] {
    return this.gateway ? [this.gateway] : [];
  }

  get gateway(): GatewayConfig | undefined {
    return this.running ? { name: EMBEDDED_MOCK_NAME, url: this.running.url, embedded: true } : undefined;
  }

  async start(): Promise<MockGateway | undefined> {
    if (this.running) {
      return this.running;
    }
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const setting = configuration.get<number>('port') ?? 9091;
    const preferred = Number.isInteger(setting) && setting > 0 && setting < 65536 ? setting : 9091;
    const target = configuredTarget(configuration);
    const port = await firstFreePort(preferred);
    if (port === undefined) {
      void userPrompts().notify('error', `Cannot start the mock Pushgateway: ports ${preferred}-${preferred + MAX_PORT_TRIES - 1} are all taken. Choose another in the setting pushgateway.mock.port.`);
      return undefined;
    }
    try {
      this.running = await startMockGateway({ ...configuredBounds(configuration), port, adminApi: configuration.get<boolean>('adminAPI') === true, target });
      this.runningTarget = target;
    } catch (error) {
      void userPrompts().notify('error', `Cannot start the mock Pushgateway: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (port !== preferred) {
      void userPrompts().notify('info', `Port ${preferred} is taken: the mock Pushgateway listens on ${this.running.url} instead.`);
    }
    this.pushCount = 0;
    const reads = configuration.get<boolean>('logReads') === true ? '' : ' Reads (GET) are not logged: set pushgateway.mock.logReads to log them.';
    this.appendLog(`Mock Pushgateway listening on ${this.running.url}, answering like ${describeGatewayTarget(target)}.${reads}`);
    this.stopLogging = this.running.log.onEntry((entry) => this.show(entry));
    this.updateStatusBar();
    this.changed.fire();
    return this.running;
  }

  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    const stopping = this.running;
    this.running = undefined;
    this.stopLogging?.();
    await stopping.close();
    this.appendLog(`Mock Pushgateway stopped (${stopping.url})`);
    this.statusBar.hide();
    this.changed.fire();
  }

  showLog(): void {
    this.output.show(true);
  }

  /** The log's last lines, oldest first, as the "Pushgateway Mock" output channel shows them. */
  recentLog(): readonly string[] {
    return this.recentLines;
  }

  private appendLog(line: string): void {
    this.output.appendLine(line);
    this.recentLines.push(line);
    if (this.recentLines.length > RECENT_LOG_LINES) {
      this.recentLines.shift();
    }
  }

  private show(entry: PushLogEntry): void {
    if (!isRead(entry) || vscode.workspace.getConfiguration(SECTION).get<boolean>('logReads') === true) {
      this.appendLog(formatEntry(entry));
    }
    if (entry.method === 'PUT' || entry.method === 'POST') {
      this.pushCount++;
      this.updateStatusBar();
    }
    if (entry.method === 'PUT' || entry.method === 'POST' || entry.method === 'DELETE') {
      this.groupsChanged.fire();
    }
  }

  private updateStatusBar(): void {
    if (!this.running) {
      return;
    }
    const pushes = this.pushCount;
    this.statusBar.text = `$(server-process) Mock ${new URL(this.running.url).host} · ${pushes} push${pushes === 1 ? '' : 'es'}`;
    this.statusBar.tooltip = `Mock Pushgateway at ${this.running.url}, answering like ${describeGatewayTarget(this.runningTarget)}: click for the request log`;
    this.statusBar.show();
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
    this.groupsChanged.dispose();
    this.output.dispose();
    this.statusBar.dispose();
  }
}
