import * as vscode from 'vscode';
import { quickFixesFor } from '../core/exposition/fixes';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { LintService } from './lintService';

/** Quick fixes for the diagnostics whose fix is certain (see core/exposition/fixes.ts). */
export class ExpositionCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lint: LintService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const linted = this.lint.exposition(document);
    if (!linted) {
      return [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE)) {
      const diagnostic = linted.result.diagnostics.find(
        (d) => d.code === shown.code && d.span.line === shown.range.start.line && d.span.start === shown.range.start.character,
      );
      if (!diagnostic) {
        continue;
      }
      for (const fix of quickFixesFor(diagnostic, linted.result.document, linted.text)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [shown];
        action.isPreferred = fix.preferred;
        const edit = new vscode.WorkspaceEdit();
        if (fix.lineEndings === 'LF') {
          edit.set(document.uri, [vscode.TextEdit.setEndOfLine(vscode.EndOfLine.LF)]);
        }
        for (const change of fix.changes) {
          edit.replace(document.uri, new vscode.Range(change.startLine, change.startColumn, change.endLine, change.endColumn), change.newText);
        }
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
