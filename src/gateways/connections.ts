import * as vscode from 'vscode';
import { readCaFile } from '../core/gateway/caFile';
import { GatewayClient, GatewayCredentials } from '../core/gateway/client';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { settingsWarnings } from './settingsWarnings';

const DEFAULT_TIMEOUT_SECONDS = 10;

/** pushgateway.requestTimeoutSeconds; an out-of-range value falls back to the default. */
function requestTimeoutSeconds(): number {
  const value = vscode.workspace.getConfiguration('pushgateway').get<unknown>('requestTimeoutSeconds');
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_SECONDS;
}

async function gatewayCa(gateway: GatewayConfig): Promise<string | undefined> {
  if (!gateway.caFile) {
    return undefined;
  }
  const subject = `caFile:${gateway.name}`;
  const ca = await readCaFile(gateway.caFile);
  if (!ca.ok) {
    settingsWarnings.warn(subject, `Cannot read the CA file of gateway ${gateway.name} (${gateway.caFile}): ${ca.error}`);
    return undefined;
  }
  settingsWarnings.clear(subject);
  return ca.value;
}

/** A client for a gateway, made with its TLS options, the request timeout and (when given) credentials. */
export async function clientFor(gateway: GatewayConfig, credentials: GatewayCredentials | undefined): Promise<GatewayClient> {
  return new GatewayClient({
    baseUrl: gateway.url,
    timeoutMs: requestTimeoutSeconds() * 1000,
    credentials,
    ca: await gatewayCa(gateway),
    allowInsecureTls: gateway.allowInsecureTls,
  });
}
