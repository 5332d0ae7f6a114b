import { GroupingKey } from '../protocol/groupingKey';
import { buildHeredocBody, followSegment } from './heredocBody';
import { HeredocOperator, LexedCommand, LexedPipeline, LexedScript, LexedWord, lexScript } from './lexer';
import { indexLines, LineIndex, lineLength, Position, positionAt } from './lines';
import { analyzeCommand, CommandRequest, PushTool } from './pushCommand';
import { describePushUrl } from './pushUrl';
import { BodySegment, Expansion, ShellSpan } from './types';

// Finds the heredocs of a shell script that feed a Pushgateway push (`cat <<EOF | curl
// --data-binary @- http://gw:9091/metrics/job/x`, `curl -T - ... <<'PROM'`, wget, httpie), or whose
// delimiter says they hold metrics, so that the editor can lint and push them; and the
// `curl -X DELETE .../metrics/job/...` commands. Pure: no VS Code, never throws, linear time.
//
// Body semantics, for unquoted heredocs, follow bash: a line ending in an unescaped backslash is
// joined with the next one (`\` and line break dropped, also when looking for the delimiter), and
// `\$`, `` \` `` and `\\` lose their backslash, so `body` is byte for byte what the command reads,
// except that expansions are left as written. Other backslashes (`\"`, `\n`) are kept, as the
// shell keeps them. Positions in `body` map back to the script with `bodyPositionToScript`.

export type { BodySegment, Expansion, ShellSpan } from './types';
export type { ExpansionKind } from './expansion';
export type { Position } from './lines';
export type { PushTool } from './pushCommand';

export interface HeredocPush {
  readonly tool: PushTool;
  /** What the command implies: explicit `-X`/`--request`/`--method`/httpie METHOD, else PUT for `-T`, POST for data. */
  readonly method: 'PUT' | 'POST';
  /** As written, quotes removed and expansions kept, e.g. `$PUSHGATEWAY/metrics/job/cleanup`. */
  readonly url: string;
  readonly urlSpan: ShellSpan;
  /** No shell expansion anywhere in the URL. */
  readonly urlIsLiteral: boolean;
  /** The parameter name or the text of each expansion in the URL, e.g. `['PUSHGATEWAY', '$(hostname)']`. */
  readonly urlVariables: readonly string[];
  /** From the URL's path, when that path (after scheme and host) has no expansion and is a valid push path. */
  readonly groupingKey?: GroupingKey;
  readonly deletes?: false;
  /**
   * Whether the command really reads the heredoc as its request body: false for
   * `curl -X PUT url <<EOF` without `--data-binary @-`/`-T -`, which sends an empty body.
   */
  readonly readsStdin: boolean;
  /**
   * The option through which it does, as written: `--data-binary`, `-d`, `-T`, `--post-file`...
   * (undefined for httpie, which reads stdin by itself). `-d`/`--data` strip the body's line breaks.
   */
  readonly stdinOption?: string;
}

export interface MetricHeredoc {
  readonly delimiter: string;
  /** `<<'EOF'`, `<<"EOF"`, `<<\EOF` or partly quoted: the body is literal, no expansions. */
  readonly quoted: boolean;
  /** `<<-`: leading tabs (not spaces) are removed from body lines and the delimiter line. */
  readonly stripsTabs: boolean;
  /** The `<<EOF` / `<<-'EOF'` token (without a leading file descriptor number). */
  readonly operatorSpan: ShellSpan;
  readonly bodyStartLine: number;
  /** The line holding the closing delimiter (exclusive end of the body); the line count if unterminated. */
  readonly terminatorLine: number;
  readonly terminated: boolean;
  /** What the shell feeds to stdin, each line followed by "\n"; expansions left as written. */
  readonly body: string;
  /**
   * Per body line, how many leading tabs `<<-` removed. Body column + offset is the script column
   * up to the first removed `\$` backslash on the line; `bodyPositionToScript` is always exact.
   */
  readonly bodyColumnOffsets: readonly number[];
  /** Sparse map from body positions to the script; see `bodyPositionToScript`. */
  readonly bodySegments: readonly BodySegment[];
  /** In script coordinates (and body offsets); empty when quoted. */
  readonly expansions: readonly Expansion[];
  /** Fed to a push command, or only recognised by a metrics-like delimiter (contains PROM or METRIC). */
  readonly reason: 'push' | 'delimiter';
  readonly push?: HeredocPush;
}

