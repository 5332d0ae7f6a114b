import * as vscode from 'vscode';
import { describeAge, formatGroupingLabels, GroupAssessment, GroupHealth } from '../core/groups/groupHealth';
import { GatewayError } from '../core/gateway/client';
import { GatewayFamily, GatewayGroup, GatewayMetric } from '../core/gateway/groups';
import { GatewayConfig } from '../core/gateway/gatewayConfig';
import { GatewaySnapshot } from './explorerModel';
import { groupLabelsId } from '../core/protocol/groupingKey';

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

function localTime(seconds: number | undefined): string {
  return seconds ? new Date(seconds * 1000).toLocaleString() : 'never';
}

export function groupKeyId(gateway: GatewayConfig, group: GatewayGroup): string {
  return `${gateway.name}\u0000${groupLabelsId(group.labels)}`;
}

export function settingsProblemItem(message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.tooltip = `${message}\nFix it in your settings (pushgateway.gateways).`;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = 'settingsProblem';
  item.command = { command: 'workbench.action.openSettingsJson', title: 'Open Settings (JSON)' };
  return item;
}

export function gatewayItem(gateway: GatewayConfig, snapshot: GatewaySnapshot | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(gateway.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `gateway:${gateway.name}`;
  const details = snapshot?.ok ? [snapshot.status?.version && `v${snapshot.status.version}`, `${snapshot.groups.length} group${snapshot.groups.length === 1 ? '' : 's'}`] : [];
  item.description = [gateway.url, ...details].filter(Boolean).join(' · ');
  item.tooltip = `${gateway.name}\n${gateway.url}${snapshot?.ok && snapshot.status?.adminApiEnabled ? '\nAdmin API enabled' : ''}`;
  const isMock = gateway.embedded === true;
  item.iconPath = new vscode.ThemeIcon(snapshot && !snapshot.ok ? 'debug-disconnect' : isMock ? 'server-process' : 'server');
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

function groupDescription(assessment: GroupAssessment, nowSeconds: number): string {
  switch (assessment.health) {
    case 'failed':
      return `last push failed ${describeAge(nowSeconds - (assessment.lastFailureSeconds ?? nowSeconds))} ago`;
    case 'never-pushed':
      return 'never pushed successfully';
    case 'stale':
      return assessment.lastSuccess
        ? `stale · last success ${describeAge(nowSeconds - assessment.lastSuccess.seconds)} ago`
        : `stale · pushed ${describeAge(nowSeconds - (assessment.lastPushSeconds ?? nowSeconds))} ago`;
    case 'healthy':
      return assessment.reason;
  }
}

export function groupItem(gateway: GatewayConfig, group: GatewayGroup, assessment: GroupAssessment): vscode.TreeItem {
  const item = new vscode.TreeItem(formatGroupingLabels(group.labels), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = groupKeyId(gateway, group);
  item.description = groupDescription(assessment, Date.now() / 1000);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${formatGroupingLabels(group.labels)}** on ${gateway.name}\n\n`);
  for (const [name, value] of Object.entries(group.labels)) {
    tooltip.appendMarkdown(`- \`${name}\` = \`${value}\`\n`);
  }
  tooltip.appendMarkdown(`\nLast successful push: ${localTime(group.pushTimeSeconds)}\n\nLast failed push: ${localTime(group.pushFailureTimeSeconds)}\n\n`);
  if (assessment.lastSuccess) {
    tooltip.appendMarkdown(`${assessment.lastSuccess.metric}: ${localTime(assessment.lastSuccess.seconds)}\n\n`);
  }
  tooltip.appendText(assessment.reason);
  item.tooltip = tooltip;
  item.iconPath = HEALTH_ICONS[assessment.health];
  item.contextValue = `group.${assessment.health}`;
  return item;
}

export function familyItem(gateway: GatewayConfig, group: GatewayGroup, family: GatewayFamily): vscode.TreeItem {
  const item = new vscode.TreeItem(family.name, family.metrics.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${groupKeyId(gateway, group)}\u0000${family.name}`;
  item.description = `${family.type.toLowerCase()} · ${family.metrics.length} series`;
  item.tooltip = `${family.name} (${family.type.toLowerCase()})\n${family.help ?? 'No HELP text.'}`;
  item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[family.type] ?? 'symbol-variable');
  item.contextValue = 'family';
  return item;
}

function labelText(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${value}"`);
  return pairs.length > 0 ? `{${pairs.join(', ')}}` : '{}';
}

function metricValue(metric: GatewayMetric): string {
  if (metric.buckets) {
    return `count ${metric.count ?? '?'} · sum ${metric.sum ?? '?'} · ${Object.entries(metric.buckets).map(([le, count]) => `le ${le}: ${count}`).join(', ')}`;
  }
  if (metric.quantiles) {
    return `count ${metric.count ?? '?'} · sum ${metric.sum ?? '?'} · ${Object.entries(metric.quantiles).map(([q, value]) => `q${q}: ${value}`).join(', ')}`;
  }
  return metric.value ?? '';
}

export function sampleItem(family: GatewayFamily, metric: GatewayMetric): vscode.TreeItem {
  const item = new vscode.TreeItem(labelText(metric.labels), vscode.TreeItemCollapsibleState.None);
  item.description = metricValue(metric);
  item.tooltip = `${family.name}${labelText(metric.labels)}\n${metricValue(metric)}`;
  item.contextValue = 'sample';
  return item;
}
