import * as vscode from 'vscode';
import { checkScrapeConfig, ScrapeConfigFinding } from '../core/scrape/scrapeConfig';
import { readGatewayList } from '../gateways/gatewaySettings';
import { DebouncedDocuments } from './debouncedDocuments';
import { DIAGNOSTIC_SOURCE, toVscodeDiagnostic } from './diagnostics';
import { LintSettingsReader } from './lintSettings';

const FILES_SETTING = 'pushgateway.scrapeConfigFiles';
const DEFAULT_FILES = ['**/prometheus.yml', '**/prometheus.yaml'];
const DEBOUNCE_MS = 250;
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
  /** The findings of each document by URI, for the version they were made of; dropped on any settings change. */
  private readonly cache = new Map<string, { version: number; findings: ScrapeConfigFinding[] }>();
  private readonly edits = new DebouncedDocuments(DEBOUNCE_MS, (document) => this.publish(document));
  private pendingAll: NodeJS.Timeout | undefined;

  constructor(private readonly settings: LintSettingsReader) {
    this.subscriptions = [
      vscode.languages.registerCodeActionsProvider(YAML_FILES, this, { providedCodeActionKinds: ScrapeConfigCheck.kinds }),
      vscode.workspace.onDidOpenTextDocument((document) => this.publish(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.edits.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      // One listener for every setting it reads (the files, the gateways, the lint severities); the
      // publish waits a tick so that the lint settings reader has dropped its own cache by then.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('pushgateway')) {
          this.cache.clear();
          this.schedulePublishAll();
        }
      }),
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

  private schedulePublishAll(): void {
    clearTimeout(this.pendingAll);
    this.pendingAll = setTimeout(() => {
      this.pendingAll = undefined;
      this.publishAll();
    }, 0);
  }

  private forget(document: vscode.TextDocument): void {
    this.edits.cancel(document);
    this.cache.delete(document.uri.toString());
    this.collection.delete(document.uri);
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

  /** The findings of the document's current version, checked once per version. */
  private findings(document: vscode.TextDocument): ScrapeConfigFinding[] {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) {
      return cached.findings;
    }
    const findings = this.isScrapeConfig(document)
      ? checkScrapeConfig(document.getText(), { gatewayUrls: readGatewayList().gateways.map((gateway) => gateway.url), severities: this.settings.settings.severities })
      : [];
    this.cache.set(key, { version: document.version, findings });
    return findings;
  }

  private isScrapeConfig(document: vscode.TextDocument): boolean {
    const globs = vscode.workspace.getConfiguration().get<unknown>(FILES_SETTING, DEFAULT_FILES);
    const patterns = Array.isArray(globs) ? globs.filter((glob): glob is string => typeof glob === 'string') : DEFAULT_FILES;
    return document.uri.scheme !== 'output' && patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  dispose(): void {
    clearTimeout(this.pendingAll);
    vscode.Disposable.from(...this.subscriptions, this.edits, this.collection).dispose();
  }
}
