import * as vscode from 'vscode';
import { ALL_RULE_CODES, SeveritySetting } from '../core/exposition/lint';
import { parseRuleSeverities } from '../core/exposition/severitySettings';
import { applyTargetOverride, parseTargetOverride } from '../core/gateway/targetSettings';
import { DEFAULT_GATEWAY_TARGET, GatewayTarget } from '../core/protocol/gatewayTarget';
import { userPrompts } from '../ui/prompts';

const SECTION = 'pushgateway.lint';

export interface LintSettings {
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly shellHeredocs: boolean;
  /** `gatewayVersion` and `utf8Names`: the target of documents no known gateway decides for. */
  readonly target: GatewayTarget;
}

/** The lint settings, read once per configuration change; bad entries are reported once and ignored. */
export class LintSettingsReader implements vscode.Disposable {
  private cached: LintSettings | undefined;
  private lastReported = '';
  private readonly subscription: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) {
        this.cached = undefined;
        this.changed.fire();
      }
    });
  }

  get settings(): LintSettings {
    this.cached ??= this.read();
    return this.cached;
  }

  private read(): LintSettings {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    const { severities, problems } = parseRuleSeverities(configuration.get<unknown>('rules'), new Set(ALL_RULE_CODES));
    const target = parseTargetOverride({ gatewayVersion: configuration.get<unknown>('gatewayVersion'), utf8Names: configuration.get<unknown>('utf8Names') }, `${SECTION}.`);
    this.report([...problems, ...target.problems]);
    return {
      severities,
      shellHeredocs: configuration.get<boolean>('shellHeredocs') !== false,
      target: applyTargetOverride(DEFAULT_GATEWAY_TARGET, target.override),
    };
  }

  private report(problems: string[]): void {
    const text = problems.join('\n');
    if (text === '' || text === this.lastReported) {
      return;
    }
    this.lastReported = text;
    void userPrompts()
      .notify('warning', `Pushgateway lint settings: ${problems.join('; ')}. These entries are ignored.`, 'Open Settings')
      .then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
        }
      });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
