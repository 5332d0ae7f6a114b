import { Result, failure, success } from '../result';
import { checkGatewayUrl, GatewayConfig, normalizeGatewayUrl } from './gatewayConfig';

/**
 * The gateway a script's URL names: a listed gateway at that URL (so that its credentials and TLS
 * options apply), else the URL as it is written, named after its host; what is wrong with the URL otherwise.
 */
export function gatewayForUrl(baseUrl: string, listed: readonly GatewayConfig[]): Result<GatewayConfig> {
  const problem = checkGatewayUrl(baseUrl);
  if (problem) {
    return failure(problem);
  }
  const normalized = normalizeGatewayUrl(baseUrl);
  // Unlisted, the URL is kept as written: a user:password in it is how curl would authenticate.
  return success(listed.find((gateway) => gateway.url === normalized) ?? { name: new URL(baseUrl).host, url: baseUrl.replace(/\/+$/, '') });
}

/** Whether a gateway at this URL is among the listed ones (the explorer shows its groups). */
export function isListed(url: string, listed: readonly GatewayConfig[]): boolean {
  const normalized = normalizeGatewayUrl(url);
  return listed.some((gateway) => gateway.url === normalized);
}
