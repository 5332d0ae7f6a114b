import { scanArithmetic, scanCommandSubstitution, scanExpansion, skipBackquoted, skipSingleQuoted } from './expansion';
import { readDelimiterWord } from './delimiterWord';
import { findTerminator } from './heredocLines';
import { LineIndex, lineStart, newlineLength, positionAt } from './lines';

// A single-pass lexer for POSIX/bash scripts, just deep enough to find heredocs and the simple
// commands and pipelines they belong to. It keeps an explicit stack of contexts (command text,
// double quotes, `$(...)`), reads heredoc bodies at the line break that ends their command line,
// and treats everything it does not understand as plain word characters, so any input lexes in
// linear time without throwing.

export interface LexedWord {
  /** Offsets of the word as written, quotes included. */
  readonly start: number;
  readonly end: number;
  /** The file name of a redirection (`> out.txt`, `<<< "$x"`), not an argument. */
  readonly redirectTarget: boolean;
}

export interface HeredocOperator {
  /** Offset of `<<`. */
  readonly start: number;
  /** Offset just after the delimiter word. */
  readonly end: number;
  readonly delimiter: string;
  readonly quoted: boolean;
  readonly stripsTabs: boolean;
  /** The file descriptor the body is fed to: 0 (stdin) unless a number precedes the operator (`3<<EOF`). */
  readonly fd: number;
  readonly command: LexedCommand;
  bodyStartLine: number;
  /** The line holding the delimiter, or the line count when unterminated. */
  terminatorLine: number;
  terminated: boolean;
}

export interface LexedCommand {
  readonly words: LexedWord[];
  readonly heredocs: HeredocOperator[];
  /** Redirections of stdin in order (heredocs, `<`, `<<<`...): the last one is what the command reads. */
  readonly stdinSources: (HeredocOperator | 'other')[];
  /** Its output goes to a file (`> f`, `&> f`), not down the pipe. */
  stdoutRedirected: boolean;
  /** A `{ ...; }` or `( ... )` group standing as one command in its pipeline. */
  isGroup: boolean;
  pipeline: LexedPipeline | undefined;
  /** Position in the pipeline. */
  index: number;
}

export interface LexedPipeline {
  readonly commands: LexedCommand[];
  /** The group whose output this pipeline's output is part of (`{ cat <<EOF; } | curl ...`). */
  readonly group: LexedCommand | undefined;
  /** Has a heredoc, or a word that may name curl, wget or httpie: the rest are not kept. */
  relevant: boolean;
}

export interface LexedScript {
  /** The pipelines that have a heredoc or may run curl, wget or httpie. */
  readonly pipelines: readonly LexedPipeline[];
  /** Every heredoc operator, in the order they appear. */
  readonly heredocs: readonly HeredocOperator[];
}

export function lexScript(lines: LineIndex): LexedScript {
  const lexer = new Lexer(lines);
  lexer.run();
  return { pipelines: lexer.pipelines, heredocs: lexer.heredocs };
}

interface CommandContext {
  readonly kind: 'command';
  /** Inside `$(`, `<(` or `>(`: an unmatched `)` ends the context. */
  readonly closedByParen: boolean;
  /** Open `(`: a subshell group, or other parentheses (`f()`, `arr=(...)`). */
  readonly parens: ('group' | 'other')[];
  /** Open `{ ...; }` and `( ... )` groups, innermost last. */
  readonly groups: Group[];
  caseDepth: number;
  pipeline: LexedPipeline;
  command: LexedCommand;
  /** Offset where the current word started, -1 between words. */
  wordStart: number;
  redirectPending: boolean;
  /** Just after `|`: a line break here continues the pipeline. */
  afterPipe: boolean;
}

interface Group {
  readonly kind: 'brace' | 'paren';
  /** The pipeline and command the group stands in. */
  readonly pipeline: LexedPipeline;
  readonly command: LexedCommand;
}

interface QuoteContext {
  readonly kind: 'quote';
}