export interface DeleteCommand {
  readonly tool: PushTool;
  readonly url: string;
  readonly urlSpan: ShellSpan;
  /** The line of the command's tool word (`curl`). */
  readonly line: number;
  readonly urlIsLiteral: boolean;
  readonly urlVariables: readonly string[];
  readonly groupingKey?: GroupingKey;
}

/**
 * A script and its lex, made on first use and kept: the editor and `pgw pushes` ask for a script's
 * heredocs, its delete commands and its traced heredocs one after the other, and lexing is most of
 * the work of each, so a caller that asks more than once makes one `ScriptLex` and passes it to
 * each. The lex is made inside the finders' safety net. Nothing changes a lex once it is made.
 */
export class ScriptLex {
  private made: { readonly lines: LineIndex; readonly lexed: LexedScript } | undefined;

  constructor(readonly script: string) {}

  get lex(): { readonly lines: LineIndex; readonly lexed: LexedScript } {
    if (!this.made) {
      const lines = indexLines(this.script);
      this.made = { lines, lexed: lexScript(lines) };
    }
    return this.made;
  }
}

/** A script's text (lexed by the finder it is given to) or its lex, made once for several finders. */
export type ScriptOrLex = string | ScriptLex;

export function scriptLex(script: ScriptOrLex): ScriptLex {
  return script instanceof ScriptLex ? script : new ScriptLex(String(script));
}

export function findMetricHeredocs(script: ScriptOrLex): MetricHeredoc[] {
  return withSafetyNet(() => scanMetricHeredocs(script));
}

export function findDeleteCommands(script: ScriptOrLex): DeleteCommand[] {
  return withSafetyNet(() => scanDeleteCommands(script));
}

/** `findMetricHeredocs` without the safety net, so that tests see a bug as an exception. */
export function scanMetricHeredocs(script: ScriptOrLex): MetricHeredoc[] {
  const { lines, lexed } = scriptLex(script).lex;
  return lexed.heredocs.map((heredoc) => describeHeredoc(lines, heredoc)).filter((heredoc): heredoc is MetricHeredoc => heredoc !== undefined);
}

/**
 * The heredocs whose `<<` is at one of `offsets`, bodies built as for `findMetricHeredocs`: for a
 * body the tree-sitter finder traced to a push through a variable or a file (`read -d '' M <<EOF`,
 * `M=$(cat <<EOF ...)`, `cat > f <<EOF`), which this module's own finder does not follow.
 */
export function heredocsAt(script: ScriptOrLex, offsets: ReadonlySet<number>): MetricHeredoc[] {
  return withSafetyNet(() => {
    const { lines, lexed } = scriptLex(script).lex;
    return lexed.heredocs
      .filter((heredoc) => offsets.has(heredoc.start))
      .map((heredoc) => describeHeredoc(lines, heredoc, true))
      .filter((heredoc): heredoc is MetricHeredoc => heredoc !== undefined);
  });
}

/** `findDeleteCommands` without the safety net. */
export function scanDeleteCommands(script: ScriptOrLex): DeleteCommand[] {
  const { lines, lexed } = scriptLex(script).lex;
  return deleteCommandsOf(lines, lexed).sort((a, b) => a.urlSpan.line - b.urlSpan.line || a.urlSpan.start - b.urlSpan.start);
}

/** Nothing in the scan is meant to throw; should a bug make it, the editor gets no result rather than a crash. */
function withSafetyNet<T>(scan: () => T[]): T[] {
  try {
    return scan();
  } catch {
    return [];
  }
}

/** Replaces every expansion in a body with a same-length run of "0" so the exposition linter sees a plausible value and columns stay put. */
export function bodyWithPlaceholders(heredoc: MetricHeredoc): string {
  const parts: string[] = [];
  let from = 0;
  for (const expansion of heredoc.expansions) {
    parts.push(heredoc.body.slice(from, expansion.bodyStart));
    // A multi-line `$(...)` keeps its line breaks so that later lines keep their numbers.
    parts.push(heredoc.body.slice(expansion.bodyStart, expansion.bodyEnd).replace(/[^\n]/g, '0'));
    from = expansion.bodyEnd;
  }
  parts.push(heredoc.body.slice(from));
  return parts.join('');
}

/** The script position of a position in a heredoc's body (0-based line within the body, column). */
export function bodyPositionToScript(heredoc: MetricHeredoc, bodyLine: number, bodyColumn: number): Position {
  const segments = heredoc.bodySegments;
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const segment = segments[middle];
    if (segment.bodyLine < bodyLine || (segment.bodyLine === bodyLine && segment.bodyColumn <= bodyColumn)) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  const segment = segments[low] ?? { bodyLine: 0, bodyColumn: 0, line: heredoc.bodyStartLine, column: heredoc.bodyColumnOffsets[0] ?? 0 };
  return followSegment(segment, bodyLine, bodyColumn, heredoc.bodyColumnOffsets);
}

