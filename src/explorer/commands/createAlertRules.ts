import * as vscode from 'vscode';
import { AlertRuleSpec, alertRuleFiles } from '../../core/rules/alertRules';
import { UserPrompts } from '../../ui/prompts';
import { ExplorerNode, GroupNode } from '../explorerModel';
import { readExplorerSettings } from '../explorerSettings';

const DEFAULT_RULES_FOLDER = 'prometheus/rules';
/** The job label Prometheus's scrape of the gateway usually has (what `pgw rules` assumes too). */
const DEFAULT_GATEWAY_JOB = 'pushgateway';

/** What is wrong with a folder typed for the rule files: it must stay inside the workspace folder. */
function checkRulesFolder(text: string): string | undefined {
  const parts = text.trim().split(/[\\/]+/);
  if (text.trim() === '' || /^([\\/]|[a-zA-Z]:)/.test(text.trim())) {
    return 'A folder relative to the workspace, like prometheus/rules';
  }
  return parts.includes('..') ? 'The folder must be inside the workspace' : undefined;
}

/** A script's push site, from its CodeLens: the job and grouping key of its URL, the last-success gauge of its body. */
export interface PushSiteRules {
  readonly kind: 'pushSite';
  readonly job: string;
  readonly grouping: ReadonlyArray<readonly [string, string]>;
  readonly lastSuccessMetric?: string;
}

/** The rules for the clicked group (or push site), judged like the explorer judges it: its staleness setting, its last-success gauge. */
function specFor(subject: GroupNode | PushSiteRules): AlertRuleSpec {
  const settings = readExplorerSettings();
  if (subject.kind === 'pushSite') {
    return {
      job: subject.job,
      grouping: subject.grouping,
      staleAfterSeconds: Math.max(60, Math.round(settings.staleAfterHours * 3600)),
      gatewayJob: DEFAULT_GATEWAY_JOB,
      lastSuccessMetric: subject.lastSuccessMetric,
    };
  }
  const { job, ...grouping } = subject.group.labels;
  const staleAfterHours = subject.gateway.staleAfterHours ?? settings.staleAfterHours;
  return {
    job,
    grouping: Object.entries(grouping),
    staleAfterSeconds: Math.max(60, Math.round(staleAfterHours * 3600)),
    gatewayJob: DEFAULT_GATEWAY_JOB,
    lastSuccessMetric: subject.assessment.lastSuccess?.metric,
  };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a Prometheus rule file for the clicked group's (or script push site's) job, and its `promtool test rules` file,
 * into a folder of the workspace (asked; overwriting only when confirmed), and opens the rule file.
 * Returns the rule file written, if any.
 */
export async function createAlertRules(prompts: UserPrompts, node?: ExplorerNode | PushSiteRules): Promise<vscode.Uri | undefined> {
  if (node?.kind !== 'group' && node?.kind !== 'pushSite') {
    void prompts.notify('info', 'Use "Create Alert Rules…" on a group in the Pushgateway view, or on a push in a script.');
    return undefined;
  }
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
  if (!workspaceFolder) {
    void prompts.notify('info', 'Open a folder first: the alert rules are written into the workspace.');
    return undefined;
  }
  const generated = alertRuleFiles(specFor(node));
  if (!generated.ok) {
    void prompts.notify('error', `Cannot write alert rules for this group: ${generated.error}`);
    return undefined;
  }
  const folderText = await prompts.inputRulesFolder(DEFAULT_RULES_FOLDER, checkRulesFolder);
  if (folderText === undefined || checkRulesFolder(folderText) !== undefined) {
    return undefined;
  }
  const folder = vscode.Uri.joinPath(
    workspaceFolder.uri,
    ...folderText
      .trim()
      .split(/[\\/]+/)
      .filter(Boolean),
  );
  const ruleFile = vscode.Uri.joinPath(folder, generated.value.ruleFileName);
  const testFile = vscode.Uri.joinPath(folder, generated.value.testFileName);
  const existing = [];
  for (const file of [ruleFile, testFile]) {
    if (await exists(file)) {
      existing.push(vscode.workspace.asRelativePath(file));
    }
  }
  if (existing.length > 0 && !(await prompts.confirm(`Overwrite ${existing.join(' and ')}?`, 'The alert rules written there before are replaced.', 'Overwrite'))) {
    return undefined;
  }
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(ruleFile, new TextEncoder().encode(generated.value.ruleText));
  await vscode.workspace.fs.writeFile(testFile, new TextEncoder().encode(generated.value.testText));
  await vscode.window.showTextDocument(ruleFile, { preview: false });
  return ruleFile;
}
