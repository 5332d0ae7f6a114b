import * as vscode from 'vscode';
import { checkScrapeConfig, ScrapeConfigFinding } from '../core/scrape/scrapeConfig';
import { readGatewayList } from '../gateways/gatewaySettings';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { DocumentCheck } from './documentCheck';
import { LintSettingsReader } from './lintSettings';

const FILES_SETTING = 'pushgateway.scrapeConfigFiles';
const GATEWAYS_SETTING = 'pushgateway.gateways';
const DEFAULT_FILES = ['**/prometheus.yml', '**/prometheus.yaml'];
const YAML_FILES: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.{yml,yaml}' }];

/**
 * The `honor-labels` check of Prometheus configurations (the files `pushgateway.scrapeConfigFiles`
 * names): its diagnostics and their quick fix. The gateways of `pushgateway.gateways` count as
 * Pushgateway hosts.
 */
export class ScrapeConfigCheck implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  /**
   * The findings of each document by URI, for the version they were made of: the diagnostics and
   * the quick fixes read the same check. Dropped before every check again.
   */
  private readonly cache = new Map<string, { version: number; findings: ScrapeConfigFinding[] }>();
  private readonly settingsChanged = new vscode.EventEmitter<void>();
  private readonly check: DocumentCheck;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly settings: LintSettingsReader) {
    this.subscriptions = [
      vscode.languages.registerCodeActionsProvider(YAML_FILES, this, { providedCodeActionKinds: ScrapeConfigCheck.kinds }),
      // The lint severities through their reader (it fires once its own cache is dropped); the files and gateways here.
      settings.onDidChange(() => this.checkAgain()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(FILES_SETTING) || event.affectsConfiguration(GATEWAYS_SETTING)) {
          this.checkAgain();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
    ];
    // Every document: one that stops matching the files setting must lose its findings.
    this.check = new DocumentCheck(`${DIAGNOSTIC_SOURCE}-scrape-config`, {
      applies: () => true,
      findings: (document) => Promise.resolve(this.findings(document).map(({ diagnostic }) => diagnostic)),
      checkAgainOn: this.settingsChanged.event,
    });
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

  private checkAgain(): void {
    this.cache.clear();
    this.settingsChanged.fire();
  }

  /** The findings of the document's current version, checked once per version. */
  private findings(document: vscode.TextDocument): ScrapeConfigFinding[] {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) {
      return cached.findings;
    }
    const findings = isScrapeConfig(document)
      ? checkScrapeConfig(document.getText(), { gatewayUrls: readGatewayList().gateways.map((gateway) => gateway.url), severities: this.settings.settings.severities })
      : [];
    this.cache.set(key, { version: document.version, findings });
    return findings;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.check, this.settingsChanged).dispose();
  }
}

function isScrapeConfig(document: vscode.TextDocument): boolean {
  const globs = vscode.workspace.getConfiguration().get<unknown>(FILES_SETTING, DEFAULT_FILES);
  const patterns = Array.isArray(globs) ? globs.filter((glob): glob is string => typeof glob === 'string') : DEFAULT_FILES;
  return patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}
