import { GATEWAY_VERSIONS, GatewayTarget, GatewayVersion, isGatewayVersion } from '../protocol/gatewayTarget';

/** What a setting says of the target; a value it leaves out (or gets wrong) comes from elsewhere. */
export interface TargetOverride {
  readonly version?: GatewayVersion;
  readonly utf8Names?: boolean;
  readonly consistencyCheckDisabled?: boolean;
}

/** The raw values of the settings that choose a target, e.g. `pushgateway.lint.gatewayVersion`. */
export interface RawTargetSettings {
  readonly gatewayVersion?: unknown;
  readonly utf8Names?: unknown;
  readonly disableConsistencyCheck?: unknown;
}

export interface ParsedTargetOverride {
  readonly override: TargetOverride;
  /** One message per bad value, naming the setting (`where` + key) and what is used instead. */
  readonly problems: string[];
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

/**
 * Reads the target settings of one place (`where`: `pushgateway.lint.`, `pushgateway.gateways entry 2: `).
 * A bad value is reported and left out, so that the default (or the next place) decides.
 */
export function parseTargetOverride(raw: RawTargetSettings, where: string): ParsedTargetOverride {
  const problems: string[] = [];
  const override: { version?: GatewayVersion; utf8Names?: boolean; consistencyCheckDisabled?: boolean } = {};
  if (raw.gatewayVersion !== undefined && raw.gatewayVersion !== null) {
    if (isGatewayVersion(raw.gatewayVersion)) {
      override.version = raw.gatewayVersion;
    } else {
      problems.push(`${where}gatewayVersion must be ${GATEWAY_VERSIONS.map((version) => `"${version}"`).join(' or ')}, not ${describeValue(raw.gatewayVersion)}`);
    }
  }
  const readSwitch = (key: 'utf8Names' | 'disableConsistencyCheck', value: unknown): boolean | undefined => {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'boolean') {
      problems.push(`${where}${key} must be true or false, not ${describeValue(value)}`);
      return undefined;
    }
    return value;
  };
  const utf8Names = readSwitch('utf8Names', raw.utf8Names);
  const consistencyCheckDisabled = readSwitch('disableConsistencyCheck', raw.disableConsistencyCheck);
  if (utf8Names !== undefined) {
    override.utf8Names = utf8Names;
  }
  if (consistencyCheckDisabled !== undefined) {
    override.consistencyCheckDisabled = consistencyCheckDisabled;
  }
  return { override, problems };
}

/** `base` with what `override` sets; 1.5 has no UTF-8 names (the switch came with 1.11.0). */
export function applyTargetOverride(base: GatewayTarget, override: TargetOverride | undefined): GatewayTarget {
  const version = override?.version ?? base.version;
  const utf8Names = version === '1.11' && (override?.utf8Names ?? base.utf8Names);
  return { version, utf8Names, consistencyCheckDisabled: override?.consistencyCheckDisabled ?? base.consistencyCheckDisabled };
}

export function isEmptyOverride(override: TargetOverride): boolean {
  return override.version === undefined && override.utf8Names === undefined && override.consistencyCheckDisabled === undefined;
}
