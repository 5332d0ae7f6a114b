import * as vscode from 'vscode';
import { lastSuccessMetricInBody } from '../core/groups/lastSuccessInBody';
import { NamePattern } from '../core/groups/namePattern';
import { likelyGatewayHost } from '../core/shell/suggestedValues';
import { bodyText } from '../core/shell/tree/mappedBody';
import { ScriptSite } from '../core/shell/tree/scriptSites';
import { canPushSite } from '../core/shell/tree/sitePush';
import type { PushSiteRules } from '../explorer/commands/createAlertRules';
import { readExplorerSettings } from '../explorer/explorerSettings';
import { LintService } from '../language/lintService';

/**
 * Above every push site of a script whose body can be read (a heredoc, echo, printf, a string...):
 * "Push to <host>" and "Dry-run on mock"; above a push with a literal grouping key: "Create Alert
 * Rules…" for its job (with the body's last-success gauge when it has one); above a delete command:
 * "Delete this group". The sites are those `pgw pushes` lists.
 */
export class HeredocCodeLens implements vscode.CodeLensProvider {
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
    const script = document.getText();
    const lastSuccessPattern = readExplorerSettings().lastSuccessPattern;
    const targetName = (url: string, line: number) => likelyGatewayHost(url, script, line) ?? (url.split('/metrics/job')[0] || 'gateway');
    return linted.sites.flatMap((site) => {
      if (site.action === 'delete') {
        return [
          new vscode.CodeLens(new vscode.Range(site.line, 0, site.line, 0), {
            title: `$(trash) Delete this group on ${targetName(site.url, site.line)}`,
            command: 'pushgateway.deleteGroupFromScript',
            arguments: [document.uri, site.line],
          }),
        ];
      }
      // A heredoc's lenses sit on its `<<` line, where the push command takes them from.
      const line = site.heredoc?.operatorSpan.line ?? site.line;
      const range = new vscode.Range(line, 0, line, 0);
      const pushLenses = canPushSite(site)
        ? [
            new vscode.CodeLens(range, { title: `$(cloud-upload) Push to ${targetName(site.url, line)}`, command: 'pushgateway.pushHeredoc', arguments: [document.uri, line, 'gateway'] }),
            new vscode.CodeLens(range, { title: '$(beaker) Dry-run on mock', command: 'pushgateway.pushHeredoc', arguments: [document.uri, line, 'mock'] }),
          ]
        : [];
      const rules = alertRulesOf(site, lastSuccessPattern);
      return rules ? [...pushLenses, new vscode.CodeLens(range, { title: '$(bell) Create Alert Rules…', command: 'pushgateway.createAlertRules', arguments: [rules] })] : pushLenses;
    });
  }
}

/** What Create Alert Rules… writes for a push with a literal grouping key: its job and labels, and the body's last-success gauge. */
function alertRulesOf(site: ScriptSite, lastSuccessPattern: NamePattern): PushSiteRules | undefined {
  const key = site.groupingKey;
  if (!key) {
    return undefined;
  }
  const body = site.heredoc?.body ?? (site.body?.chars ? bodyText(site.body.chars) : '');
  return { kind: 'pushSite', job: key.job, grouping: Object.entries(key.labels), lastSuccessMetric: lastSuccessMetricInBody(body, lastSuccessPattern) };
}
