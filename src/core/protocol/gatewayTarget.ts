/**
 * The Pushgateway behaviour the linter and the mock follow: a release line and the switches a
 * gateway of that line can be started with. `1.11` is what Pushgateway 1.11 answers (and promtool
 * 3.x says), and the nearest for 1.9 and 1.10; `1.5` is Pushgateway 1.5 to 1.8 with promtool 2.x.
 */
export type GatewayVersion = '1.11' | '1.5';

export const GATEWAY_VERSIONS: readonly GatewayVersion[] = ['1.11', '1.5'];

export interface GatewayTarget {
  readonly version: GatewayVersion;
  /** `--push.enable-utf8-names` (1.11.0 and later): quoted UTF-8 metric and label names are accepted. */
  readonly utf8Names: boolean;
  /** `--push.disable-consistency-check`: pushes that parse are answered 202 without the checks. */
  readonly consistencyCheckDisabled: boolean;
}

export const DEFAULT_GATEWAY_TARGET: GatewayTarget = { version: '1.11', utf8Names: false, consistencyCheckDisabled: false };

/** Pushgateway 1.5 without switches: what the differential suites recorded from 1.5.1 replay against. */
export const GATEWAY_TARGET_1_5: GatewayTarget = { version: '1.5', utf8Names: false, consistencyCheckDisabled: false };

export function isGatewayVersion(value: unknown): value is GatewayVersion {
  return typeof value === 'string' && (GATEWAY_VERSIONS as readonly string[]).includes(value);
}

/**
 * The release line whose behaviour a gateway of this version has: `1.9.0`, `v1.10.1`, `1.11` are
 * `1.11`; `1.5.1`, `1.8.0` are `1.5`. Undefined when the text is not a version we know.
 */
export function gatewayVersionOf(versionText: string): GatewayVersion | undefined {
  const match = /^v?1\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(versionText.trim());
  if (!match) {
    return undefined;
  }
  const minor = Number(match[1]);
  if (minor >= 9) {
    return '1.11';
  }
  return minor >= 5 ? '1.5' : undefined;
}

/** `1.11`, `1.11 with UTF-8 names`, `1.11 with UTF-8 names, without the consistency check`. */
export function describeGatewayTarget(target: GatewayTarget): string {
  const switches = [target.utf8Names ? 'with UTF-8 names' : undefined, target.consistencyCheckDisabled ? 'without the consistency check' : undefined].filter(
    (text): text is string => text !== undefined,
  );
  return switches.length === 0 ? `Pushgateway ${target.version}` : `Pushgateway ${target.version} ${switches.join(', ')}`;
}
