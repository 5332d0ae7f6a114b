import { PushMethod } from '../protocol/pushMethod';
import { GroupingKey, parsePushPath } from '../protocol/groupingKey';
import { failure, Result, success } from '../result';
import { expansionsIn } from './words';
import { MetricHeredoc } from './heredocs';

/** A shell expansion the user must give a value for: `$SIZE`, `${DB:-orders}`, `$(hostname)`. */
export interface HeredocVariable {
  /** What the value is remembered under: the parameter name, or the expansion's text. */
  readonly key: string;
  /** As written in the script. */
  readonly text: string;
}

export interface ResolvedHeredocPush {
  /** The gateway's base URL (scheme, host, any route prefix). */
  readonly baseUrl: string;
  readonly key: GroupingKey;
  readonly method: PushMethod;
  /** The body as the command would send it, with the values in place. */
  readonly body: string;
}

interface Found {
  readonly start: number;
  readonly end: number;
  readonly variable: HeredocVariable;
}

/** The expansions in a URL as written, in order. */
function expansionsFound(text: string): Found[] {
  return expansionsIn(text).map(({ start, end, text: written, name }) => ({ start, end, variable: { key: name ?? written, text: written } }));
}

function bodyExpansions(heredoc: MetricHeredoc): Found[] {
  return heredoc.expansions.map((expansion) => ({
    start: expansion.bodyStart,
    end: expansion.bodyEnd,
    variable: { key: expansion.name ?? expansion.text, text: expansion.text },
  }));
}

/** Every value a push of this heredoc needs, each once, URL first. */
export function heredocVariables(heredoc: MetricHeredoc): HeredocVariable[] {
  const all = [...expansionsFound(heredoc.push?.url ?? ''), ...bodyExpansions(heredoc)].map((found) => found.variable);
  const seen = new Set<string>();
  return all.filter((variable) => !seen.has(variable.key) && seen.add(variable.key));
}

function substitute(text: string, found: readonly Found[], values: Readonly<Record<string, string>>): Result<string> {
  let result = '';
  let from = 0;
  for (const { start, end, variable } of found) {
    const value = values[variable.key];
    if (value === undefined) {
      return failure(`no value for ${variable.text}`);
    }
    result += text.slice(from, start) + value;
    from = end;
  }
  return success(result + text.slice(from));
}

/** The push a heredoc's command would make, once its shell expansions have the given values. */
export function resolveHeredocPush(heredoc: MetricHeredoc, values: Readonly<Record<string, string>>): Result<ResolvedHeredocPush> {
  const push = heredoc.push;
  if (!push) {
    return failure('this heredoc is not fed to a push command (curl, wget or httpie with a /metrics/job/ URL)');
  }
  const url = substitute(push.url, expansionsFound(push.url), values);
  const body = substitute(heredoc.body, bodyExpansions(heredoc), values);
  if (!url.ok) {
    return url;
  }
  if (!body.ok) {
    return body;
  }
  const target = pushTargetOf(url.value);
  if (!target.ok) {
    return target;
  }
  return success({ ...target.value, method: push.method, body: body.value });
}

/** Gateway base URL and grouping key of a push URL whose expansions have their values. */
function pushTargetOf(url: string): Result<{ baseUrl: string; key: GroupingKey }> {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return failure(`"${url}" is not a URL the push could go to`);
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
    return failure(`"${url}" is not an http(s) URL`);
  }
  const path = parsePushPath(parsedUrl.pathname);
  if (!path.ok) {
    return failure(`the gateway would refuse ${url}: ${path.error}`);
  }
  return success({ baseUrl: `${parsedUrl.origin}${path.value.prefix}`, key: path.value.key });
}

/** The values a URL as written in a script needs (`$PUSHGATEWAY`, `$(hostname)`), each once. */
export function urlVariables(url: string): HeredocVariable[] {
  const seen = new Set<string>();
  return expansionsFound(url)
    .map((found) => found.variable)
    .filter((variable) => !seen.has(variable.key) && seen.add(variable.key));
}

/** Gateway and grouping key of a URL from a script (e.g. a `curl -X DELETE` line), once its expansions have values. */
export function resolveScriptUrl(url: string, values: Readonly<Record<string, string>>): Result<{ baseUrl: string; key: GroupingKey }> {
  const substituted = substitute(url, expansionsFound(url), values);
  return substituted.ok ? pushTargetOf(substituted.value) : substituted;
}
