import * as vscode from 'vscode';
import { checkScrapeConfig, ScrapeConfigFinding } from '../core/scrape/scrapeConfig';
import { DIAGNOSTIC_SOURCE, toVscodeDiagnostic } from './diagnostics';
import { LintSettingsReader } from './lintSettings';

const FILES_SETTING = 'pushgateway.scrapeConfigFiles';
const DEFAULT_FILES = ['**/prometheus.yml', '**/prometheus.yaml'];
const YAML_FILES: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.{yml,yaml}' }];

/**
 * The `honor-labels` check of Prometheus configurations (the files `pushgateway.scrapeConfigFiles`
 * names): its diagnostics and their quick fix. The gateways of `pushgateway.gateways` count as
 * Pushgateway hosts.
 */
export class ScrapeConfigCheck implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-scrape-config`);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly settings: LintSettingsReader) {
    this.subscriptions = [
      vscode.languages.registerCodeActionsProvider(YAML_FILES, this, { providedCodeActionKinds: ScrapeConfigCheck.kinds }),
      vscode.workspace.onDidOpenTextDocument((document) => this.publish(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.publish(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('pushgateway')) {
          this.publishAll();
        }
      }),
      settings.onDidChange(() => this.publishAll()),
    ];
    this.publishAll();
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.findings(document);
    return context.diagnostics.flatMap((shown) => {
      const finding = findings.find(({ diagnostic }) => diagnostic.code === shown.code && diagnostic.span.line === shown.range.start.line && diagnostic.span.start === shown.range.start.character);
      if (!finding) {
        return [];
      }
      const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [shown];
      action.isPreferred = finding.fix.preferred;
      action.edit = new vscode.WorkspaceEdit();
      for (const change of finding.fix.changes) {
        action.edit.replace(document.uri, new vscode.Range(change.startLine, change.startColumn, change.endLine, change.endColumn), change.newText);
      }
      return [action];
    });
  }

  private publishAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      this.publish(document);
    }
  }

  private publish(document: vscode.TextDocument): void {
    if (document.isClosed) {
      return;
    }
    const findings = this.findings(document);
    if (findings.length > 0) {
      this.collection.set(
        document.uri,
        findings.map(({ diagnostic }) => toVscodeDiagnostic(diagnostic)),
      );
    } else {
      this.collection.delete(document.uri);
    }
  }

  private findings(document: vscode.TextDocument): ScrapeConfigFinding[] {
    if (!this.isScrapeConfig(document)) {
      return [];
    }
    return checkScrapeConfig(document.getText(), { gatewayUrls: configuredGatewayUrls(), severities: this.settings.settings.severities });
  }

  private isScrapeConfig(document: vscode.TextDocument): boolean {
    const globs = vscode.workspace.getConfiguration().get<unknown>(FILES_SETTING, DEFAULT_FILES);
    const patterns = Array.isArray(globs) ? globs.filter((glob): glob is string => typeof glob === 'string') : DEFAULT_FILES;
    return document.uri.scheme !== 'output' && patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.collection).dispose();
  }
}

function configuredGatewayUrls(): string[] {
  const gateways = vscode.workspace.getConfiguration('pushgateway').get<unknown>('gateways');
  if (!Array.isArray(gateways)) {
    return [];
  }
  return gateways.flatMap((gateway: unknown) => {
    const url = typeof gateway === 'object' && gateway !== null ? (gateway as { url?: unknown }).url : undefined;
    return typeof url === 'string' ? [url] : [];
  });
}
