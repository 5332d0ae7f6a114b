import { GatewayTarget, gatewayVersionOf } from '../protocol/gatewayTarget';
import { GatewayStatus } from './client';

/**
 * The behaviour a gateway has, from what its `/api/v1/status` says: its version's release line and
 * the `push.enable-utf8-names` and `push.disable-consistency-check` flags it was started with.
 * Undefined when the version is missing or not one we know (the settings decide then).
 */
export function statusTarget(status: GatewayStatus): GatewayTarget | undefined {
  const version = status.version === undefined ? undefined : gatewayVersionOf(status.version);
  if (version === undefined) {
    return undefined;
  }
  const flags = status.flags ?? {};
  return {
    version,
    // 1.5 had no such flag; a 1.5 status never lists it, but a proxy's answer might.
    utf8Names: version === '1.11' && flags['push.enable-utf8-names'] === 'true',
    consistencyCheckDisabled: flags['push.disable-consistency-check'] === 'true',
  };
}