type Context = CommandContext | QuoteContext;

const QUOTE: QuoteContext = { kind: 'quote' };

/** Deeper `$(...)` nesting is skipped as opaque text rather than lexed (bounds memory on hostile input). */
const MAX_COMMAND_DEPTH = 64;
/** Deeper `{ ...; }` and `( ... )` groups are not tracked as groups, for the same reason. */
const MAX_GROUP_DEPTH = 64;

const OPERATOR_CHARACTERS = '|&;()<>';
const RESERVED_WORDS = new Set(['!', '{', '}', 'do', 'done', 'elif', 'else', 'fi', 'for', 'function', 'if', 'in', 'then', 'time', 'until', 'while']);

class Lexer {
  readonly pipelines: LexedPipeline[] = [];
  readonly heredocs: HeredocOperator[] = [];
  private readonly text: string;
  private readonly contexts: Context[] = [];
  private readonly pending: HeredocOperator[] = [];
  private commandDepth = 0;
  private i = 0;

  constructor(private readonly lines: LineIndex) {
    this.text = lines.text;
  }

  run(): void {
    this.openCommandContext(false);
    const length = this.text.length;
    while (this.i < length) {
      const context = this.contexts[this.contexts.length - 1];
      if (context.kind === 'quote') {
        this.stepInQuotes();
      } else {
        this.stepInCommand(context);
      }
    }
    for (let depth = this.contexts.length - 1; depth >= 0; depth--) {
      const context = this.contexts[depth];
      if (context.kind === 'command') {
        if (context.wordStart >= 0) {
          this.finishWord(context, length);
        }
        this.endPipeline(context);
      }
    }
    // Operators on the last line, with no line break after them, get empty unterminated bodies.
    for (const heredoc of this.pending) {
      heredoc.bodyStartLine = this.lines.count;
    }
  }

  private stepInCommand(context: CommandContext): void {
    const text = this.text;
    const i = this.i;
    const c = text[i];
    if (context.wordStart < 0) {
      if (c === ' ' || c === '\t' || (c === '\r' && text[i + 1] === '\n')) {
        this.i++;
        return;
      }
      if (c === '\n') {
        this.lineBreak(context);
        return;
      }
      if (c === '#') {
        const newline = text.indexOf('\n', i);
        this.i = newline < 0 ? text.length : newline;
        return;
      }
      if (c === '\\' && newlineLength(text, i + 1) > 0) {
        this.i = i + 1 + newlineLength(text, i + 1);
        return;
      }
      if (c === '(' && text[i + 1] === '(') {
        // `(( arithmetic ))`: its `<<` is a shift, not a heredoc.
        context.wordStart = i;
        this.i = scanArithmetic(text, i + 2).end;
        return;
      }
      if (OPERATOR_CHARACTERS.includes(c)) {
        this.operator(context);
        return;
      }
      context.wordStart = i;
    }
    if (c === ' ' || c === '\t' || c === '\n' || newlineLength(text, i) === 2 || OPERATOR_CHARACTERS.includes(c)) {
      this.finishWord(context, i);
      return;
    }
    switch (c) {
      case '\\':
        this.i = i + 1 + Math.max(1, newlineLength(text, i + 1));
        return;
      case "'":
        this.i = skipSingleQuoted(text, i + 1, text.length);
        return;
      case '"':
        this.contexts.push(QUOTE);
        this.i = i + 1;
        return;
      case '$':
        this.dollar(i, true);
        return;
      case '`':
        this.i = skipBackquoted(text, i + 1, text.length);
        return;
      default:
        this.i = skipPlain(text, i + 1, PLAIN_IN_WORD);
    }
  }

  private stepInQuotes(): void {
    const i = this.i;
    switch (this.text[i]) {
      case '"':
        this.contexts.pop();
        this.i = i + 1;
        return;
      case '\\':
        this.i = i + 2;
        return;
      case '$':
        this.dollar(i, false);
        return;
      case '`':
        this.i = skipBackquoted(this.text, i + 1, this.text.length);
        return;
      default:
        this.i = skipPlain(this.text, i + 1, PLAIN_IN_QUOTES);
    }
  }

