import * as vscode from 'vscode';
import { PushMethod } from '../core/protocol/pushMethod';
import { GatewayClient, GatewayCredentials, GatewayError, GatewayStatus } from '../core/gateway/client';
import { gatewayForUrl } from '../core/gateway/gatewayForUrl';
import { GatewayHealthReading, OWN_METRIC_NAMES, parseOwnMetrics, probeVerdict } from '../core/gateway/gatewayHealth';
import { waitUntilGone } from '../core/gateway/waitUntilGone';
import { GatewayGroup } from '../core/gateway/groups';
import { GatewayConfig, GatewayList } from '../core/gateway/gatewayConfig';
import { statusTarget } from '../core/gateway/statusTarget';
import { GatewayTarget } from '../core/protocol/gatewayTarget';
import { GroupingKey, labelsOfKey } from '../core/protocol/groupingKey';
import { formatGroupingKeyText } from '../core/protocol/groupingKeyText';
import { Result } from '../core/result';
import { clientFor } from './connections';
import { CredentialStore } from './credentialStore';
import { addGatewayToUserSettings, readGatewayList, updateGatewayInSettings } from './gatewaySettings';
import { userPrompts } from '../ui/prompts';

/** A change the extension made to a gateway's groups (the explorer refreshes, the walkthrough listens). */
export interface GroupChange {
  readonly kind: 'pushed' | 'deleted';
}

/** Gateways that are not in the settings, such as the running embedded mock, and when they come and go. */
export interface GatewaySource {
  gateways(): GatewayConfig[];
  readonly onDidChange: vscode.Event<void>;
}

/** What one read of a gateway found: its groups with their metrics, and its status when it told it. */
export interface GatewayContents {
  readonly groups: GatewayGroup[];
  readonly status?: GatewayStatus;
}

/**
 * The gateways and every request made to them: which gateways there are (the settings' and the
 * running mock), their credentials, the trust policy (no credentials to a gateway an untrusted
 * workspace names; no deletes in an untrusted workspace), and the actions: read, push, delete, wipe,
 * each delete waited for until the gateway applied it. Accepted pushes and deletes are announced.
 */
export class GatewayService implements vscode.Disposable {
  private readonly groupChanges = new vscode.EventEmitter<GroupChange>();
  /** A push or delete made by the extension that the gateway accepted. */
  readonly onDidChangeGroups = this.groupChanges.event;
  private readonly connectionChanges = new vscode.EventEmitter<void>();
  /** A gateway came or went (the mock started or stopped), or credentials or workspace trust changed: what a request sends may differ now. */
  readonly onDidChangeConnections = this.connectionChanges.event;
  private readonly targetChanges = new vscode.EventEmitter<void>();
  /** What a gateway's status says of its behaviour changed, or became known (documents that follow it are linted again). */
  readonly onDidChangeTargets = this.targetChanges.event;
  /** Each gateway's last status by URL; null when reading it failed. Read with the groups at each refresh. */
  private readonly statuses = new Map<string, GatewayStatus | null>();
  private readonly statusReads = new Map<string, Promise<void>>();
  /** pushgateway.gateways as last read; dropped when it changes. */
  private settingsList: GatewayList | undefined;
  private readonly subscriptions: vscode.Disposable[];

