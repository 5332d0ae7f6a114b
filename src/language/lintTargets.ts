import * as vscode from 'vscode';
import { checkGatewayUrl, GatewayConfig, normalizeGatewayUrl } from '../core/gateway/gatewayConfig';
import { applyTargetOverride } from '../core/gateway/targetSettings';
import { GatewayTarget } from '../core/protocol/gatewayTarget';
import { GatewayService } from '../gateways/gatewayService';
import { gatewayNameOfGroupDocument } from './languageIds';
import { LintSettingsReader } from './lintSettings';

/** How long a push's lint waits for the gateway's status before it goes by the settings (the read goes on; its answer lints the document again). */
export const FOLLOW_STATUS_WAIT_MS = 1500;

/**
 * Which gateway behaviour each document is linted for. A document tied to a gateway (pushed to or
 * dry-run on from this editor, or a group opened from the explorer) and a script's heredoc whose
 * push URL names a listed gateway follow that gateway's `/api/v1/status`; until it is known, the
 * gateway's `gatewayVersion`/`utf8Names` entry and then the lint settings decide, as they do for
 * every other document.
 */
export class LintTargets implements vscode.Disposable {
  /** The gateway each buffer was last pushed to (or dry-run on), by URI. */
  private readonly pushedTo = new Map<string, GatewayConfig>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** A document's target may differ now: lint again. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly gateways: GatewayService,
    private readonly settings: LintSettingsReader,
  ) {
    this.subscriptions = [
      gateways.onDidChangeTargets(() => this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((document) => this.pushedTo.delete(document.uri.toString())),
      // An entry's gatewayVersion/utf8Names decide while its status is not known.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('pushgateway.gateways')) {
          this.changed.fire();
        }
      }),
    ];
  }

  /**
   * The buffer was pushed to (or dry-run on) this gateway: from now on it is linted for it. Resolves
   * once its target is known, its status failed, or `statusWaitMs` passed (then the settings decide),
   * so that a gateway that does not answer does not hold a push for the whole request timeout.
   */
  async follow(document: vscode.TextDocument, gateway: GatewayConfig, statusWaitMs = FOLLOW_STATUS_WAIT_MS): Promise<GatewayTarget> {
    const key = document.uri.toString();
    const before = this.pushedTo.get(key);
    this.pushedTo.set(key, gateway);
    if (before?.url !== gateway.url) {
      this.changed.fire();
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.gateways.targetOf(gateway), new Promise<void>((resolve) => (timer = setTimeout(resolve, statusWaitMs)))]);
    clearTimeout(timer);
    return this.forGateway(gateway);
  }

  /** The target of a gateway: its status when read, else its settings entry over the lint settings. Reads the status once when it was not. */
  forGateway(gateway: GatewayConfig): GatewayTarget {
    const known = this.gateways.knownTarget(gateway);
    if (known) {
      return known;
    }
    // Read once (a read failed stays failed until the connections or the gateways' settings change); onDidChangeTargets lints again when it names a target.
    void this.gateways.targetOf(gateway);
    return applyTargetOverride(this.settings.settings.target, gateway.target);
  }

  /** The target of a whole document. */
  forDocument(document: vscode.TextDocument): GatewayTarget {
    const gateway = this.gatewayOf(document);
    return gateway ? this.forGateway(gateway) : this.settings.settings.target;
  }

  /** The target of a heredoc pushed to this base URL: that of the listed gateway it names; undefined when it names none. */
  forPushUrl(baseUrl: string): GatewayTarget | undefined {
    if (checkGatewayUrl(baseUrl)) {
      return undefined;
    }
    const url = normalizeGatewayUrl(baseUrl);
    const gateway = this.gateways.listedGateways().find((listed) => listed.url === url);
    return gateway && this.forGateway(gateway);
  }

  private gatewayOf(document: vscode.TextDocument): GatewayConfig | undefined {
    const name = gatewayNameOfGroupDocument(document.uri);
    if (name !== undefined) {
      return this.gateways.listedGateways().find((gateway) => gateway.name === name);
    }
    const pushedTo = this.pushedTo.get(document.uri.toString());
    // As the settings list it now (its entry may have changed since the push).
    return pushedTo && (this.gateways.listedGateways().find((gateway) => gateway.url === pushedTo.url) ?? pushedTo);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}
