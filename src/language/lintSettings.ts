import * as vscode from 'vscode';
import { ALL_RULE_CODES, SeveritySetting } from '../core/exposition/lint';
import { parseRuleSeverities } from '../core/exposition/severitySettings';
import { applyTargetOverride, parseTargetOverride } from '../core/gateway/targetSettings';
import { DEFAULT_LAST_SUCCESS_PATTERN } from '../core/groups/groupHealth';
import { compileNamePattern, NamePattern } from '../core/groups/namePattern';
import { settingsWarnings } from '../gateways/settingsWarnings';
import { DEFAULT_GATEWAY_TARGET, GatewayTarget } from '../core/protocol/gatewayTarget';
import { userPrompts } from '../ui/prompts';

const SECTION = 'pushgateway.lint';
const LAST_SUCCESS_PATTERN_SETTING = 'pushgateway.explorer.lastSuccessPattern';

export interface LintSettings {
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly shellHeredocs: boolean;
  /** `gatewayVersion` and `utf8Names`: the target of documents no known gateway decides for. */
  readonly target: GatewayTarget;
  /** The explorer's last-success gauge names: the golden-rule hint asks for a gauge the explorer will judge the group by. */
  readonly lastSuccessPattern: NamePattern;
}

/** `pushgateway.explorer.lastSuccessPattern`, compiled; a refused pattern is warned of once and the default used. */
export function readLastSuccessPattern(): NamePattern {
  const patternText = vscode.workspace.getConfiguration().get<unknown>(LAST_SUCCESS_PATTERN_SETTING);
  if (typeof patternText !== 'string' || !patternText) {
    return DEFAULT_LAST_SUCCESS_PATTERN;
  }
  // Never run as a RegExp: a workspace's pattern could backtrack for minutes on the host's thread.
  const compiled = compileNamePattern(patternText);
  if (!compiled.ok) {
    settingsWarnings.warn(LAST_SUCCESS_PATTERN_SETTING, `${LAST_SUCCESS_PATTERN_SETTING} is refused, ${compiled.error}: ${patternText.slice(0, 80)}. Using the default.`);
    return DEFAULT_LAST_SUCCESS_PATTERN;
  }
  settingsWarnings.clear(LAST_SUCCESS_PATTERN_SETTING);
  return compiled.value;
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
      if (event.affectsConfiguration(SECTION) || event.affectsConfiguration(LAST_SUCCESS_PATTERN_SETTING)) {
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
      lastSuccessPattern: readLastSuccessPattern(),
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
