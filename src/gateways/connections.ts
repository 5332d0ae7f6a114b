import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { GatewayClient, GatewayCredentials } from '../core/gateway/client';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { settingsWarnings } from './settingsWarnings';

const DEFAULT_TIMEOUT_SECONDS = 10;

/** pushgateway.requestTimeoutSeconds; an out-of-range value falls back to the default. */
function requestTimeoutSeconds(): number {
  const value = vscode.workspace.getConfiguration('pushgateway').get<unknown>('requestTimeoutSeconds');
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_SECONDS;
}

function readCaFile(gateway: GatewayConfig): string | undefined {
  if (!gateway.caFile) {
    return undefined;
  }
  const subject = `caFile:${gateway.name}`;
  try {
    const ca = fs.readFileSync(gateway.caFile, 'utf8');
    settingsWarnings.clear(subject);
    return ca;
  } catch (error) {
    settingsWarnings.warn(subject, `Cannot read the CA file of gateway ${gateway.name} (${gateway.caFile}): ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** A client for a gateway, made with its TLS options, the request timeout and (when given) credentials. */
export function clientFor(gateway: GatewayConfig, credentials: GatewayCredentials | undefined): GatewayClient {
  return new GatewayClient({
    baseUrl: gateway.url,
    timeoutMs: requestTimeoutSeconds() * 1000,
    credentials,
    ca: readCaFile(gateway),
    allowInsecureTls: gateway.allowInsecureTls,
  });
}
