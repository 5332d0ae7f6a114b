import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** The real promtool binaries the rule tests run: 2.42 (Debian 12's `prometheus`, on PATH) and 3.5.3 (Debian sid's, from `npm run reference:fetch`). */
export interface Promtool {
  readonly label: string;
  readonly binary: string;
  /** Why it cannot run, when it cannot. */
  readonly missing?: string;
}

const REPO_ROOT = path.resolve(__dirname, '../../../..');

function versionOf(binary: string): string | undefined {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? /version (\S+)/.exec(run.stdout + run.stderr)?.[1] : undefined;
}

function promtool(label: string, binary: string, expectedMajor: string, installHint: string): Promtool {
  const version = versionOf(binary);
  if (version === undefined) {
    return { label, binary, missing: `${binary} cannot run: ${installHint}` };
  }
  if (!version.startsWith(expectedMajor)) {
    return { label, binary, missing: `${binary} is promtool ${version}, not ${label}` };
  }
  return { label, binary };
}

export function promtools(): Promtool[] {
  const sid = process.env.PGW_PROMTOOL_3 ?? path.join(REPO_ROOT, '.cache', 'reference-sid', 'root', 'usr', 'bin', 'promtool');
  return [
    promtool('2.42', process.env.PGW_PROMTOOL ?? 'promtool', '2.', 'install the Debian package prometheus (promtool 2.42)'),
    promtool('3.5.3', sid, '3.', 'run `npm run reference:fetch`, or set PGW_PROMTOOL_3'),
  ];
}

export function runPromtool(tool: Promtool, args: readonly string[], cwd: string): { status: number | null; output: string } {
  const run = spawnSync(tool.binary, args, { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
