import { failure, Result, success } from '../../result';
import { scanExpansion } from '../expansion';
import { HeredocVariable, heredocVariables, resolveHeredocPush, resolveScriptUrl, ResolvedHeredocPush, urlVariables } from '../heredocPush';
import { heredocsAt, MetricHeredoc, ScriptLex, scriptLex, ScriptOrLex } from '../heredocs';
import { appendAll } from '../../appendAll';
import { bodyText, MappedBody } from './mappedBody';
import { ScriptSite } from './scriptSites';

// What the editor's push and dry run of one push site send: the values its shell expansions need
// (URL first, then body, each once) and, given them, the gateway, grouping key, method and body. A
// heredoc (fed straight to the command, or through a variable or a file) goes through the heredoc
// push as before; a body built from shell words (echo, printf, a string, a here-string) gets the
// value of each expansion put where the expansion is.

export interface SitePush {
  readonly variables: readonly HeredocVariable[];
  /** The script line the body starts on (where a 400's line is reported from). */
  readonly bodyStartLine: number;
  resolve(values: Readonly<Record<string, string>>): Result<ResolvedHeredocPush>;
}

/**
 * Whether the editor can push `site`: a push whose body can be read from the script, sent as
 * written (not one whose piped body curl ignores for an `@file`).
 */
export function canPushSite(site: ScriptSite): boolean {
  const body = site.body;
  return site.action === 'push' && body !== null && body.known && !site.tree?.ignoredStdin && (site.heredoc !== undefined || body.heredocAt !== undefined || body.chars !== undefined);
}

/** How to push `site` of `script` (its lex, when asked for several sites); undefined when `canPushSite` says no (or the traced heredoc is not found). */
export function sitePushOf(site: ScriptSite, script: ScriptOrLex): SitePush | undefined {
  if (!canPushSite(site) || !site.body) {
    return undefined;
  }
  const lex = scriptLex(script);
  const heredoc = site.heredoc ?? tracedHeredoc(site, lex);
  if (heredoc) {
    return { variables: heredocVariables(heredoc), bodyStartLine: heredoc.bodyStartLine, resolve: (values) => resolveHeredocPush(heredoc, values) };
  }
  const chars = site.body.chars;
  if (!chars) {
    return undefined;
  }
  const holes = bodyHoles(chars, lex.script.split('\n'));
  const seen = new Set<string>();
  const variables = [...urlVariables(site.url), ...holes.map((hole) => hole.variable)].filter((variable) => !seen.has(variable.key) && seen.add(variable.key));
  const method = site.method === 'PUT' ? 'PUT' : 'POST';
  return {
    variables,
    bodyStartLine: site.body.startLine,
    resolve: (values) => {
      const target = resolveScriptUrl(site.url, values);
      if (!target.ok) {
        return target;
      }
      const body = fillHoles(chars, holes, values);
      return body.ok ? success({ ...target.value, method, body: body.value }) : body;
    },
  };
}

/** A heredoc the tree finder traced to the push (through a variable or a file), with that push. */
function tracedHeredoc(site: ScriptSite, lex: ScriptLex): MetricHeredoc | undefined {
  const at = site.body?.heredocAt;
  const heredoc = at === undefined ? undefined : heredocsAt(lex, new Set([at]))[0];
  if (!heredoc || !site.tree) {
    return undefined;
  }
  const push = {
    tool: site.tree.tool === 'httpie' ? ('http' as const) : site.tree.tool,
    method: site.method === 'PUT' ? ('PUT' as const) : ('POST' as const),
    url: site.url,
    urlSpan: site.urlSpan,
    urlIsLiteral: site.urlIsLiteral,
    urlVariables: urlVariables(site.url).map((variable) => variable.key),
    ...(site.groupingKey && { groupingKey: site.groupingKey }),
    readsStdin: true,
  };
  return { ...heredoc, push };
}

/** A run of placeholder characters of the body (`from`..`to`, exclusive) and the value it stands for. */
interface BodyHole {
  readonly from: number;
  readonly to: number;
  readonly variable: HeredocVariable;
}

/**
 * The placeholders of a body, each an expansion as written in the script (`$v`, `${DB:-x}`,
 * `$(date +%s)`), or a printf conversion whose argument is not plain (`%d` of `"$n"`), asked as written.
 */
function bodyHoles(chars: MappedBody, lines: readonly string[]): BodyHole[] {
  const holes: BodyHole[] = [];
  for (let from = 0; from < chars.length; from++) {
    if (!chars[from].placeholder) {
      continue;
    }
    let to = from + 1;
    while (to < chars.length && chars[to].placeholder && chars[to].line === chars[from].line && chars[to].column === chars[to - 1].column + 1) {
      to++;
    }
    const line = lines[chars[from].line] ?? '';
    const written = line.slice(chars[from].column, chars[to - 1].column + 1);
    appendHoles(holes, written, from);
    from = to - 1;
  }
  return holes;
}

/** One hole per expansion when `written` is nothing but expansions side by side; else one hole for all of it. */
function appendHoles(holes: BodyHole[], written: string, from: number): void {
  const found: BodyHole[] = [];
  for (let i = 0; i < written.length;) {
    const scanned = scanExpansion(written, i);
    if (!scanned || scanned.end <= i) {
      found.length = 0;
      break;
    }
    const text = written.slice(i, scanned.end);
    found.push({ from: from + i, to: from + scanned.end, variable: { key: scanned.name ?? text, text } });
    i = scanned.end;
  }
  if (found.length > 0) {
    appendAll(holes, found);
  } else {
    holes.push({ from, to: from + written.length, variable: { key: written, text: written } });
  }
}

function fillHoles(chars: MappedBody, holes: readonly BodyHole[], values: Readonly<Record<string, string>>): Result<string> {
  let body = '';
  let at = 0;
  for (const hole of holes) {
    const value = values[hole.variable.key];
    if (value === undefined) {
      return failure(`no value for ${hole.variable.text}`);
    }
    body += bodyText(chars.slice(at, hole.from)) + value;
    at = hole.to;
  }
  return success(body + bodyText(chars.slice(at)));
}
