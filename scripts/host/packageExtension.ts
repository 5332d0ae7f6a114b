import * as path from 'node:path';
import { repoRoot } from './paths';
import { runCommand } from './processes';

/** Builds the production bundle and packs the .vsix exactly as `npm run package` does. */
export async function packageExtension(outFile: string): Promise<string> {
  const root = repoRoot();
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', outFile], {
    cwd: root,
    env: process.env,
    label: 'vsce package',
  });
  return outFile;
}
