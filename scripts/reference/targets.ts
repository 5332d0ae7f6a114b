import * as path from 'node:path';

// The reference targets the recorders and the measuring script know: which gateway and promtool
// binaries, started with which gateway flags. `1.5` is what Debian 12 installs system-wide; the
// `1.11` targets are the binaries `npm run reference:fetch` unpacks from Debian sid into
// .cache/reference-sid/. PGW_PUSHGATEWAY and PGW_PROMTOOL still override the binaries of any target.

export type TargetName = '1.5' | '1.11' | '1.11-utf8' | '1.11-unchecked';

export interface ReferenceTarget {
  readonly name: TargetName;
  readonly description: string;
  readonly pushgateway: string;
  readonly promtool: string;
  /** Extra gateway flags (besides the listen address, the empty persistence file and the admin API). */
  readonly gatewayFlags: readonly string[];
  /** Where the binaries come from, for the "cannot run" message. */
  readonly installHint: string;
}

/** What a recording says instead of an answer when the gateway closed the connection without one. */
export { CONNECTION_CLOSED } from '../../test/gateway/todayClient';

export const TARGET_NAMES: readonly TargetName[] = ['1.5', '1.11', '1.11-utf8', '1.11-unchecked'];

/** The folder `scripts/reference/fetchToday.sh` unpacks the Debian sid packages into. */
export function sidRoot(repoRoot: string): string {
  return path.join(repoRoot, '.cache', 'reference-sid', 'root', 'usr', 'bin');
}

export function referenceTarget(name: TargetName, repoRoot: string): ReferenceTarget {
  const sid = sidRoot(repoRoot);
  const today = {
    pushgateway: process.env.PGW_PUSHGATEWAY ?? path.join(sid, 'prometheus-pushgateway'),
    promtool: process.env.PGW_PROMTOOL ?? path.join(sid, 'promtool'),
    installHint: 'run `npm run reference:fetch` first',
  };
  switch (name) {
    case '1.5':
      return {
        name,
        description: 'Pushgateway 1.5.1 + promtool 2.42 (Debian 12)',
        pushgateway: process.env.PGW_PUSHGATEWAY ?? 'prometheus-pushgateway',
        promtool: process.env.PGW_PROMTOOL ?? 'promtool',
        gatewayFlags: [],
        installHint: 'install the Debian packages prometheus-pushgateway and prometheus',
      };
    case '1.11':
      return { name, description: 'Pushgateway 1.11.2 + promtool 3.5.3 (Debian sid)', gatewayFlags: [], ...today };
    case '1.11-utf8':
      return { name, description: 'Pushgateway 1.11.2 --push.enable-utf8-names + promtool 3.5.3', gatewayFlags: ['--push.enable-utf8-names'], ...today };
    case '1.11-unchecked':
      return { name, description: 'Pushgateway 1.11.2 --push.disable-consistency-check + promtool 3.5.3', gatewayFlags: ['--push.disable-consistency-check'], ...today };
  }
}

export function isTargetName(value: string): value is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(value);
}

/** The value of `--name value` or `--name=value` on the command line, if given. */
export function commandLineOption(name: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === `--${name}`) {
      return argv[index + 1];
    }
    if (argument.startsWith(`--${name}=`)) {
      return argument.slice(name.length + 3);
    }
  }
  return undefined;
}

/** The target chosen by `--target` (or PGW_TARGET); `1.5` when neither is given. */
export function chosenTargetName(): TargetName {
  const chosen = commandLineOption('target') ?? process.env.PGW_TARGET ?? '1.5';
  if (!isTargetName(chosen)) {
    throw new Error(`unknown target "${chosen}" (known: ${TARGET_NAMES.join(', ')})`);
  }
  return chosen;
}
