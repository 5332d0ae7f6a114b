import { hasErrors } from '../core/exposition/lint';
import { GroupingKey } from '../core/protocol/groupingKey';
import { findDeleteCommands, findMetricHeredocs, ScriptLex, scriptLex, ScriptOrLex } from '../core/shell/heredocs';
import { lintShellScript } from '../core/shell/lintShellScript';
import { BodySource, TreePushSite, treePushSitesOf } from '../core/shell/tree/pushSites';
import { CliOutput } from './cliOutput';
import { parseLintArguments } from './lintArguments';
import { FileReader, kindOf, loadOnce, nodeFileReader, noShellParser, readInput, ShellParserLoader } from './cliInput';
import { appendAll } from '../core/appendAll';
import { ClientLanguage, ClientPushSite, httpPushGroupingLabels, HttpPushSite, siteGroupingLabels, siteUrl } from '../core/clients/clientSite';
import { lintClientCode } from '../core/clients/clientMetricLint';
import { ClientParserLoader, loadClientParser, readClientCode } from './clientInput';
import { asWritten, findEmbeddedScripts } from '../core/embedded/embeddedScripts';
import { AnalysedScript, lintEmbeddedShell } from '../core/embedded/lintEmbedded';

export const PUSHES_USAGE = `Usage: pgw pushes [--format text|json] [--rule CODE=SEVERITY]...
                  [--gateway-version 1.11|1.5] [--utf8-names]
                  [--as shell|python|go|yaml] FILE...

Lists every push and delete site of shell scripts: the command that sends (curl,
wget, httpie), its method and URL as written, the grouping key when the path is
literal, and where the body comes from (heredoc, here-string, echo, printf, a
string, a variable, a file written earlier, a function, another command). In
Python, the prometheus_client calls push_to_gateway, pushadd_to_gateway and
delete_from_gateway, and a script's own requests/httpx post(), put() and
request("PUT"|"POST", ...) (also of a session or client), and urllib's Request
or urlopen with data, to a /metrics/job/ URL; in Go, client_golang's
push.New(url, job)...Push(), Add() and Delete() (body: the metrics the pushed
registry or collectors declare). In YAML, the scripts of Kubernetes
command/args (sh -c), GitHub Actions run:, GitLab CI script:, Drone/Woodpecker
commands:, Argo source, Tekton script and Ansible shell: tasks, on the YAML's
lines. Lines are 1-based.
Use - to read a script from standard input.

Options:
  --format text|json   Output format (default: text).
  --rule CODE=SEVERITY, --gateway-version 1.11|1.5, --utf8-names
                       As pgw lint: they decide the exit status.
  --as KIND            Read every FILE as this kind, whatever its name.
  -h, --help           Show this help.

Exit status: 0 no error-severity lint finding in the scripts, 1 at least one
(as pgw lint), 2 usage or I/O error.
`;

/** One site as `pgw pushes --format json` prints it. */
export interface ListedSite {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly action: 'push' | 'delete';
  readonly method: 'PUT' | 'POST' | 'DELETE' | null;
  readonly url: string | null;
  readonly groupingKey: Record<string, string> | null;
  readonly body: { readonly source: BodySource | 'client-library'; readonly startLine: number; readonly endLine: number; readonly known: boolean } | null;
  readonly language: 'shell' | 'python' | 'go' | 'yaml';
}

/** `loadParser` is called at the first shell script, if any; without a parser, heredoc sites only. */
export async function runPushes(
  args: readonly string[],
  output: CliOutput,
  reader: FileReader = nodeFileReader,
  loadParser: ShellParserLoader = noShellParser,
  loadClient: ClientParserLoader = loadClientParser,
): Promise<number> {
  const shellParser = loadOnce(loadParser);
  const parsed = parseLintArguments('pushes', PUSHES_USAGE, args, output);
  if (typeof parsed === 'number') {
    return parsed;
  }
  const { severities, target, forcedKind: forced } = parsed;

  const listed: ListedSite[] = [];
  let ioProblem = false;
  let lintErrors = false;
  for (const file of parsed.files) {
    const input = readInput(file, reader);
    if (!input.ok) {
      output.err(`pgw pushes: ${input.error}\n`);
      ioProblem = true;
      continue;
    }
    const { name, text } = input.value;
    const kind = kindOf(file, text, forced, 'shell');
    if (kind === 'python' || kind === 'go') {
      const analysis = await readClientCode('pushes', kind, text, loadClient, output);
      appendAll(
        listed,
        [...clientSites(name, kind, analysis.sites), ...httpSites(name, analysis.httpPushes)].sort((a, b) => a.line - b.line),
      );
      lintErrors ||= hasErrors(lintClientCode(kind, analysis, { severities, target }));
      continue;
    }
    if (kind === 'yaml') {
      const found = findEmbeddedScripts(text);
      const embedded = lintEmbeddedShell(found, found.scripts.length === 0 ? undefined : await shellParser());
      appendAll(
        listed,
        embedded.scripts.flatMap((script) => yamlSites(name, script)),
      );
      lintErrors ||= hasErrors(embedded.diagnostics);
      continue;
    }
    if (kind !== 'shell') {
      const why = 'not a shell script';
      output.err(`pgw pushes: skipped ${name}: ${why}\n`);
      continue;
    }
    const parser = await shellParser();
    const treeSites = parser === undefined ? undefined : treePushSitesOf(parser, text);
    const lex = new ScriptLex(text);
    appendAll(listed, shellSites(name, lex, treeSites));
    lintErrors ||= hasErrors(lintShellScript(lex, { severities, target, ...(treeSites && { treeSites }) }).diagnostics);
  }
  if (parsed.format === 'json') {
    output.out(`${JSON.stringify(listed, null, 2)}\n`);
  } else {
    for (const site of listed) {
      output.out(`${describe(site)}\n`);
    }
    output.err(`${listed.length} site${listed.length === 1 ? '' : 's'}\n`);
  }
  return ioProblem ? 2 : lintErrors ? 1 : 0;
}

