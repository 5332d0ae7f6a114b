import { PushMethod } from '../gateway/client';
import { GroupingKey, parsePushPath } from '../groupingKey';
import { failure, Result, success } from '../result';
import { scanExpansion } from '../shell/expansion';
import { MetricHeredoc } from '../shell/heredocs';

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
function expansionsIn(text: string): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' && text[i] !== '`') {
      continue;
    }
    const scanned = scanExpansion(text, i);
    if (scanned) {
      const written = text.slice(i, scanned.end);
      found.push({ start: i, end: scanned.end, variable: { key: scanned.name ?? written, text: written } });
      i = scanned.end - 1;
    }
  }
  return found;
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
  const all = [...expansionsIn(heredoc.push?.url ?? ''), ...bodyExpansions(heredoc)].map((found) => found.variable);
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
  const url = substitute(push.url, expansionsIn(push.url), values);
  const body = substitute(heredoc.body, bodyExpansions(heredoc), values);
  if (!url.ok) {
    return url;
  }
  if (!body.ok) {
    return body;
  }
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url.value);
  } catch {
    return failure(`"${url.value}" is not a URL the push could go to`);
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
    return failure(`"${url.value}" is not an http(s) URL`);
  }
  const path = parsePushPath(parsedUrl.pathname);
  if (!path.ok) {
    return failure(`the gateway would refuse ${url.value}: ${path.error}`);
  }
  return success({ baseUrl: `${parsedUrl.origin}${path.value.prefix}`, key: path.value.key, method: push.method, body: body.value });
}
