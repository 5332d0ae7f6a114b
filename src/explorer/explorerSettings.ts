import * as vscode from 'vscode';
import { DEFAULT_LAST_SUCCESS_PATTERN } from '../core/groups/groupHealth';
import { settingsWarnings } from '../gateways/settingsWarnings';

const PATTERN_SETTING = 'pushgateway.explorer.lastSuccessPattern';

export interface ExplorerSettings {
  readonly refreshIntervalSeconds: number;
  readonly staleAfterHours: number;
  readonly lastSuccessPattern: RegExp;
}

function positive(value: unknown, fallback: number, allowZero = false): number {
  return typeof value === 'number' && Number.isFinite(value) && (value > 0 || (allowZero && value === 0)) ? value : fallback;
}

/** The explorer settings; out-of-range values fall back to the defaults rather than break the view. */
export function readExplorerSettings(): ExplorerSettings {
  const configuration = vscode.workspace.getConfiguration('pushgateway');
  let lastSuccessPattern = DEFAULT_LAST_SUCCESS_PATTERN;
  const patternText = configuration.get<string>('explorer.lastSuccessPattern');
  if (patternText) {
    try {
      lastSuccessPattern = new RegExp(patternText);
      settingsWarnings.clear(PATTERN_SETTING);
    } catch {
      settingsWarnings.warn(PATTERN_SETTING, `${PATTERN_SETTING} is not a valid regular expression: ${patternText}. Using the default.`);
    }
  }
  return {
    refreshIntervalSeconds: positive(configuration.get('explorer.refreshIntervalSeconds'), 60, true),
    staleAfterHours: positive(configuration.get('explorer.staleAfterHours'), 25),
    lastSuccessPattern,
  };
}
