import * as vscode from 'vscode';
import { markdownText } from '../core/markdownText';
import { formatGroupingLabels } from '../core/protocol/labelText';
import { GroupAssessment, GroupHealth } from '../core/groups/groupHealth';
import { GatewayError } from '../core/gateway/client';
import { GatewayFamily, GatewayGroup, GatewayMetric } from '../core/gateway/groups';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { GatewaySnapshot } from './explorerModel';
import { isUnhealthy } from '../core/gateway/gatewayHealth';
import { GroupPileUp, pileUpText, pileUpTooltip } from '../core/groups/pileUps';
import {
  familyDescription,
  familyTooltip,
  gatewayDescription,
  GatewayReading,
  gatewayTooltip,
  groupDescription,
  groupItemId,
  groupTooltipMarkdown,
  sampleLabel,
  sampleTooltip,
  sampleValue,
} from '../core/groups/treeText';

const HEALTH_ICONS: Record<GroupHealth, vscode.ThemeIcon> = {
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  stale: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  'never-pushed': new vscode.ThemeIcon('circle-outline'),
  healthy: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
};

const TYPE_ICONS: Record<string, string> = {
  COUNTER: 'arrow-up',
  GAUGE: 'dashboard',
  HISTOGRAM: 'graph',
  SUMMARY: 'list-ordered',
  UNTYPED: 'symbol-variable',
};

/** What a gateway's item shows of its last read: nothing before it and after a failure (an error node says why). */
function readingOf(snapshot: GatewaySnapshot | undefined, shownCount?: number): GatewayReading | undefined {
  if (!snapshot?.ok) {
    return undefined;
  }
  const seriesCount = snapshot.groups.reduce((sum, group) => sum + group.families.reduce((inGroup, family) => inGroup + family.metrics.length, 0), 0);
  return { groupCount: snapshot.groups.length, status: snapshot.status, shownCount, seriesCount, health: snapshot.health, failures: snapshot.failures, readAt: snapshot.fetchedAt };
}

function gatewayIcon(snapshot: GatewaySnapshot | undefined, isMock: boolean): vscode.ThemeIcon {
  if (snapshot && !snapshot.ok) {
    return new vscode.ThemeIcon('debug-disconnect');
  }
  if (snapshot?.ok && isUnhealthy(snapshot.health)) {
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  }
  const failing = snapshot?.ok && (snapshot.failures?.perMinute ?? 0) > 0;
  return new vscode.ThemeIcon(isMock ? 'server-process' : 'server', failing ? new vscode.ThemeColor('list.warningForeground') : undefined);
}

export function settingsProblemItem(message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.tooltip = `${message}\nFix it in your settings (pushgateway.gateways).`;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = 'settingsProblem';
  item.command = { command: 'workbench.action.openSettingsJson', title: 'Open Settings (JSON)' };
  return item;
}

/** `shownCount`: while a filter is set, how many groups it shows. */
export function gatewayItem(gateway: GatewayConfig, snapshot: GatewaySnapshot | undefined, shownCount?: number): vscode.TreeItem {
  const item = new vscode.TreeItem(gateway.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `gateway:${gateway.name}`;
  item.description = gatewayDescription(readingOf(snapshot, shownCount));
  item.tooltip = new vscode.MarkdownString(gatewayTooltip(gateway, readingOf(snapshot)));
  const isMock = gateway.embedded === true;
  item.iconPath = gatewayIcon(snapshot, isMock);
  item.contextValue = isMock ? 'gateway.mock' : 'gateway';
  return item;
}

export function gatewayErrorItem(gateway: GatewayConfig, error: GatewayError): vscode.TreeItem {
  const item = new vscode.TreeItem(error.message, vscode.TreeItemCollapsibleState.None);
  item.id = `gateway-error:${gateway.name}`;
  item.tooltip = error.message;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.contextValue = error.kind === 'unauthorized' ? 'gatewayError.unauthorized' : 'gatewayError';
  if (error.kind === 'unauthorized') {
    item.command = { command: 'pushgateway.setCredentials', title: 'Set Credentials', arguments: [{ kind: 'gateway', gateway }] };
  }
  return item;
}

export function messageItem(message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('info');
  return item;
}

/** A warning under a gateway: a job's groups that differ only in one label; its action cleans them up. */
export function pileUpItem(gateway: GatewayConfig, pileUp: GroupPileUp): vscode.TreeItem {
  const item = new vscode.TreeItem(pileUpText(pileUp), vscode.TreeItemCollapsibleState.None);
  item.id = `pile-up:${gateway.name}\u0000${pileUp.selector}`;
  item.tooltip = new vscode.MarkdownString(pileUpTooltip(pileUp));
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = 'groupPileUp';
  return item;
}

export function groupItem(gateway: GatewayConfig, group: GatewayGroup, assessment: GroupAssessment): vscode.TreeItem {
  const item = new vscode.TreeItem(formatGroupingLabels(group.labels), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = groupItemId(gateway.name, group.labels);
  item.description = groupDescription(assessment, Date.now() / 1000);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(groupTooltipMarkdown(gateway.name, group, assessment));
  tooltip.appendMarkdown(markdownText(assessment.reason));
  item.tooltip = tooltip;
  item.iconPath = HEALTH_ICONS[assessment.health];
  item.contextValue = `group.${assessment.health}`;
  return item;
}

export function familyItem(gateway: GatewayConfig, group: GatewayGroup, family: GatewayFamily): vscode.TreeItem {
  const item = new vscode.TreeItem(family.name, family.metrics.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${groupItemId(gateway.name, group.labels)}\u0000${family.name}`;
  item.description = familyDescription(family);
  item.tooltip = familyTooltip(family);
  item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[family.type] ?? 'symbol-variable');
  item.contextValue = 'family';
  return item;
}

export function sampleItem(family: GatewayFamily, metric: GatewayMetric): vscode.TreeItem {
  const item = new vscode.TreeItem(sampleLabel(metric.labels), vscode.TreeItemCollapsibleState.None);
  item.description = sampleValue(metric);
  item.tooltip = sampleTooltip(family, metric);
  item.contextValue = 'sample';
  return item;
}
