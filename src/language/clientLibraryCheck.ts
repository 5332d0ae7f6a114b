import * as vscode from 'vscode';
import { clientCodeOf, clientLanguageOf } from '../core/clients/analyseClientCode';
import { lintClientCode } from '../core/clients/clientMetricLint';
import { ClientLanguage } from '../core/clients/clientSite';
import { Diagnostic } from '../core/exposition/diagnostic';
import { loadTreeParser, TreeParser } from '../core/shell/tree/shellParser';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { DocumentCheck } from './documentCheck';
import { LintSettingsReader } from './lintSettings';

/**
 * The name and label findings of the metrics Python (prometheus_client) and Go (client_golang)
 * code declares, on the declaration's own line and column, and the findings of a body that Python
 * code pushes itself (requests, httpx, urllib) where the code writes it. The code itself is never linted as
 * exposition. A language's grammar is loaded at the first document that mentions its client; a
 * document that does not costs a text search.
 */
export class ClientLibraryCheck implements vscode.Disposable {
  private readonly check: DocumentCheck;

  constructor(
    private readonly settings: LintSettingsReader,
    private readonly loadParser: (language: ClientLanguage) => Promise<TreeParser> = loadTreeParser,
  ) {
    this.check = new DocumentCheck(`${DIAGNOSTIC_SOURCE}-client-library`, {
      applies: (document) => clientLanguageOf(document.languageId, document.fileName) !== undefined,
      findings: (document) => this.findings(document),
      checkAgainOn: settings.onDidChange,
    });
  }

  private async findings(document: vscode.TextDocument): Promise<Diagnostic[]> {
    const language = clientLanguageOf(document.languageId, document.fileName);
    if (language === undefined) {
      return [];
    }
    // Without its grammar (the wasm missing) nothing is found.
    const code = await clientCodeOf(language, document.getText(), this.loadParser, () => undefined);
    const { severities, target } = this.settings.settings;
    return lintClientCode(language, code, { severities, target });
  }

  dispose(): void {
    this.check.dispose();
  }
}
