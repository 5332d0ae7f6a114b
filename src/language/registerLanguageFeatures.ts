import * as vscode from 'vscode';
import { ExpositionCodeActions } from './codeActions';
import { ExpositionCompletion } from './completion';
import { DiagnosticsPublisher } from './diagnostics';
import { ExpositionHover } from './hover';
import { EXPOSITION_SELECTOR } from './languageIds';
import { LintService } from './lintService';
import { LintSettingsReader } from './lintSettings';
import { ExpositionFolding, ExpositionSymbols } from './outline';
import { HeredocCodeLens } from '../push/heredocCodeLens';
import { EXPOSITION_LANGUAGE_ID, SHELL_LANGUAGE_ID } from './languageIds';

/** Diagnostics, quick fixes, hover, outline, folding and completion for exposition documents. */
export function registerLanguageFeatures(context: vscode.ExtensionContext, settings: LintSettingsReader): void {
  const lint = new LintService(settings);
  context.subscriptions.push(
    lint,
    new DiagnosticsPublisher(lint, settings),
    vscode.languages.registerCodeActionsProvider([{ language: EXPOSITION_LANGUAGE_ID }, { language: SHELL_LANGUAGE_ID }], new ExpositionCodeActions(lint), { providedCodeActionKinds: ExpositionCodeActions.kinds }),
    vscode.languages.registerHoverProvider(EXPOSITION_SELECTOR, new ExpositionHover(lint)),
    vscode.languages.registerDocumentSymbolProvider(EXPOSITION_SELECTOR, new ExpositionSymbols(lint)),
    vscode.languages.registerFoldingRangeProvider(EXPOSITION_SELECTOR, new ExpositionFolding(lint)),
    vscode.languages.registerCompletionItemProvider(EXPOSITION_SELECTOR, new ExpositionCompletion(), ...ExpositionCompletion.triggerCharacters),
    vscode.languages.registerCodeLensProvider({ language: SHELL_LANGUAGE_ID }, new HeredocCodeLens(lint)),
  );
}