  /** A `$` in a word or in double quotes: `$(` opens a command context, other expansions are skipped. */
  private dollar(i: number, unquoted: boolean): void {
    const text = this.text;
    const next = text[i + 1];
    if (next === '(' && text[i + 2] !== '(' && this.commandDepth < MAX_COMMAND_DEPTH) {
      this.openCommandContext(true);
      this.i = i + 2;
      return;
    }
    if (next === "'" && unquoted) {
      this.i = skipAnsiQuoted(text, i + 2);
      return;
    }
    const scanned = scanExpansion(text, i);
    this.i = scanned ? scanned.end : i + 1;
  }

  private operator(context: CommandContext): void {
    const text = this.text;
    const i = this.i;
    const next = text[i + 1];
    switch (text[i]) {
      case '|':
        if (next === '|') {
          this.endPipeline(context);
          this.i = i + 2;
        } else {
          this.endCommand(context);
          context.afterPipe = true;
          this.i = i + (next === '&' ? 2 : 1);
        }
        return;
      case '&':
        if (next === '>') {
          this.redirect(context, 1, text[i + 2] === '>' ? 3 : 2);
        } else {
          this.endPipeline(context);
          this.i = i + (next === '&' ? 2 : 1);
        }
        return;
      case ';':
        this.endPipeline(context);
        this.i = i + (next === ';' ? (text[i + 2] === '&' ? 3 : 2) : next === '&' ? 2 : 1);
        return;
      case '(':
        this.openParen(context);
        this.i = i + 1;
        return;
      case ')':
        this.closeParen(context);
        return;
      case '<':
        this.lessThan(context, next);
        return;
      default:
        this.greaterThan(context, next);
    }
  }

  /** A `(` where a command starts opens a subshell group; after words (`f()`), it is other syntax. */
  private openParen(context: CommandContext): void {
    if (context.command.words.length === 0 && !context.command.isGroup && context.groups.length < MAX_GROUP_DEPTH) {
      context.parens.push('group');
      this.openGroup(context, 'paren');
    } else {
      this.endPipeline(context);
      context.parens.push('other');
    }
  }

  private closeParen(context: CommandContext): void {
    this.i++;
    const paren = context.parens.pop();
    if (paren === 'group') {
      this.closeGroup(context, 'paren');
      return;
    }
    this.endPipeline(context);
    if (paren === undefined && context.caseDepth === 0 && context.closedByParen) {
      // Otherwise a `)` ends a case pattern, or is a stray one at top level.
      this.contexts.pop();
      this.commandDepth--;
    }
  }

  private openGroup(context: CommandContext, kind: Group['kind']): void {
    const command = context.command;
    command.isGroup = true;
    context.groups.push({ kind, pipeline: context.pipeline, command });
    context.pipeline = { commands: [], group: command, relevant: false };
    context.command = newCommand();
  }

  /** Ends the group's last pipeline and goes on in the pipeline the group stands in. */
  private closeGroup(context: CommandContext, kind: Group['kind']): void {
    this.endPipeline(context);
    for (let group = context.groups.pop(); group !== undefined; group = context.groups.pop()) {
      context.pipeline = group.pipeline;
      context.command = group.command;
      if (group.kind === kind) {
        return;
      }
    }
  }

  private lessThan(context: CommandContext, next: string | undefined): void {
    if (next === '(') {
      this.processSubstitution(context);
      return;
    }
    const fd = this.takeIoNumber(context) ?? 0;
    const third = this.text[this.i + 2];
    if (next === '<' && third === '<') {
      this.redirect(context, fd, 3);
    } else if (next === '<') {
      this.heredoc(context, fd);
    } else {
      this.redirect(context, fd, next === '&' || next === '>' ? 2 : 1);
    }
  }

