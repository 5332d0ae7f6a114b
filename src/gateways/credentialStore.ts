import * as vscode from 'vscode';
import { GatewayCredentials } from '../core/gateway/client';
import { GatewayConfig } from '../core/gateway/gatewayConfig';

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
