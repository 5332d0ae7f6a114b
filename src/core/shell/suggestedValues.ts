import { HeredocVariable, urlVariables } from './heredocPush';

/** What a suggestion may draw on besides the script: the clock and the machine's name. */
export interface SuggestionContext {
  readonly nowSeconds: number;
  readonly hostname: string;
}

/** `date +%s` as scripts spell it: `-u`, and the format quoted whole or in part. */
const DATE_SECONDS = String.raw`date(?:\s+-u)?\s+(?:\+%s|"\+%s"|'\+%s'|\+"%s"|\+'%s')`;
const CURRENT_TIME = new RegExp(String.raw`^\$\(\s*${DATE_SECONDS}\s*\)$|^${'`'}\s*${DATE_SECONDS}\s*${'`'}$`);
const HOST_NAME = /^\$\(\s*hostname(?:\s+-[sf])?\s*\)$|^`\s*hostname(?:\s+-[sf])?\s*`$|^\$\{?HOSTNAME\}?$/;
const SHORT_HOST_NAME = /hostname\s+-s\b/;
const DEFAULTED = /^\$\{\s*[A-Za-z_][A-Za-z0-9_]*:?[-=]([^${}`]*)\}$/;

/** The default of `${NAME:-default}`, without the quotes it may be written in. */
function defaultOf(text: string): string | undefined {
  const written = DEFAULTED.exec(text)?.[1];
  return written === undefined ? undefined : written.replace(/^"([^"]*)"$|^'([^']*)'$/, (_, double?: string, single?: string) => double ?? single ?? '');
}

/** A literal as a shell assignment writes it (`x`, "x", 'x', ${NAME:-x}), with or without a trailing comment; undefined when it needs the shell. */
function literalAssignmentValue(written: string): string | undefined {
  const text = written.trim();
  // A "#" inside quotes is part of the value; a trailing " # ..." is a comment.
  return literalOf(text) ?? literalOf(text.replace(/\s+#.*$/, ''));
}

function literalOf(text: string): string | undefined {
  const defaulted = defaultOf(text) ?? defaultOf(text.replace(/^"(.*)"$/, '$1'));
  if (defaulted !== undefined) {
    return defaulted;
  }
  const single = /^'([^']*)'$/.exec(text);
  if (single) {
    return single[1];
  }
  const double = /^"([^"$`\\]*)"$/.exec(text);
  if (double) {
    return double[1];
  }
  return /^[^\s"'$`\\;&|()<>]+$/.test(text) ? text : undefined;
}

/** The value of the last `NAME=...` assignment before `beforeLine` whose value is a literal (or a `${NAME:-default}`). */
function assignedValue(script: string, name: string, beforeLine: number): string | undefined {
  const assignment = new RegExp(`^\\s*(?:export\\s+|local\\s+|readonly\\s+|declare\\s+(?:-\\w+\\s+)?)?${name}=(.*)$`);
  const lines = script.split('\n').slice(0, beforeLine);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = assignment.exec(lines[i].replace(/\r$/, ''));
    if (match) {
      return literalAssignmentValue(match[1]);
    }
  }
  return undefined;
}

/** `$(date +%s)`: a value remembered from an earlier push would be stale, so the clock is read anew. */
export function readsTheClock(variable: HeredocVariable): boolean {
  return CURRENT_TIME.test(variable.text.trim());
}

/**
 * A value to offer for an expansion before the user types one: the current time for `$(date +%s)`,
 * the host name for `$(hostname)`, the default of `${NAME:-default}`, or the literal a script
 * assigns to the variable above the push (`PUSHGATEWAY=${PUSHGATEWAY:-http://gw:9091}`).
 */
export function suggestedValue(variable: HeredocVariable, script: string, beforeLine: number, context: SuggestionContext): string | undefined {
  const written = variable.text.trim();
  if (CURRENT_TIME.test(written)) {
    return String(Math.floor(context.nowSeconds));
  }
  if (HOST_NAME.test(written)) {
    return SHORT_HOST_NAME.test(written) ? context.hostname.split('.')[0] : context.hostname;
  }
  const defaulted = defaultOf(written);
  if (defaulted !== undefined) {
    return defaulted;
  }
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(variable.key) ? assignedValue(script, variable.key, beforeLine) : undefined;
}

/**
 * The host a push URL most likely reaches, for a label: the URL's own host when literal, else the
 * host of the literal a script assigns to its leading variable (`$PUSHGATEWAY/metrics/...` with
 * `PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}` above); undefined when unknown.
 */
export function likelyGatewayHost(url: string, script: string, beforeLine: number): string | undefined {
  const [leading] = urlVariables(url);
  const base = leading && url.startsWith(leading.text) ? suggestedValue(leading, script, beforeLine, { nowSeconds: 0, hostname: '' }) : '';
  try {
    const host = new URL(leading && base ? base + url.slice(leading.text.length) : url).host;
    return host && !/[$`]/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}
