import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file with our package.json (works from src and from out/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'pushgateway-workbench') {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find the pushgateway-workbench folder above ${__dirname}`);
    }
    dir = parent;
  }
}

/** Where the VS Code host (Node 24 + code-server) is installed: git-ignored, reused between runs. */
export function hostCacheDir(): string {
  return process.env.PGW_HOST_CACHE ?? path.join(repoRoot(), '.cache', 'host');
}

export function extensionManifest(): { name: string; publisher: string; version: string } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
}
