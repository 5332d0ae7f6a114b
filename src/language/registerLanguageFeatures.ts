import * as vscode from 'vscode';
import { ExpositionCodeActions } from './codeActions';
import { ExpositionCompletion } from './completion';
import { DiagnosticsPublisher } from './diagnostics';
import { ExpositionHover } from './hover';
import { LintService } from './lintService';
import { LintSettingsReader } from './lintSettings';
import { LintTargets } from './lintTargets';
import { ExpositionFolding, ExpositionSymbols } from './outline';
import { ScrapeConfigCheck } from './scrapeConfigCheck';
import { EmbeddedShellCheck } from './embeddedShellCheck';
import { ClientLibraryCheck } from './clientLibraryCheck';
import { EXPOSITION_LANGUAGE_ID, EXPOSITION_SELECTOR, SHELL_LANGUAGE_ID } from './languageIds';

/**
 * Diagnostics, quick fixes, hover, outline, folding and completion for exposition documents; returns
 * the lint service, whose results other features (the push CodeLens) share.
 */
export function registerLanguageFeatures(context: vscode.ExtensionContext, settings: LintSettingsReader, targets: LintTargets): LintService {
  const lint = new LintService(settings, targets);
  context.subscriptions.push(
    lint,
    new DiagnosticsPublisher(lint, settings),
    new ScrapeConfigCheck(settings),
    new EmbeddedShellCheck(settings),
    new ClientLibraryCheck(settings),
    vscode.languages.registerCodeActionsProvider([{ language: EXPOSITION_LANGUAGE_ID }, { language: SHELL_LANGUAGE_ID }], new ExpositionCodeActions(lint), {
      providedCodeActionKinds: ExpositionCodeActions.kinds,
    }),
    vscode.languages.registerHoverProvider(EXPOSITION_SELECTOR, new ExpositionHover(lint)),
    vscode.languages.registerDocumentSymbolProvider(EXPOSITION_SELECTOR, new ExpositionSymbols(lint)),
    vscode.languages.registerFoldingRangeProvider(EXPOSITION_SELECTOR, new ExpositionFolding(lint)),
    vscode.languages.registerCompletionItemProvider(EXPOSITION_SELECTOR, new ExpositionCompletion(), ...ExpositionCompletion.triggerCharacters),
  );
  return lint;
}