  private greaterThan(context: CommandContext, next: string | undefined): void {
    if (next === '(') {
      this.processSubstitution(context);
      return;
    }
    const fd = this.takeIoNumber(context) ?? 1;
    this.redirect(context, fd, next === '>' || next === '&' || next === '|' ? 2 : 1);
  }

  /** `<(cmd)` / `>(cmd)`: a word whose text is a command context. */
  private processSubstitution(context: CommandContext): void {
    context.wordStart = this.i;
    if (this.commandDepth < MAX_COMMAND_DEPTH) {
      this.openCommandContext(true);
      this.i += 2;
    } else {
      this.i = scanCommandSubstitution(this.text, this.i + 2).end;
    }
  }

  private redirect(context: CommandContext, fd: number, operatorLength: number): void {
    const input = this.text[this.i] === '<';
    if (fd === 0 && input) {
      context.command.stdinSources.push('other');
    }
    if (fd === 1 && !input) {
      context.command.stdoutRedirected = true;
    }
    context.redirectPending = true;
    context.afterPipe = false;
    this.i += operatorLength;
  }

  /** The digits right before `<` or `>` (`2>`, `3<<EOF`) name a file descriptor, not an argument. */
  private takeIoNumber(context: CommandContext): number | undefined {
    const words = context.command.words;
    const last = words[words.length - 1];
    if (last === undefined || last.end !== this.i || last.redirectTarget || last.end - last.start > 9) {
      return undefined;
    }
    const written = this.text.slice(last.start, last.end);
    if (!/^[0-9]+$/.test(written)) {
      return undefined;
    }
    words.pop();
    return Number(written);
  }

  private heredoc(context: CommandContext, fd: number): void {
    const text = this.text;
    const start = this.i;
    let wordStart = start + 2;
    const stripsTabs = text[wordStart] === '-';
    if (stripsTabs) {
      wordStart++;
    }
    while (text[wordStart] === ' ' || text[wordStart] === '\t') {
      wordStart++;
    }
    const word = readDelimiterWord(text, wordStart);
    this.i = word.end;
    if (word.end === wordStart) {
      return; // `<<` with no word is a syntax error, not a heredoc
    }
    const count = this.lines.count;
    const heredoc: HeredocOperator = {
      start,
      end: word.end,
      delimiter: word.delimiter,
      quoted: word.quoted,
      stripsTabs,
      fd,
      command: context.command,
      bodyStartLine: count,
      terminatorLine: count,
      terminated: false,
    };
    context.command.heredocs.push(heredoc);
    context.pipeline.relevant = true;
    if (fd === 0) {
      context.command.stdinSources.push(heredoc);
    }
    context.afterPipe = false;
    this.heredocs.push(heredoc);
    this.pending.push(heredoc);
  }

  /** An unquoted line break: ends the pipeline (unless right after `|`) and reads pending heredoc bodies. */
  private lineBreak(context: CommandContext): void {
    if (!context.afterPipe) {
      this.endPipeline(context);
    }
    this.i++;
    if (this.pending.length === 0) {
      return;
    }
    let line = positionAt(this.lines, this.i).line;
    for (const heredoc of this.pending) {
      heredoc.bodyStartLine = line;
      const found = findTerminator(this.lines, heredoc, line);
      heredoc.terminatorLine = found.terminatorLine;
      heredoc.terminated = found.terminated;
      line = found.resumeLine;
    }
    this.pending.length = 0;
    this.i = lineStart(this.lines, line);
  }

  private finishWord(context: CommandContext, end: number): void {
    const word: LexedWord = { start: context.wordStart, end, redirectTarget: context.redirectPending };
    context.wordStart = -1;
    context.redirectPending = false;
    context.afterPipe = false;
    const words = context.command.words;
    if (!word.redirectTarget && end - word.start === 1 && this.braceGroup(context, this.text[word.start])) {
      return;
    }
    if (!word.redirectTarget && end - word.start === 4) {
      this.trackCase(context, this.text.slice(word.start, end), words);
    }
    if (!context.pipeline.relevant && mayNameTool(this.text, word)) {
      context.pipeline.relevant = true;
    }
    words.push(word);
  }