/**
 * The tree sites, plus what the heredoc finder sees that the tree missed (tree-sitter-bash gives
 * an ERROR for some valid heredoc lines, e.g. `cat <<EOF 2>/dev/null | curl ...`). Without a
 * parser, the heredoc finder's sites alone.
 */
function shellSites(file: string, script: ScriptOrLex, treeSites: readonly TreePushSite[] | undefined): ListedSite[] {
  const lex = scriptLex(script);
  const sites: ListedSite[] = (treeSites ?? []).map((site) => ({
    file,
    line: site.line + 1,
    endLine: site.endLine + 1,
    action: site.action,
    method: site.method,
    url: site.url,
    groupingKey: site.groupingKey ? keyLabels(site.groupingKey) : null,
    body: site.body && { source: site.body.source, startLine: site.body.startLine + 1, endLine: site.body.endLine + 1, known: site.body.known },
    language: 'shell',
  }));
  const urlLines = new Set((treeSites ?? []).map((site) => site.urlSpan.line));
  for (const heredoc of findMetricHeredocs(lex)) {
    const push = heredoc.push;
    if (push && !urlLines.has(push.urlSpan.line)) {
      sites.push({
        file,
        line: push.urlSpan.line + 1,
        endLine: Math.max(push.urlSpan.line, heredoc.terminatorLine) + 1,
        action: 'push',
        method: push.method,
        url: push.url,
        groupingKey: push.groupingKey ? keyLabels(push.groupingKey) : null,
        body: { source: 'heredoc', startLine: heredoc.bodyStartLine + 1, endLine: Math.max(heredoc.bodyStartLine, heredoc.terminatorLine - 1) + 1, known: true },
        language: 'shell',
      });
    }
  }
  for (const deletion of findDeleteCommands(lex)) {
    if (!urlLines.has(deletion.urlSpan.line)) {
      const groupingKey = deletion.groupingKey ? keyLabels(deletion.groupingKey) : null;
      sites.push({ file, line: deletion.line + 1, endLine: deletion.line + 1, action: 'delete', method: 'DELETE', url: deletion.url, groupingKey, body: null, language: 'shell' });
    }
  }
  return sites.sort((a, b) => a.line - b.line);
}

function clientSites(file: string, language: ClientLanguage, sites: readonly ClientPushSite[]): ListedSite[] {
  return sites.map((site) => {
    const lines = site.metrics.map((metric) => metric.line);
    const first = lines.reduce((a, b) => Math.min(a, b), site.line);
    const last = lines.reduce((a, b) => Math.max(a, b), -1);
    // The body is what the registry declares: from its first declaration to its last, else the call itself.
    const body =
      site.action === 'delete'
        ? null
        : last >= 0
          ? { source: 'client-library' as const, startLine: first + 1, endLine: last + 1, known: site.metricsKnown }
          : { source: 'client-library' as const, startLine: site.line + 1, endLine: site.endLine + 1, known: false };
    return {
      file,
      line: site.line + 1,
      endLine: site.endLine + 1,
      action: site.action,
      method: site.method,
      url: siteUrl(site) ?? null,
      groupingKey: siteGroupingLabels(site) ?? null,
      body,
      language,
    };
  });
}

/** The pushes Python code sends itself (requests, httpx): URL as written, body where the code spells it out. */
function httpSites(file: string, pushes: readonly HttpPushSite[]): ListedSite[] {
  return pushes.map((push) => {
    return {
      file,
      line: push.line + 1,
      endLine: push.endLine + 1,
      action: 'push',
      method: push.method ?? null,
      url: push.url.value ?? push.url.text,
      groupingKey: httpPushGroupingLabels(push) ?? null,
      body: { source: 'string', startLine: push.bodyLines.start + 1, endLine: push.bodyLines.end + 1, known: push.body !== undefined },
      language: push.language,
    };
  });
}

/** The sites of a script embedded in YAML, on the YAML's lines. */
function yamlSites(file: string, { script, treeSites, yamlLine }: AnalysedScript): ListedSite[] {
  const line = (scriptLine: number) => yamlLine(scriptLine - 1) + 1;
  return shellSites(file, script.text, treeSites).map((site) => ({
    ...site,
    url: site.url === null ? null : asWritten(script, site.url),
    line: line(site.line),
    endLine: line(site.endLine),
    body: site.body && { ...site.body, startLine: line(site.body.startLine), endLine: line(site.body.endLine) },
    language: 'yaml',
  }));
}

function describe(site: ListedSite): string {
  const body = site.body ? ` body: ${site.body.source} lines ${site.body.startLine}-${site.body.endLine}${site.body.known ? '' : ' (not known)'}` : '';
  return `${site.file}:${site.line}: ${site.action} ${site.method ?? '?'} ${site.url ?? '?'}${body}`;
}

function keyLabels(key: GroupingKey): Record<string, string> {
  return { job: key.job, ...key.labels };
}
