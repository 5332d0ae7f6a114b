import * as vscode from 'vscode';
import { formatGroupingLabels } from '../core/protocol/labelText';
import { assessGroup, compareGroups, GroupOrder } from '../core/groups/groupHealth';
import { GatewayGroup } from '../core/gateway/groups';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { groupLabelsId } from '../core/protocol/groupingKey';
import { GatewayService } from '../gateways/gatewayService';
import { ExplorerNode, GatewaySnapshot } from './explorerModel';
import { readExplorerSettings } from './explorerSettings';
import { familyItem, gatewayErrorItem, gatewayItem, groupItem, messageItem, pileUpItem, sampleItem, settingsProblemItem } from './treeItems';
import { failureTrend, GatewayHealthReading } from '../core/gateway/gatewayHealth';
import { findPileUps } from '../core/groups/pileUps';

const REFRESH_SOON_MS = 300;

/**
 * The "Gateways" view: gateway → groups → families → samples. Children load lazily; a gateway is
 * read once per refresh, and a failure becomes an error node that says why.
 */
export class GatewayTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly snapshots = new Map<string, Promise<GatewaySnapshot>>();
  /** Each gateway's last health reading, for the rate of failed requests between two reads. */
  private readonly lastHealth = new Map<string, GatewayHealthReading>();
  /** The gateway nodes last handed out, so that one of them can be refreshed on its own. */
  private gatewayNodes = new Map<string, ExplorerNode>();
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Timeout | undefined;
  /** Automatic refreshes run only while the view is shown. */
  private visible = false;
  private filterText = '';
  private order: GroupOrder = 'attention';

  private readonly subscriptions: vscode.Disposable[];

  /** The tree reads the gateways through the service, and is read afresh after each change made through it. */
  constructor(private readonly gateways: GatewayService) {
    this.subscriptions = [gateways.onDidChangeGroups(() => this.refresh()), gateways.onDidChangeConnections(() => this.refresh())];
  }

  /** Shown again after a while hidden: read at once, or the ages ("28 s ago") would stay as they were when it was hidden. */
  setVisible(visible: boolean): void {
    const shownAgain = visible && !this.visible;
    this.visible = visible;
    this.restartTimer();
    if (shownAgain) {
      this.refresh();
    }
  }

  refresh(): void {
    clearTimeout(this.soon);
    this.soon = undefined;
    this.snapshots.clear();
    this.changed.fire(undefined);
  }

  /** A refresh a moment from now, one for a burst of calls (a script pushing many groups). */
  refreshSoon(): void {
    this.soon ??= setTimeout(() => this.refresh(), REFRESH_SOON_MS);
  }

  /** Shows only groups whose labels or family names contain the text (case-insensitive); '' shows all. */
  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    this.changed.fire(undefined);
  }

  get filter(): string {
    return this.filterText;
  }

  setOrder(order: GroupOrder): void {
    this.order = order;
    this.changed.fire(undefined);
  }

  /** Settings changed: new refresh interval, thresholds, gateways. */
  reconfigure(): void {
    this.restartTimer();
    this.refresh();
  }

  /** The snapshot of a gateway, read now if this refresh has not read it yet. */
  snapshot(gateway: GatewayConfig): Promise<GatewaySnapshot> {
    let snapshot = this.snapshots.get(gateway.name);
    if (!snapshot) {
      snapshot = this.read(gateway);
      this.snapshots.set(gateway.name, snapshot);
    }
    return snapshot;
  }

  async getChildren(parent?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!parent) {
      const { gateways, problems } = this.gateways.gatewayList();
      this.gatewayNodes = new Map(gateways.map((gateway): [string, ExplorerNode] => [gateway.name, { kind: 'gateway', gateway }]));
      return [...problems.map((message): ExplorerNode => ({ kind: 'settingsProblem', message })), ...this.gatewayNodes.values()];
    }
    switch (parent.kind) {
      case 'gateway':
        return this.groupNodes(parent.gateway);
      case 'group':
        return parent.group.families.map((family): ExplorerNode => ({ kind: 'family', parent, gateway: parent.gateway, group: parent.group, family }));
      case 'family':
        return parent.family.metrics.map((metric): ExplorerNode => ({ kind: 'sample', parent, family: parent.family, metric }));
      default:
        return [];
    }
  }

  /** Needed by TreeView.reveal: nodes carry their way up, gateways are roots. */
  getParent(node: ExplorerNode): ExplorerNode | undefined {
    switch (node.kind) {
      case 'settingsProblem':
      case 'gateway':
        return undefined;
      case 'gatewayError':
      case 'message':
      case 'pileUp':
      case 'group':
        return this.gatewayNodes.get(node.gateway.name) ?? { kind: 'gateway', gateway: node.gateway };
      case 'family':
      case 'sample':
        return node.parent;
    }
  }

  /** The node of the group with exactly these grouping labels (job included), as the tree shows it now; undefined when absent or filtered out. */
  async findGroup(gatewayName: string, labels: Readonly<Record<string, string>>): Promise<ExplorerNode | undefined> {
    const gateway = this.gateways.listedGateways().find((candidate) => candidate.name === gatewayName);
    if (!gateway) {
      return undefined;
    }
    const wanted = groupLabelsId(labels);
    return (await this.groupNodes(gateway)).find((node) => node.kind === 'group' && groupLabelsId(node.group.labels) === wanted);
  }

  async getTreeItem(node: ExplorerNode): Promise<vscode.TreeItem> {
    switch (node.kind) {
      case 'settingsProblem':
        return settingsProblemItem(node.message);
      case 'gateway': {
        const pending = this.snapshots.get(node.gateway.name);
        const snapshot = pending ? await pending : undefined;
        const shownCount = this.filterText !== '' && snapshot?.ok ? snapshot.groups.filter((group) => this.matchesFilter(group)).length : undefined;
        return gatewayItem(node.gateway, snapshot, shownCount);
      }
      case 'gatewayError':
        return gatewayErrorItem(node.gateway, node.error);
      case 'message':
        return messageItem(node.message);
      case 'pileUp':
        return pileUpItem(node.gateway, node.pileUp);
      case 'group':
        return groupItem(node.gateway, node.group, node.assessment);
      case 'family':
        return familyItem(node.gateway, node.group, node.family);
      case 'sample':
        return sampleItem(node.family, node.metric);
    }
  }

  private async groupNodes(gateway: GatewayConfig): Promise<ExplorerNode[]> {
    const snapshot = await this.snapshot(gateway);
    if (!snapshot.ok) {
      return [{ kind: 'gatewayError', gateway, error: snapshot.error }];
    }
    if (snapshot.groups.length === 0) {
      return [{ kind: 'message', gateway, message: 'No groups on this gateway' }];
    }
    const settings = readExplorerSettings();
    const options = {
      nowSeconds: snapshot.fetchedAt / 1000,
      staleAfterSeconds: (gateway.staleAfterHours ?? settings.staleAfterHours) * 3600,
      lastSuccessPattern: settings.lastSuccessPattern,
    };
    const pileUps = findPileUps(snapshot.groups, settings.pileUpThreshold).map((pileUp): ExplorerNode => ({ kind: 'pileUp', gateway, pileUp }));
    const shown = snapshot.groups.filter((group) => this.matchesFilter(group));
    if (shown.length === 0) {
      return [...pileUps, { kind: 'message', gateway, message: `No group matches the filter "${this.filterText}"` }];
    }
    return [
      ...pileUps,
      ...shown
        .map((group) => ({ group, assessment: assessGroup(group, options) }))
        .sort(compareGroups(this.order))
        .map(({ group, assessment }): ExplorerNode => ({ kind: 'group', gateway, group, assessment })),
    ];
  }

  private matchesFilter(group: GatewayGroup): boolean {
    if (this.filterText === '') {
      return true;
    }
    const haystack = [formatGroupingLabels(group.labels), ...group.families.map((family) => family.name)].join(' ').toLowerCase();
    return haystack.includes(this.filterText);
  }

  private async read(gateway: GatewayConfig): Promise<GatewaySnapshot> {
    // Health is extra: a failure to read it leaves the node as it was, never the groups unread.
    const [read, health] = await Promise.all([this.gateways.read(gateway), this.gateways.readHealth(gateway).catch((): GatewayHealthReading => ({ readAt: Date.now() }))]);
    if (!read.ok) {
      return { ok: false, error: read.error };
    }
    const failures = failureTrend(health, this.lastHealth.get(gateway.name));
    if (health.own) {
      this.lastHealth.set(gateway.name, health);
    }
    // The gateway's node shows the version, counts and health once they are known.
    setTimeout(() => this.changed.fire(this.gatewayNodes.get(gateway.name)), 0);
    return { ok: true, groups: read.value.groups, status: read.value.status, fetchedAt: Date.now(), health, failures };
  }

  private restartTimer(): void {
    clearInterval(this.timer);
    const seconds = this.visible ? readExplorerSettings().refreshIntervalSeconds : 0;
    this.timer = seconds > 0 ? setInterval(() => this.refresh(), seconds * 1000) : undefined;
  }

  dispose(): void {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}
