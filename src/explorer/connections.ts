import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { GatewayClient, GatewayCredentials } from '../core/gateway/client';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { ExplorerSettings } from './explorerSettings';
import { explorerWarnings } from './warnOnce';

const SECRET_PREFIX = 'pushgateway.credentials.';

/** Credentials live in SecretStorage only, keyed by the gateway's URL: never in settings.json. */
export class CredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(gateway: GatewayConfig): Promise<GatewayCredentials | undefined> {
    const stored = await this.secrets.get(SECRET_PREFIX + gateway.url);
    if (!stored) {
      return undefined;
    }
    try {
      return JSON.parse(stored) as GatewayCredentials;
    } catch {
      return undefined;
    }
  }

  async set(gateway: GatewayConfig, credentials: GatewayCredentials | undefined): Promise<void> {
    if (credentials) {
      await this.secrets.store(SECRET_PREFIX + gateway.url, JSON.stringify(credentials));
    } else {
      await this.secrets.delete(SECRET_PREFIX + gateway.url);
    }
  }
}

/**
 * A client for a gateway, made with its TLS options and credentials. Credentials are not sent to
 * gateways defined by an untrusted workspace.
 */
export async function clientFor(gateway: GatewayConfig, settings: ExplorerSettings, credentials: CredentialStore, trusted: boolean): Promise<GatewayClient> {
  let ca: string | undefined;
  if (gateway.caFile) {
    const subject = `caFile:${gateway.name}`;
    try {
      ca = fs.readFileSync(gateway.caFile, 'utf8');
      explorerWarnings.clear(subject);
    } catch (error) {
      explorerWarnings.warn(subject, `Cannot read the CA file of gateway ${gateway.name} (${gateway.caFile}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return new GatewayClient({
    baseUrl: gateway.url,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    credentials: trusted ? await credentials.get(gateway) : undefined,
    ca,
    allowInsecureTls: gateway.allowInsecureTls,
  });
}
