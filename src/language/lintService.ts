import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { lintExposition, LintResult } from '../core/exposition/lint';
import { resolveScriptUrl } from '../core/shell/heredocPush';
import { MetricHeredoc } from '../core/shell/heredocs';
import { lintShellScript, ShellScriptLint } from '../core/shell/lintShellScript';
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
  private readonly subscriptions: vscode.Disposable[];

  /** A document's target may differ now (its gateway's status became known): results are computed afresh. */
  readonly onDidChangeTargets: vscode.Event<void>;

  constructor(
    private readonly settings: LintSettingsReader,
    private readonly targets: LintTargets,
  ) {
    this.onDidChangeTargets = targets.onDidChange;
    this.subscriptions = [
      settings.onDidChange(() => {
        this.cache.clear();
        this.shellCache.clear();
      }),
      // Registered before any other listener of the targets, so that they read fresh results.
      targets.onDidChange(() => {
        this.cache.clear();
        this.shellCache.clear();
      }),
      // Read again after a save: the user may have changed the encoding.
      vscode.workspace.onDidSaveTextDocument((document) => this.byteOrderMarks.delete(document.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.byteOrderMarks.delete(document.uri.toString());
        this.cache.delete(document.uri.toString());
        this.shellCache.delete(document.uri.toString());
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
    const lint = lintShellScript(document.getText(), {
      severities: this.settings.settings.severities,
      target: this.targets.forDocument(document),
      targetOf: (heredoc) => this.heredocTarget(heredoc),
    });
    const hints = lastSuccessHints(
      lint.heredocs.map((linted) => linted.heredoc),
      { severities: this.settings.settings.severities },
    );
    const linted = { version: document.version, lint, lastSuccessHints: hints };
    this.shellCache.set(key, linted);
    return linted;
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
    this.cache.clear();
    this.shellCache.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
