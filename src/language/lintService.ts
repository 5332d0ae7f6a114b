import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { lintExposition, LintResult } from '../core/exposition/lint';
import { resolveScriptUrl } from '../core/shell/heredocPush';
import { findDeleteCommands, MetricHeredoc, ScriptLex } from '../core/shell/heredocs';
import { BodyLintCache } from '../core/shell/bodyLintCache';
import { lintShellScript, ShellScriptLint } from '../core/shell/lintShellScript';
import { ShellDocumentTrees } from '../core/shell/tree/documentTrees';
import { ScriptSite, scriptSites } from '../core/shell/tree/scriptSites';
import { loadShellParser } from '../core/shell/tree/shellParser';
import { LastSuccessHint, lastSuccessHints } from '../core/hygiene/lastSuccessHint';
import { GatewayTarget } from '../core/protocol/gatewayTarget';
import { EXPOSITION_LANGUAGE_ID, GROUP_DOCUMENT_SCHEME, SHELL_LANGUAGE_ID } from './languageIds';
import { LintSettingsReader } from './lintSettings';
import { LintTargets } from './lintTargets';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Whether the file behind a document starts with a UTF-8 byte order mark. VS Code drops the mark from
 * the text, but a `curl --data-binary @file` push or node_exporter sends it, and the gateway refuses it.
 */
function savedWithByteOrderMark(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file') {
    return false;
  }
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(document.uri.fsPath, 'r');
    const head = Buffer.alloc(UTF8_BOM.length);
    const read = fs.readSync(descriptor, head, 0, head.length, 0);
    return read === UTF8_BOM.length && UTF8_BOM.every((byte, index) => head[index] === byte);
  } catch {
    return false;
  } finally {
    if (descriptor !== undefined) {
      fs.closeSync(descriptor);
    }
  }
}

/** A group as the gateway serves it carries its grouping labels and push times: rules about what a push should not contain do not apply. */
const SERVED_GROUP_SEVERITIES = { 'url-label-in-body': 'off', 'gateway-owned-metric': 'off' } as const;

export interface LintedExposition {
  readonly version: number;
  readonly text: string;
  readonly fileHasByteOrderMark: boolean;
  readonly result: LintResult;
}

export interface LintedShellScript {
  readonly version: number;
  readonly lint: ShellScriptLint;
  /** The golden rule's hints (pushed bodies without a last-success gauge), shown beside `lint.diagnostics`. */
  readonly lastSuccessHints: readonly LastSuccessHint[];
  /** Every push and delete site, as `pgw pushes` lists them (the heredoc finder's alone until the shell parser has loaded). */
  readonly sites: readonly ScriptSite[];
}

/**
 * Lints exposition documents and the metric heredocs of shell scripts, keeping the latest result per document so that diagnostics, quick
 * fixes, hover and the outline share one parse per edit.
 */
export class LintService implements vscode.Disposable {
  private readonly cache = new Map<string, LintedExposition>();
  /** Whether each open file was saved with a byte order mark, read once per open and save. */
  private readonly byteOrderMarks = new Map<string, boolean>();
  private readonly shellCache = new Map<string, LintedShellScript>();
  /** Per open shell script, its bodies' lints: an edit re-lints only the bodies it changed. */
  private readonly bodyCaches = new Map<string, BodyLintCache>();
  private readonly subscriptions: vscode.Disposable[];
  /**
   * One tree-sitter tree per open shell script, parsed again incrementally after edits. The parser
   * loads on the first shell script linted, after that lint (activation never waits for it).
   */
  private shellTrees: ShellDocumentTrees | undefined;
  private shellParserRequested = false;
  private disposed = false;
  private readonly resultsChanged = new vscode.EventEmitter<void>();

  /** Results may differ now (a document's gateway status became known, or the shell parser loaded): they are computed afresh. */
  readonly onDidChangeResults = this.resultsChanged.event;

  constructor(
    private readonly settings: LintSettingsReader,
    private readonly targets: LintTargets,
  ) {
    this.subscriptions = [
      this.resultsChanged,
      settings.onDidChange(() => {
        this.cache.clear();
        this.shellCache.clear();
        this.bodyCaches.clear();
      }),
      // Registered before any other listener of the targets, so that they read fresh results.
      targets.onDidChange(() => {
        this.cache.clear();
        this.shellCache.clear();
        this.bodyCaches.clear();
        this.resultsChanged.fire();
      }),
      // Read again after a save: the user may have changed the encoding.
      vscode.workspace.onDidSaveTextDocument((document) => this.byteOrderMarks.delete(document.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.byteOrderMarks.delete(document.uri.toString());
        this.cache.delete(document.uri.toString());
        this.shellCache.delete(document.uri.toString());
        this.bodyCaches.delete(document.uri.toString());
        this.shellTrees?.close(document.uri.toString());
      }),
    ];
  }