  /**
   * `others`: gateways that are not in the settings, listed first (the running embedded mock).
   * `log`: one line per push and delete, with the gateway's answer.
   */
  constructor(
    private readonly credentials: CredentialStore,
    private readonly others: GatewaySource,
    private readonly log: (line: string) => void,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.connectionChanges.fire()),
      others.onDidChange(() => this.connectionChanges.fire()),
      // The mock may come back with other switches at the same URL, a gateway may answer with credentials what it refused without.
      this.onDidChangeConnections(() => this.forgetStatuses()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('pushgateway.gateways')) {
          this.settingsList = undefined;
        }
        // A gateway's CA file or timeout fixed: a status read that failed may succeed now.
        if (event.affectsConfiguration('pushgateway.gateways') || event.affectsConfiguration('pushgateway.requestTimeoutSeconds')) {
          this.forgetStatuses();
        }
      }),
    ];
  }

  /** The target a gateway's status named when it was last read; undefined before, or when it did not say. */
  knownTarget(gateway: GatewayConfig): GatewayTarget | undefined {
    const status = this.statuses.get(gateway.url);
    return status ? statusTarget(status) : undefined;
  }

  /** The target a gateway's status names, reading the status once when it was not read yet. */
  async targetOf(gateway: GatewayConfig): Promise<GatewayTarget | undefined> {
    if (!this.statuses.has(gateway.url)) {
      let reading = this.statusReads.get(gateway.url);
      if (!reading) {
        reading = this.withClient(gateway, async (client) => {
          const status = await client.status();
          this.rememberStatus(gateway, status.ok ? status.value : null);
        }).finally(() => this.statusReads.delete(gateway.url));
        this.statusReads.set(gateway.url, reading);
      }
      await reading;
    }
    return this.knownTarget(gateway);
  }

  private rememberStatus(gateway: GatewayConfig, status: GatewayStatus | null): void {
    const before = this.knownTarget(gateway);
    this.statuses.set(gateway.url, status);
    const after = this.knownTarget(gateway);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      this.targetChanges.fire();
    }
  }

  private forgetStatuses(): void {
    const hadTargets = [...this.statuses.values()].some((status) => status && statusTarget(status));
    this.statuses.clear();
    if (hadTargets) {
      this.targetChanges.fire();
    }
  }

  /** The gateways in the settings (with the problems of the entries left out), the extra ones first. */
  gatewayList(): GatewayList {
    this.settingsList ??= readGatewayList();
    const { gateways, problems } = this.settingsList;
    return { gateways: [...this.others.gateways(), ...gateways], problems };
  }

  /** The gateways the explorer lists: the running mock and the configured ones. */
  listedGateways(): GatewayConfig[] {
    return this.gatewayList().gateways;
  }

  /** The gateways of the settings only. */
  configuredGateways(): GatewayConfig[] {
    this.settingsList ??= readGatewayList();
    return this.settingsList.gateways;
  }

  /** Appends a gateway to the user settings (the explorer then lists it). */
  addToUserSettings(gateway: GatewayConfig): Promise<void> {
    return addGatewayToUserSettings(gateway);
  }

  /** Removes a configured gateway, or edits its name and URL, where the settings define it; false when they do not. */
  updateInSettings(name: string, edited?: { readonly name: string; readonly url: string }): Promise<boolean> {
    return updateGatewayInSettings(name, edited);
  }

  /** The gateway a script's URL names (see gatewayForUrl). */
  gatewayFor(baseUrl: string): Result<GatewayConfig> {
    return gatewayForUrl(baseUrl, this.listedGateways());
  }

  /** Whether groups may be deleted here: not in an untrusted workspace (the user is told). */
  deletingAllowed(): boolean {
    if (!vscode.workspace.isTrusted) {
      void userPrompts().notify('warning', 'Deleting groups is disabled in an untrusted workspace.');
      return false;
    }
    return true;
  }

  async setCredentials(gateway: GatewayConfig, credentials: GatewayCredentials | undefined): Promise<void> {
    await this.credentials.set(gateway, credentials);
    this.connectionChanges.fire();
  }

  /** Every group of a gateway, and its status: one `/api/v1/metrics` and one status request. */
  read(gateway: GatewayConfig): Promise<Result<GatewayContents, GatewayError>> {
    return this.withClient(gateway, async (client) => {
      const [groups, status] = await Promise.all([client.groups(), client.status()]);
      this.rememberStatus(gateway, status.ok ? status.value : null);
      return groups.ok ? { ok: true, value: { groups: groups.value, status: status.ok ? status.value : undefined } } : groups;
    });
  }

  /** A gateway's health: `/-/healthy`, `/-/ready`, and its memory and failed requests from the few lines of its own `/metrics` that hold them. */
  readHealth(gateway: GatewayConfig): Promise<GatewayHealthReading> {
    return this.withClient(gateway, async (client) => {
      const [healthy, ready, own] = await Promise.all([client.probe('/-/healthy'), client.probe('/-/ready'), client.ownMetricLines(OWN_METRIC_NAMES)]);
      const healthyStatus = healthy.ok ? healthy.value : undefined;
      const readyStatus = ready.ok ? ready.value : undefined;
      return {
        healthy: probeVerdict(healthyStatus),
        ready: probeVerdict(readyStatus),
        healthyStatus,
        readyStatus,
        own: own.ok ? parseOwnMetrics(own.value) : undefined,
        readAt: Date.now(),
      };
    });
  }

  async push(gateway: GatewayConfig, key: GroupingKey, body: string, method: PushMethod): Promise<{ result: Result<void, GatewayError> }> {
    const result = await this.withClient(gateway, async (client) => {
      const pushed = await client.push({ key, body, method });
      this.logRequest(method, client.baseUrl, formatGroupingKeyText(key), pushed);
      return pushed;
    });
    if (result.ok) {
      this.groupChanges.fire({ kind: 'pushed' });
    }
    return { result };
  }

  /** Deletes groups of one gateway, one DELETE each, and waits until the gateway applied the accepted ones; the outcome of each, in order. */
  async deleteGroups(gateway: GatewayConfig, keys: readonly GroupingKey[]): Promise<{ results: Array<Result<void, GatewayError>> }> {
    const results = await this.withClient(gateway, async (client) => {
      const outcomes: Array<Result<void, GatewayError>> = [];
      for (const key of keys) {
        const result = await client.deleteGroup(key);
        this.logRequest('DELETE', client.baseUrl, formatGroupingKeyText(key), result);
        outcomes.push(result);
      }
      // A refused DELETE leaves its group there: waiting for it to go would last until the timeout.
      const accepted = keys.filter((_, index) => outcomes[index].ok);
      if (accepted.length > 0) {
        await waitUntilGone(client, accepted.map(labelsOfKey));
      }
      return outcomes;
    });
    if (results.some((result) => result.ok)) {
      this.groupChanges.fire({ kind: 'deleted' });
    }
    return { results };
  }

  /** Deletes every group at once with the admin API, and, when the gateway accepted it, waits until the listed groups are gone. */
  async wipe(gateway: GatewayConfig, groups: readonly GatewayGroup[]): Promise<{ result: Result<void, GatewayError> }> {
    const result = await this.withClient(gateway, async (client) => {
      const wiped = await client.wipe();
      this.logRequest('WIPE', client.baseUrl, `every group (${groups.length} listed)`, wiped);
      if (wiped.ok) {
        await waitUntilGone(
          client,
          groups.map((group) => group.labels),
        );
      }
      return wiped;
    });
    if (result.ok) {
      this.groupChanges.fire({ kind: 'deleted' });
    }
    return { result };
  }

  private logRequest(method: string, displayUrl: string, what: string, result: Result<void, GatewayError>): void {
    this.log(`${new Date().toISOString()} ${method} ${displayUrl} ${what} → ${result.ok ? 'accepted' : result.error.message}`);
  }

  /** Credentials are not sent to gateways defined by an untrusted workspace. */
  private async withClient<T>(gateway: GatewayConfig, use: (client: GatewayClient) => Promise<T>): Promise<T> {
    const trusted = vscode.workspace.isTrusted || !gateway.fromWorkspace;
    const client = await clientFor(gateway, trusted ? await this.credentials.get(gateway) : undefined);
    try {
      return await use(client);
    } finally {
      await client.close();
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.groupChanges.dispose();
    this.connectionChanges.dispose();
    this.targetChanges.dispose();
  }
}
