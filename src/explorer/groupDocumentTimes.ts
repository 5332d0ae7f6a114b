import * as vscode from 'vscode';
import { groupDocumentTimes } from '../core/groups/documentTimes';
import { GROUP_DOCUMENT_SCHEME } from '../language/languageIds';
import { readExplorerSettings } from './explorerSettings';

/**
 * Open as Document keeps the gateway's text (`push_time_seconds{job="x"} 1.796156707e+09`); an inlay
 * hint after each push time and last-success gauge says the time it stands for.
 */
export class GroupDocumentTimes implements vscode.InlayHintsProvider {
  static readonly selector: vscode.DocumentSelector = { scheme: GROUP_DOCUMENT_SCHEME };

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    return groupDocumentTimes(document.getText(), readExplorerSettings().lastSuccessPattern)
      .filter((hint) => hint.line >= range.start.line && hint.line <= range.end.line)
      .map((hint) => {
        const inlay = new vscode.InlayHint(document.lineAt(hint.line).range.end, hint.text);
        inlay.paddingLeft = true;
        inlay.tooltip = 'The time this Unix-seconds value stands for';
        return inlay;
      });
  }
}
