import * as vscode from 'vscode';
import { lastSuccessMetricInBody } from '../core/groups/lastSuccessInBody';
import { ScriptSite } from '../core/shell/tree/scriptSites';
import type { PushSiteRules } from '../explorer/commands/createAlertRules';
import { readExplorerSettings } from '../explorer/explorerSettings';
import { LintService } from '../language/lintService';

/**
 * "Create Alert Rules…" above every push site of a script (the sites `pgw pushes` lists and the push
 * CodeLens uses) whose URL has a literal grouping key: the same command as on a group in the
 * Gateways view, for the job and grouping key of the push URL, with the body's last-success gauge
 * when it has one.
 */
export class AlertRulesCodeLens implements vscode.CodeLensProvider {
  /** The sites may differ once the shell parser has loaded. */
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly lint: LintService) {
    this.onDidChangeCodeLenses = lint.onDidChangeResults;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const linted = this.lint.shellScript(document);
    if (!linted) {
      return [];
    }
    const pattern = readExplorerSettings().lastSuccessPattern;
    return linted.sites.flatMap((site) => {
      const key = site.action === 'push' ? site.groupingKey : null;
      if (!key) {
        return [];
      }
      // Beside the push lenses: a heredoc's on its `<<` line.
      const line = site.heredoc?.operatorSpan.line ?? site.line;
      const subject: PushSiteRules = { kind: 'pushSite', job: key.job, grouping: Object.entries(key.labels), lastSuccessMetric: lastSuccessMetricInBody(bodyText(site), pattern) };
      return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: '$(bell) Create Alert Rules…', command: 'pushgateway.createAlertRules', arguments: [subject] })];
    });
  }
}

function bodyText(site: ScriptSite): string {
  return site.heredoc?.body ?? site.body?.chars?.map((entry) => entry.char).join('') ?? '';
}
