import * as vscode from 'vscode';
import { Diagnostic } from '../core/exposition/diagnostic';
import { QuickFix, quickFixesFor } from '../core/exposition/fixes';
import { shellQuickFixesFor } from '../core/shell/lintShellScript';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { LintService } from './lintService';

/** Quick fixes for the diagnostics whose fix is certain (see core/exposition/fixes.ts), in exposition files and shell heredocs. */
export class ExpositionCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lint: LintService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const fixesOf = this.fixFinder(document);
    if (!fixesOf) {
      return [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE)) {
      for (const fix of fixesOf(shown)) {
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

  /** How to find the fixes of a shown diagnostic in this document: an exposition file, or a shell script's heredocs. */
  private fixFinder(document: vscode.TextDocument): ((shown: vscode.Diagnostic) => QuickFix[]) | undefined {
    const sameFinding = (shown: vscode.Diagnostic) => (candidate: Diagnostic) =>
      candidate.code === shown.code && candidate.span.line === shown.range.start.line && candidate.span.start === shown.range.start.character;
    const exposition = this.lint.exposition(document);
    if (exposition) {
      return (shown) => {
        const diagnostic = exposition.result.diagnostics.find(sameFinding(shown));
        return diagnostic ? quickFixesFor(diagnostic, exposition.result.document, exposition.text) : [];
      };
    }
    const script = this.lint.shellScript(document);
    if (script) {
      return (shown) => {
        const diagnostic = script.lint.diagnostics.find(sameFinding(shown));
        const hint = script.lastSuccessHints.find((candidate) => sameFinding(shown)(candidate.diagnostic));
        return diagnostic ? shellQuickFixesFor(script.lint, diagnostic) : hint?.fix ? [hint.fix] : [];
      };
    }
    return undefined;
  }
}
