import * as vscode from 'vscode';
import { NamePattern } from '../core/groups/namePattern';
import { readLastSuccessPattern } from '../language/lintSettings';

/** A shorter interval is raised to this: a refresh reads every group of every gateway. */
export const MIN_REFRESH_INTERVAL_SECONDS = 5;
const DEFAULT_REFRESH_INTERVAL_SECONDS = 60;
const DEFAULT_PILE_UP_THRESHOLD = 10;

export interface ExplorerSettings {
  readonly refreshIntervalSeconds: number;
  readonly staleAfterHours: number;
  readonly lastSuccessPattern: NamePattern;
  /** How many groups of a job that differ only in one label make a warning under the gateway. */
  readonly pileUpThreshold: number;
}

function positive(value: unknown, fallback: number, allowZero = false): number {
  return typeof value === 'number' && Number.isFinite(value) && (value > 0 || (allowZero && value === 0)) ? value : fallback;
}

/** 0 = refresh on demand only; under MIN_REFRESH_INTERVAL_SECONDS is raised to it; anything else not a number of seconds is the default. */
function refreshIntervalSeconds(value: unknown): number {
  const seconds = positive(value, DEFAULT_REFRESH_INTERVAL_SECONDS, true);
  return seconds === 0 ? 0 : Math.max(seconds, MIN_REFRESH_INTERVAL_SECONDS);
}

/** The explorer settings; out-of-range values fall back to the defaults rather than break the view. */
export function readExplorerSettings(): ExplorerSettings {
  const configuration = vscode.workspace.getConfiguration('pushgateway');
  return {
    refreshIntervalSeconds: refreshIntervalSeconds(configuration.get('explorer.refreshIntervalSeconds')),
    staleAfterHours: positive(configuration.get('explorer.staleAfterHours'), 25),
    lastSuccessPattern: readLastSuccessPattern(),
    pileUpThreshold: Math.max(2, Math.floor(positive(configuration.get('explorer.pileUpThreshold'), DEFAULT_PILE_UP_THRESHOLD))),
  };
}