  exposition(document: vscode.TextDocument): LintedExposition | undefined {
    if (document.languageId !== EXPOSITION_LANGUAGE_ID) {
      return undefined;
    }
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    let fileHasByteOrderMark = this.byteOrderMarks.get(key);
    if (fileHasByteOrderMark === undefined) {
      fileHasByteOrderMark = savedWithByteOrderMark(document);
      this.byteOrderMarks.set(key, fileHasByteOrderMark);
    }
    if (cached && cached.version === document.version && cached.fileHasByteOrderMark === fileHasByteOrderMark) {
      return cached;
    }
    const text = document.getText();
    const severities = document.uri.scheme === GROUP_DOCUMENT_SCHEME ? { ...this.settings.settings.severities, ...SERVED_GROUP_SEVERITIES } : this.settings.settings.severities;
    const linted = { version: document.version, text, fileHasByteOrderMark, result: lintExposition(text, { severities, fileHasByteOrderMark, target: this.targets.forDocument(document) }) };
    this.cache.set(key, linted);
    return linted;
  }

  /** The metric heredocs of a shell script, linted; undefined for other documents or when turned off. */
  shellScript(document: vscode.TextDocument): LintedShellScript | undefined {
    if (document.languageId !== SHELL_LANGUAGE_ID || !this.settings.settings.shellHeredocs) {
      return undefined;
    }
    const key = document.uri.toString();
    const cached = this.shellCache.get(key);
    if (cached && cached.version === document.version) {
      return cached;
    }
    const text = document.getText();
    const treeSites = this.shellTreesOrLoad()?.sitesOf(key, text);
    const lex = new ScriptLex(text);
    const lint = lintShellScript(lex, {
      severities: this.settings.settings.severities,
      target: this.targets.forDocument(document),
      targetOf: (heredoc) => this.heredocTarget(heredoc),
      ...(treeSites && { treeSites }),
      bodyCache: this.bodyCacheOf(key),
    });
    const hints = lastSuccessHints(
      lint.heredocs.map((linted) => linted.heredoc),
      { severities: this.settings.settings.severities, lastSuccessPattern: this.settings.settings.lastSuccessPattern },
    );
    const sites = scriptSites(
      treeSites,
      lint.heredocs.map((linted) => linted.heredoc),
      findDeleteCommands(lex),
    );
    const linted = { version: document.version, lint, lastSuccessHints: hints, sites };
    this.shellCache.set(key, linted);
    return linted;
  }

  private bodyCacheOf(key: string): BodyLintCache {
    let bodyCache = this.bodyCaches.get(key);
    if (!bodyCache) {
      bodyCache = new BodyLintCache();
      this.bodyCaches.set(key, bodyCache);
    }
    return bodyCache;
  }

  /** The shell trees once the parser has loaded; until then undefined, and the first call starts the load, whose end lints every script again. */
  private shellTreesOrLoad(): ShellDocumentTrees | undefined {
    if (!this.shellTrees && !this.shellParserRequested) {
      this.shellParserRequested = true;
      // After this lint: its result (by the heredoc finder alone) is published without waiting.
      setTimeout(() => {
        loadShellParser().then(
          (parser) => {
            if (this.disposed) {
              return;
            }
            this.shellTrees = new ShellDocumentTrees(parser);
            this.shellCache.clear();
            this.resultsChanged.fire();
          },
          // The heredoc finder goes on alone, as `pgw lint` does without the parser.
          () => undefined,
        );
      }, 0);
    }
    return this.shellTrees;
  }

  /** The target of the listed gateway a heredoc's literal push URL names. */
  private heredocTarget(heredoc: MetricHeredoc): GatewayTarget | undefined {
    if (!heredoc.push?.urlIsLiteral) {
      return undefined;
    }
    const pushTo = resolveScriptUrl(heredoc.push.url, {});
    return pushTo.ok ? this.targets.forPushUrl(pushTo.value.baseUrl) : undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cache.clear();
    this.shellCache.clear();
    this.bodyCaches.clear();
    this.shellTrees?.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
