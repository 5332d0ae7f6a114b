import * as vscode from 'vscode';
import { LintService } from '../language/lintService';

/** Above every heredoc pushed by a script: "Push to <host>" and "Dry-run on mock". */
export class HeredocCodeLens implements vscode.CodeLensProvider {
  constructor(private readonly lint: LintService) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const linted = this.lint.shellScript(document);
    if (!linted) {
      return [];
    }
    return linted.lint.heredocs
      .filter(({ heredoc }) => heredoc.push !== undefined)
      .flatMap(({ heredoc }) => {
        const line = heredoc.operatorSpan.line;
        const range = new vscode.Range(line, 0, line, 0);
        return [
          new vscode.CodeLens(range, { title: `$(cloud-upload) Push to ${targetName(heredoc.push?.url ?? '')}`, command: 'pushgateway.pushHeredoc', arguments: [document.uri, line, 'gateway'] }),
          new vscode.CodeLens(range, { title: '$(beaker) Dry-run on mock', command: 'pushgateway.pushHeredoc', arguments: [document.uri, line, 'mock'] }),
        ];
      });
  }
}

/** The host of a literal URL, else the URL's first expansion, e.g. `$PUSHGATEWAY`. */
function targetName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.split('/metrics/job')[0] || 'gateway';
  }
}