/** Metric-like delimiters: PROM, PROMETHEUS, METRICS, METRICS_EOF, end_metrics... */
export function isMetricDelimiter(delimiter: string): boolean {
  const upper = delimiter.toUpperCase();
  return upper.includes('PROM') || upper.includes('METRIC');
}

function describeHeredoc(lines: LineIndex, heredoc: HeredocOperator, tracedToPush = false): MetricHeredoc | undefined {
  const push = pushFedBy(lines, heredoc);
  if (push === undefined && !isMetricDelimiter(heredoc.delimiter) && !tracedToPush) {
    return undefined;
  }
  const body = buildHeredocBody(lines, heredoc);
  return {
    delimiter: heredoc.delimiter,
    quoted: heredoc.quoted,
    stripsTabs: heredoc.stripsTabs,
    operatorSpan: spanOf(lines, heredoc.start, heredoc.end),
    bodyStartLine: heredoc.bodyStartLine,
    terminatorLine: heredoc.terminatorLine,
    terminated: heredoc.terminated,
    body: body.body,
    bodyColumnOffsets: body.columnOffsets,
    bodySegments: body.segments,
    expansions: body.expansions,
    ...(push === undefined ? { reason: tracedToPush ? 'push' : 'delimiter' } : { reason: 'push', push }),
  };
}

/**
 * The push a heredoc's body goes to: its own command when that is a push, or a later command of
 * the same pipeline whose stdin is the pipe (`cat <<EOF | curl ...`, also through `gzip` and the
 * like), or, from inside a group, a command the group's output is piped to (`{ cat <<EOF; } | curl`).
 */
function pushFedBy(lines: LineIndex, heredoc: HeredocOperator): HeredocPush | undefined {
  const command = heredoc.command;
  // A later `<` or heredoc on the same command replaces this one as its stdin.
  if (heredoc.fd !== 0 || command.stdinSources[command.stdinSources.length - 1] !== heredoc) {
    return undefined;
  }
  let from: LexedCommand | undefined = command;
  let own = true;
  while (from?.pipeline !== undefined) {
    const pipeline: LexedPipeline = from.pipeline;
    for (let index = own ? from.index : from.index + 1; index < pipeline.commands.length; index++) {
      const candidate = pipeline.commands[index];
      if (candidate !== command && candidate.stdinSources.length > 0) {
        return undefined;
      }
      const request = analyzeCommand(lines.text, candidate, true);
      const push = request === undefined ? undefined : pushOf(lines, request);
      if (push !== undefined || candidate.stdoutRedirected) {
        return push;
      }
    }
    from = pipeline.group;
    own = false;
    if (from?.stdoutRedirected) {
      return undefined;
    }
  }
  return undefined;
}

function pushOf(lines: LineIndex, request: CommandRequest): HeredocPush | undefined {
  const method = request.method;
  if (request.url === undefined || (method !== 'PUT' && method !== 'POST')) {
    return undefined;
  }
  return {
    tool: request.tool,
    method,
    ...describePushUrl(request.url.value),
    urlSpan: wordSpan(lines, request.url.word),
    readsStdin: request.readsStdin,
    ...(request.stdinOption !== undefined && { stdinOption: request.stdinOption }),
  };
}

function deleteCommandsOf(lines: LineIndex, lexed: LexedScript): DeleteCommand[] {
  const found: DeleteCommand[] = [];
  for (const pipeline of lexed.pipelines) {
    for (const command of pipeline.commands) {
      const request = analyzeCommand(lines.text, command, false);
      if (request?.method === 'DELETE' && request.url !== undefined) {
        found.push({
          tool: request.tool,
          ...describePushUrl(request.url.value),
          urlSpan: wordSpan(lines, request.url.word),
          line: positionAt(lines, request.toolWord.start).line,
        });
      }
    }
  }
  return found;
}

function wordSpan(lines: LineIndex, word: LexedWord): ShellSpan {
  return spanOf(lines, word.start, word.end);
}

/** A script range as a span on its first line (cut at the line's end if it runs over several). */
function spanOf(lines: LineIndex, start: number, end: number): ShellSpan {
  const from = positionAt(lines, start);
  const to = positionAt(lines, end);
  return { line: from.line, start: from.column, end: to.line === from.line ? to.column : lineLength(lines, from.line) };
}
