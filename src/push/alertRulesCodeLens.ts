import * as vscode from 'vscode';
import { lastSuccessMetricInBody } from '../core/groups/lastSuccessInBody';
import type { PushSiteRules } from '../explorer/commands/createAlertRules';
import { readExplorerSettings } from '../explorer/explorerSettings';
import { LintService } from '../language/lintService';

/**
 * "Create Alert Rules…" above every heredoc a script pushes to a literal grouping key: the same
 * command as on a group in the Gateways view, for the job and grouping key of the push URL, with the
 * body's last-success gauge when it has one.
 */
export class AlertRulesCodeLens implements vscode.CodeLensProvider {
  constructor(private readonly lint: LintService) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const linted = this.lint.shellScript(document);
    if (!linted) {
      return [];
    }
    const pattern = readExplorerSettings().lastSuccessPattern;
    return linted.lint.heredocs.flatMap(({ heredoc }) => {
      const key = heredoc.push?.groupingKey;
      if (!key) {
        return [];
      }
      const line = heredoc.operatorSpan.line;
      const subject: PushSiteRules = { kind: 'pushSite', job: key.job, grouping: Object.entries(key.labels), lastSuccessMetric: lastSuccessMetricInBody(heredoc.body, pattern) };
      return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: '$(bell) Create Alert Rules…', command: 'pushgateway.createAlertRules', arguments: [subject] })];
    });
  }
}
