import * as vscode from 'vscode';
import { likelyGatewayHost } from '../core/shell/suggestedValues';
import { findDeleteCommands } from '../core/shell/heredocs';
import { LintService } from '../language/lintService';

/** Above every heredoc pushed by a script: "Push to <host>" and "Dry-run on mock"; above a delete command: "Delete this group". */
export class HeredocCodeLens implements vscode.CodeLensProvider {
  constructor(private readonly lint: LintService) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const linted = this.lint.shellScript(document);
    if (!linted) {
      return [];
    }
    const script = document.getText();
    const targetName = (url: string, line: number) => likelyGatewayHost(url, script, line) ?? (url.split('/metrics/job')[0] || 'gateway');
    const deletes = findDeleteCommands(script).map(
      (command) =>
        new vscode.CodeLens(new vscode.Range(command.line, 0, command.line, 0), {
          title: `$(trash) Delete this group on ${targetName(command.url, command.line)}`,
          command: 'pushgateway.deleteGroupFromScript',
          arguments: [document.uri, command.line],
        }),
    );
    const pushes = linted.lint.heredocs
      .filter(({ heredoc }) => heredoc.push !== undefined)
      .flatMap(({ heredoc }) => {
        const line = heredoc.operatorSpan.line;
        const range = new vscode.Range(line, 0, line, 0);
        return [
          new vscode.CodeLens(range, { title: `$(cloud-upload) Push to ${targetName(heredoc.push?.url ?? '', line)}`, command: 'pushgateway.pushHeredoc', arguments: [document.uri, line, 'gateway'] }),
          new vscode.CodeLens(range, { title: '$(beaker) Dry-run on mock', command: 'pushgateway.pushHeredoc', arguments: [document.uri, line, 'mock'] }),
        ];
      });
    return [...pushes, ...deletes];
  }
}
