import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InstalledHost } from './installHost';
import { delay, runCommand, stopProcessGroup } from './processes';

/** The folders of one isolated code-server run; nothing is written outside `root`. */
export interface HostRunFolders {
  readonly root: string;
  readonly home: string;
  readonly userData: string;
  readonly extensions: string;
  readonly logFile: string;
}

export function createRunFolders(root: string, userSettings: Record<string, unknown>): HostRunFolders {
  const folders: HostRunFolders = {
    root,
    home: path.join(root, 'home'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    logFile: path.join(root, 'code-server.log'),
  };
  for (const dir of [folders.home, path.join(folders.home, 'tmp'), path.join(folders.userData, 'User'), folders.extensions]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const settingsFile = path.join(folders.userData, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify(userSettings, null, 2));
  }
  return folders;
}

/**
 * Sets some user settings of a kept profile, leaving the others as the user left them. A settings
 * file that is not plain JSON (VS Code allows comments) is left alone, with a warning.
 */
export function updateUserSettings(folders: HostRunFolders, patch: Record<string, unknown>, warn: (message: string) => void): void {
  const settingsFile = path.join(folders.userData, 'User', 'settings.json');
  let current: Record<string, unknown>;
  try {
    current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    warn(`Left ${settingsFile} as it is (${error instanceof Error ? error.message : String(error)}); set ${Object.keys(patch).join(', ')} there yourself.`);
    return;
  }
  fs.writeFileSync(settingsFile, JSON.stringify({ ...current, ...patch }, null, 2));
}

/** Quiet, offline-friendly defaults for a fresh VS Code profile. */
export const BASE_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** HOME, TMPDIR and XDG folders inside the run, so code-server writes nothing into ~/.config or /tmp. */
function isolatedEnv(folders: HostRunFolders, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: folders.home,
    TMPDIR: path.join(folders.home, 'tmp'),
    XDG_CONFIG_HOME: path.join(folders.home, '.config'),
    XDG_DATA_HOME: path.join(folders.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(folders.home, '.cache'),
    // No marketplace is reachable; an empty gallery stops VS Code from trying.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

export async function installVsix(host: InstalledHost, folders: HostRunFolders, vsix: string): Promise<void> {
  await runCommand(host.node, [host.codeServer, '--install-extension', vsix, '--force', '--extensions-dir', folders.extensions, '--user-data-dir', folders.userData], {
    env: isolatedEnv(folders, {}),
    label: `install ${path.basename(vsix)}`,
  });
}

export interface CodeServerOptions {
  readonly host: InstalledHost;
  readonly folders: HostRunFolders;
  readonly port: number;
  /** The smoke-test driver makes VS Code honour the `payload` URL parameter that runs extension tests. */
  readonly testDriver: boolean;
  readonly folderToOpen?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  logTail(chars?: number): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { host, folders, port } = options;
  const configFile = path.join(folders.root, 'code-server.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    host.codeServer,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    configFile,
    '--user-data-dir',
    folders.userData,
    '--extensions-dir',
    folders.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.folderToOpen ? [options.folderToOpen] : []),
  ];
  const log = fs.openSync(folders.logFile, 'a');
  const child = spawn(host.node, args, {
    env: isolatedEnv(folders, options.env ?? {}),
    stdio: ['ignore', log, log],
    // Its own process group, so stopping it also stops the extension host and file watchers it starts.
    detached: true,
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const server: RunningCodeServer = {
    url,
    process: child,
    exited,
    logTail: (chars = 3000) => readTail(folders.logFile, chars),
    stop: () => stopProcessGroup(child),
  };
  try {
    await waitUntilHealthy(url, exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- code-server log ---\n${server.logTail()}`, { cause: error });
  }
  return server;
}

async function waitUntilHealthy(url: string, exited: Promise<number | null>, timeoutMs = 60_000): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`code-server exited (code ${exitCode}) before it was ready`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

function readTail(file: string, chars: number): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-chars);
  } catch {
    return '(no log)';
  }
}