  /** `{` where a command starts opens a group, `}` there closes one; true when the word was one of them. */
  private braceGroup(context: CommandContext, written: string): boolean {
    const command = context.command;
    if (written === '{' && !command.isGroup && context.groups.length < MAX_GROUP_DEPTH && command.words.every((word) => RESERVED_WORDS.has(this.text.slice(word.start, word.end)))) {
      this.openGroup(context, 'brace');
      return true;
    }
    const innermost = context.groups[context.groups.length - 1];
    if (written === '}' && innermost?.kind === 'brace' && command.words.length === 0 && command.heredocs.length === 0) {
      this.closeGroup(context, 'brace');
      return true;
    }
    return false;
  }

  /** Counts `case ... esac` so that the `)` after a pattern does not close a `$(`. */
  private trackCase(context: CommandContext, written: string, previous: readonly LexedWord[]): void {
    if (written !== 'case' && written !== 'esac') {
      return;
    }
    const before = previous[previous.length - 1];
    if (before !== undefined && !RESERVED_WORDS.has(this.text.slice(before.start, before.end))) {
      return;
    }
    context.caseDepth = written === 'case' ? context.caseDepth + 1 : Math.max(0, context.caseDepth - 1);
  }

  private endCommand(context: CommandContext): void {
    const command = context.command;
    if (command.isGroup || command.words.length > 0 || command.heredocs.length > 0 || command.stdinSources.length > 0) {
      command.pipeline = context.pipeline;
      command.index = context.pipeline.commands.length;
      context.pipeline.commands.push(command);
      context.command = newCommand();
    }
    context.redirectPending = false;
  }

  private endPipeline(context: CommandContext): void {
    this.endCommand(context);
    if (context.pipeline.commands.length > 0) {
      if (context.pipeline.relevant) {
        this.pipelines.push(context.pipeline);
      }
      context.pipeline = { commands: [], group: context.pipeline.group, relevant: false };
    }
    context.afterPipe = false;
  }

  private openCommandContext(closedByParen: boolean): void {
    this.contexts.push({
      kind: 'command',
      closedByParen,
      parens: [],
      groups: [],
      caseDepth: 0,
      pipeline: { commands: [], group: undefined, relevant: false },
      command: newCommand(),
      wordStart: -1,
      redirectPending: false,
      afterPipe: false,
    });
    if (closedByParen) {
      this.commandDepth++;
    }
  }
}

/** Which ASCII characters need no attention in a word, or in double quotes; all others do not either. */
function plainTable(special: string): Uint8Array {
  const table = new Uint8Array(128).fill(1);
  for (const c of special) {
    table[c.charCodeAt(0)] = 0;
  }
  return table;
}

const PLAIN_IN_WORD = plainTable(' \t\r\n|&;()<>\\\'"$`');
const PLAIN_IN_QUOTES = plainTable('"\\$`');

/** The offset of the first character from `from` on that is not plain. */
function skipPlain(text: string, from: number, plain: Uint8Array): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 128 && plain[code] === 0) {
      break;
    }
    i++;
  }
  return i;
}

const TOOL_HINTS = ['curl', 'wget', 'http'];

function mayNameTool(text: string, word: LexedWord): boolean {
  if (word.end - word.start < 4) {
    return false;
  }
  const written = text.slice(word.start, word.end);
  return TOOL_HINTS.some((hint) => written.includes(hint));
}

function newCommand(): LexedCommand {
  return { words: [], heredocs: [], stdinSources: [], stdoutRedirected: false, isGroup: false, pipeline: undefined, index: 0 };
}

/** Offset after the `'` closing `$'...'`, whose text starts at `from` (backslash escapes a quote). */
function skipAnsiQuoted(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text[i] === "'") {
      return i + 1;
    }
  }
  return text.length;
}
