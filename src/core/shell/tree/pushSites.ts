import type { Node } from 'web-tree-sitter';
import { GroupingKey } from '../../protocol/groupingKey';
import { ArgumentTexts, CURL_SYNTAX, HTTPIE_SYNTAX, walkArguments, WGET_SYNTAX } from '../pushCommand';
import { describePushUrl } from '../pushUrl';
import { ShellSpan } from '../types';
import { WordValue, wordValue } from '../words';
import { bodyText, MappedBody, printfBody, syntheticChar, wordBody } from './mappedBody';
import { appendAll } from '../../appendAll';

// Push and delete sites found on the tree-sitter-bash tree: every curl/wget/httpie command whose
// URL goes to a Pushgateway, with where its request body comes from (a heredoc, a here-string,
// echo/printf, a string, a variable assigned earlier, a file written earlier, a function, another
// command). Plain data out: no tree node survives the parse.

export type PushTool = 'curl' | 'wget' | 'httpie';
export type BodySource = 'heredoc' | 'here-string' | 'echo' | 'printf' | 'string' | 'variable' | 'file' | 'function' | 'command';

export interface SiteBody {
  readonly source: BodySource;
  /** 0-based script lines the body is written on. */
  readonly startLine: number;
  readonly endLine: number;
  /** Whether what is sent can be read from the script (expansions aside). */
  readonly known: boolean;
  /** The body as sent, character by character, when it is built from shell words. */
  readonly chars?: MappedBody;
  /** For a heredoc body: the offset of its `<<`, to build the body with the heredoc body builder. */
  readonly heredocAt?: number;
  /** `read -d '' VAR <<EOF` without `IFS=`: read drops the body's trailing blanks and line breaks (echo adds one back). */
  readonly trimmed?: boolean;
}

export interface TreePushSite {
  readonly action: 'push' | 'delete';
  readonly tool: PushTool;
  readonly method: 'PUT' | 'POST' | 'DELETE' | null;
  /** As written, quotes removed and expansions kept. */
  readonly url: string;
  readonly urlSpan: ShellSpan;
  readonly urlIsLiteral: boolean;
  readonly groupingKey: GroupingKey | null;
  /** The line of the sending command's name, and the statement's last line (heredoc body included). */
  readonly line: number;
  readonly endLine: number;
  readonly body: SiteBody | null;
  /** `cat <<EOF | curl --data-binary @file`: curl sends the file, not what is piped in. */
  readonly ignoredStdin?: { readonly span: ShellSpan; readonly file: string };
}

const TOOLS: Readonly<Record<string, PushTool>> = { curl: 'curl', wget: 'wget', http: 'httpie', https: 'httpie', xh: 'httpie' };
const GATEWAY_VARIABLE = /push|gateway|pgw/i;

/** Every push and delete site of the script whose tree `root` is, in script order. */
function findTreePushSites(root: Node, script: string): TreePushSite[] {
  return findSites(root, script).sites;
}

/** A script run by `sh -c "..."` (or `bash -c`, `kubectl exec ... -- sh -c "$CMD"`): its text and where that starts in the outer script. */
interface NestedScript {
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** Where the outer shell expands `$1`, `${VAR}` of a double-quoted script before `sh -c` reads it: values unknown here. */
  readonly expanded: readonly { readonly start: Position; readonly end: Position }[];
}

interface Position {
  readonly row: number;
  readonly column: number;
}

function findSites(root: Node, script: string): { sites: TreePushSite[]; nested: NestedScript[] } {
  const scope = new ScriptScope(root, script);
  const sites: TreePushSite[] = [];
  const nested: NestedScript[] = [];
  for (const command of root.descendantsOfType('command')) {
    if (!command) {
      continue;
    }
    const name = command.childForFieldName('name')?.text ?? '';
    const tool = TOOLS[name];
    const site = tool ? siteOf(command, tool, scope) : undefined;
    if (site) {
      sites.push(site);
    }
    const inner = nestedScriptOf(command, scope);
    if (inner) {
      nested.push(inner);
    }
  }
  return { sites, nested };
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/** The `-c` argument of a shell command, written as a quoted string without backslashes (or a variable assigned one), so that its columns are the script's. */
function nestedScriptOf(command: Node, scope: ScriptScope): NestedScript | undefined {
  // `sh -c ...` itself, or a shell word among the arguments (`kubectl exec pod -- sh -c ...`, `docker exec c /bin/sh -c ...`).
  const words = [command.childForFieldName('name') ?? command, ...argumentsOf(command)];
  const isShell = (word: Node | undefined) => word !== undefined && SHELLS.has(word.text.split('/').pop() ?? '');
  const shell = words.findIndex((word, index) => isShell(word) && /^-[a-z]*c[a-z]*$/.test(words[index + 1]?.text ?? ''));
  let word = shell >= 0 ? words[shell + 2] : undefined;
  const variable = word ? soleVariable(word) : undefined;
  if (variable !== undefined && word) {
    word = scope.assignedValueNode(variable, word.startIndex);
  }
  if (!word || (word.type !== 'string' && word.type !== 'raw_string') || word.text.includes('\\')) {
    return undefined;
  }
  const expanded =
    word.type === 'string'
      ? word.namedChildren.filter((child): child is Node => child !== null && child.type !== 'string_content').map((child) => ({ start: child.startPosition, end: child.endPosition }))
      : [];
  return { text: word.text.slice(1, -1), line: word.startPosition.row, column: word.startPosition.column + 1, offset: word.startIndex + 1, expanded };
}

/** A site of a nested script, moved to where that script is written in the outer one. */
function shiftSite(site: TreePushSite, at: NestedScript): TreePushSite {
  const line = (row: number) => row + at.line;
  const column = (row: number, col: number) => (row === 0 ? col + at.column : col);
  const span = (inner: ShellSpan): ShellSpan => ({ line: line(inner.line), start: column(inner.line, inner.start), end: column(inner.line, inner.end) });
  const body = site.body && {
    ...site.body,
    startLine: line(site.body.startLine),
    endLine: line(site.body.endLine),
    ...(site.body.chars && {
      chars: site.body.chars.map((entry) => {
        const moved = { line: line(entry.line), column: column(entry.line, entry.column) };
        return { ...entry, ...moved, placeholder: entry.placeholder || at.expanded.some((span) => within(moved, span)) };
      }),
    }),
    ...(site.body.heredocAt !== undefined && { heredocAt: site.body.heredocAt + at.offset }),
  };
  return {
    ...site,
    urlSpan: span(site.urlSpan),
    line: line(site.line),
    endLine: line(site.endLine),
    body,
    ...(site.ignoredStdin && { ignoredStdin: { ...site.ignoredStdin, span: span(site.ignoredStdin.span) } }),
  };
}

/** What a sink command's arguments say. */
interface Request {
  method?: 'PUT' | 'POST' | 'DELETE' | 'GET';
  url?: Node;
  /** `-T file` / `--upload-file file`: curl PUTs. */
  upload?: boolean;
  /** `@-`, `-T -`, httpie without data items: the body is whatever stdin is. */
  readsStdin: boolean;
  /** `@file`, `-T file`, `--post-file=file`. */
  file?: { path: string; node: Node };
  /** `--data "x 1"`, `--post-data='x 1'`. */
  data?: Node;
}

/** A command's arguments: their nodes and, as the tool receives them, their texts. */
interface SinkArguments extends ArgumentTexts {
  readonly nodes: readonly Node[];
  /** The first of these argument indices whose URL reaches a gateway. */
  url(index: number): void;
  readonly found: Node | undefined;
  /** The first URL argument whose base is an expansion (`"${API}/$1/"`): a push site when what it sends reads as metrics. */
  readonly variableBase: Node | undefined;
}

function siteOf(command: Node, tool: PushTool, scope: ScriptScope): TreePushSite | undefined {
  const args = sinkArguments(command, scope);
  const request = tool === 'curl' ? curlRequest(args) : tool === 'wget' ? wgetRequest(args) : httpieRequest(args);
  const byBody = request.url === undefined && tool !== 'httpie';
  request.url ??= tool === 'httpie' ? undefined : args.variableBase;
  if (request.url === undefined) {
    return undefined;
  }
  const value = wordValue(scope.script, request.url.startIndex, request.url.endIndex);
  if (request.file) {
    request.file.path = scope.resolvedPath(request.file.path, command.startIndex);
  }
  const stdin = request.readsStdin || request.file ? stdinOf(command, scope) : undefined;
  const body = request.readsStdin
    ? stdin
    : request.file
      ? (scope.fileBody(request.file.path, command.startIndex) ?? unknownBody('file', request.file.node))
      : request.data
        ? dataBody(request.data, scope)
        : undefined;
  const method = request.method ?? (request.file && request.upload ? 'PUT' : body || request.readsStdin ? 'POST' : undefined);
  if (method === undefined || method === 'GET' || (byBody && !(body && readsAsMetrics(body, scope)))) {
    return undefined;
  }
  const described = describePushUrl(value);
  const name = command.childForFieldName('name') ?? command;
  const statementEnd = Math.max(command.endPosition.row, body?.source === 'heredoc' ? body.endLine + 1 : 0, heredocEndOf(command));
  return {
    action: method === 'DELETE' ? 'delete' : 'push',
    tool,
    method,
    url: described.url,
    urlSpan: spanOf(request.url),
    urlIsLiteral: described.urlIsLiteral,
    groupingKey: described.groupingKey ?? null,
    line: name.startPosition.row,
    endLine: statementEnd,
    body: method === 'DELETE' ? null : (body ?? null),
    ...(request.file && stdin && { ignoredStdin: { span: spanOf(request.file.node), file: request.file.path } }),
  };
}

function sinkArguments(command: Node, scope: ScriptScope): SinkArguments {
  const nodes = argumentsOf(command);
  const values = nodes.map((node) => wordValue(scope.script, node.startIndex, node.endIndex));
  let found: Node | undefined;
  let variableBase: Node | undefined;
  return {
    nodes,
    length: nodes.length,
    written: (index) => values[index].value,
    url(index) {
      if (found === undefined && goesToGateway(values[index], scope, nodes[index].startIndex)) {
        found = nodes[index];
      }
      if (variableBase === undefined && /^\$\{?[A-Za-z_]/.test(values[index].value)) {
        variableBase = nodes[index];
      }
    },
    get found() {
      return found;
    },
    get variableBase() {
      return variableBase;
    },
  };
}

/**
 * A URL reaches a Pushgateway when its path (variables resolved where the script assigns them) has
 * `/metrics/`, or its base is a variable named like a gateway or one that an assignment before
 * gives a `/metrics/` path (`url="${gateway}/metrics/job/${job}"` in one branch of a case).
 */
function goesToGateway(value: WordValue, scope: ScriptScope, at: number): boolean {
  if (value.value.includes('/metrics/')) {
    return true;
  }
  return value.expansions.some((expansion) => {
    const name = expansion.name;
    return name !== undefined && (GATEWAY_VARIABLE.test(name) || (scope.literalValue(name, at) ?? '').includes('/metrics/') || scope.assignedBefore(name, at, '/metrics/'));
  });
}

const METRICS_COMMENT = /^[ \t]*# (TYPE|HELP) [A-Za-z_:][A-Za-z0-9_:]* /m;

/** A body whose text has a `# TYPE` or `# HELP` line: what only the exposition format sends. */
function readsAsMetrics(body: SiteBody, scope: ScriptScope): boolean {
  if (body.chars) {
    return METRICS_COMMENT.test(bodyText(body.chars));
  }
  if (body.heredocAt === undefined) {
    return false;
  }
  return METRICS_COMMENT.test(
    scope
      .lines()
      .slice(body.startLine, body.endLine + 1)
      .join('\n'),
  );
}

/**
 * The node of an option's argument: its own word, or the value part of the option's word when
 * attached (`--post-data='x 1'`, `-d"x 1"`: the quoted part; `-d@-`: the whole word).
 */
function argumentNode(args: SinkArguments, argumentIndex: number | undefined, optionIndex: number): { node: Node; own: boolean } {
  if (argumentIndex !== undefined) {
    return { node: args.nodes[argumentIndex], own: true };
  }
  const word = args.nodes[optionIndex];
  return word.type === 'concatenation' && word.lastNamedChild ? { node: word.lastNamedChild, own: word.lastNamedChild.type !== 'word' } : { node: word, own: false };
}

const CURL_DATA = new Set(['-d', '--data', '--data-binary', '--data-raw', '--data-ascii']);
const CURL_UPLOAD = new Set(['-T', '--upload-file']);
const STDIN_FILES = new Set(['-', '/dev/stdin']);

function curlRequest(args: SinkArguments): Request {
  const request: Request = { readsStdin: false };
  let get = false;
  walkArguments(
    args,
    CURL_SYNTAX,
    (name, argument, argumentIndex, optionIndex) => {
      if (name === '-X' || name === '--request') {
        request.method = methodOf(argument);
      } else if (name === '-G' || name === '--get') {
        get = true;
      } else if (name === '--url' && argumentIndex !== undefined) {
        args.url(argumentIndex);
      } else if (argument === undefined) {
        return;
      } else if (CURL_UPLOAD.has(name)) {
        request.upload = true;
        if (STDIN_FILES.has(argument) || argument === '.') {
          request.readsStdin = true;
        } else {
          request.file = { path: argument, node: argumentNode(args, argumentIndex, optionIndex).node };
        }
      } else if (CURL_DATA.has(name)) {
        dataArgument(request, argument, argumentNode(args, argumentIndex, optionIndex), name !== '--data-raw');
      }
    },
    (index) => args.url(index),
  );
  request.url = args.found;
  if (get && request.method === undefined) {
    request.method = 'GET';
  }
  return request;
}

/** `@-` reads stdin, `@file` a file, anything else is the data itself. */
function dataArgument(request: Request, text: string, argument: { node: Node; own: boolean }, atMeansFile: boolean): void {
  if (atMeansFile && (text === '@-' || text === '@/dev/stdin')) {
    request.readsStdin = true;
  } else if (atMeansFile && text.startsWith('@')) {
    request.file = { path: text.slice(1), node: argument.node };
  } else if (argument.own) {
    request.data = argument.node;
  } else {
    // Data attached to its option (`-dx`): sent, but not read here.
    request.method ??= 'POST';
  }
}

function wgetRequest(args: SinkArguments): Request {
  const request: Request = { readsStdin: false };
  walkArguments(
    args,
    WGET_SYNTAX,
    (name, argument, argumentIndex, optionIndex) => {
      if (name === '--method') {
        request.method = methodOf(argument);
      } else if (argument === undefined) {
        return;
      } else if (name === '--post-data' || name === '--body-data') {
        dataArgument(request, argument, argumentNode(args, argumentIndex, optionIndex), false);
      } else if (name === '--post-file' || name === '--body-file') {
        if (STDIN_FILES.has(argument)) {
          request.readsStdin = true;
        } else {
          request.file = { path: argument, node: argumentNode(args, argumentIndex, optionIndex).node };
        }
      }
    },
    (index) => args.url(index),
  );
  request.url = args.found;
  return request;
}

const METHOD_WORD = /^[A-Za-z]+$/;

/** `http [options] [METHOD] URL [items]`: the body is stdin unless items (`a=b`, `h:v`, `f@file`) or `--ignore-stdin` say otherwise. */
function httpieRequest(args: SinkArguments): Request {
  const request: Request = { readsStdin: true };
  const positionals: number[] = [];
  walkArguments(
    args,
    HTTPIE_SYNTAX,
    (name) => {
      if (name === '--ignore-stdin' || name === '-I') {
        request.readsStdin = false;
      }
    },
    (index) => positionals.push(index),
  );
  positionals.forEach((index) => args.url(index));
  const urlAt = positionals.findIndex((index) => args.nodes[index] === args.found);
  if (urlAt < 0) {
    return request;
  }
  request.url = args.found;
  const methodWord = urlAt === 1 ? args.written(positionals[0]) : undefined;
  if (methodWord !== undefined && METHOD_WORD.test(methodWord)) {
    request.method = methodOf(methodWord);
  }
  if (positionals.slice(urlAt + 1).some((index) => /[=:@]/.test(args.written(index)))) {
    request.readsStdin = false;
  }
  return request;
}

function methodOf(text: string | undefined): Request['method'] {
  const upper = unquoted(text ?? '').toUpperCase();
  return upper === 'PUT' || upper === 'POST' || upper === 'DELETE' || upper === 'GET' ? upper : undefined;
}

function unquoted(text: string): string {
  return text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0] ? text.slice(1, -1) : text;
}

function argumentsOf(command: Node): Node[] {
  return command.childrenForFieldName('argument').filter((arg): arg is Node => arg !== null);
}

/** `--data "x 1"` / `--data "$BODY"`: the string itself, or the variable it names. */
function dataBody(data: Node, scope: ScriptScope): SiteBody {
  const variable = soleVariable(data);
  if (variable !== undefined) {
    return scope.variableBody(variable, data.startIndex, false) ?? unknownBody('variable', data);
  }
  return knownBody('string', data, wordBody(data, false));
}

/** Where the command's stdin comes from: a here-string, its own heredoc, or the previous stage of its pipeline. */
function stdinOf(command: Node, scope: ScriptScope): SiteBody | undefined {
  const hereString = command.childrenForFieldName('redirect').find((redirect) => redirect?.type === 'herestring_redirect');
  if (hereString) {
    const word = hereString.namedChildren.find((child) => child !== null);
    if (word) {
      // The shell ends a here-string with a line break, whatever it holds.
      const variable = soleVariable(word);
      if (variable !== undefined) {
        const body = scope.variableBody(variable, word.startIndex, false);
        return body?.chars ? { ...body, chars: [...body.chars, syntheticChar('\n', word)] } : (body ?? unknownBody('variable', word));
      }
      return knownBody('here-string', word, [...wordBody(word, false), syntheticChar('\n', word)]);
    }
  }
  const parent = command.parent;
  if (parent?.type === 'redirected_statement' && parent.childForFieldName('body')?.id === command.id) {
    const heredoc = parent.childrenForFieldName('redirect').find((redirect) => redirect?.type === 'heredoc_redirect');
    if (heredoc) {
      return heredocBody(heredoc);
    }
  }
  let stage: Node = command;
  while (stage.parent?.type === 'list' && stage.parent.firstNamedChild?.id === stage.id) {
    stage = stage.parent;
  }
  const pipeline = stage.parent;
  if (pipeline?.type !== 'pipeline') {
    return undefined;
  }
  const previous = stage.previousNamedSibling;
  if (previous) {
    return producerBody(previous, scope);
  }
  // tree-sitter-bash hangs `| curl ...` inside the heredoc redirect of `cat <<EOF | curl ...`.
  if (pipeline.parent?.type === 'heredoc_redirect') {
    return heredocBody(pipeline.parent);
  }
  return undefined;
}

function heredocBody(redirect: Node): SiteBody {
  const end = redirect.children.find((child) => child?.type === 'heredoc_end') ?? redirect;
  const operator = redirect.children.find((child) => child?.type === '<<' || child?.type === '<<-') ?? redirect;
  return { source: 'heredoc', startLine: redirect.startPosition.row + 1, endLine: Math.max(redirect.startPosition.row + 1, end.startPosition.row - 1), known: true, heredocAt: operator.startIndex };
}

/** What a pipeline stage writes: echo/printf words, `cat file`, a heredoc, a function's output, or some other command's. */
function producerBody(producer: Node, scope: ScriptScope): SiteBody {
  if (producer.type === 'redirected_statement') {
    const heredoc = producer.childrenForFieldName('redirect').find((redirect) => redirect?.type === 'heredoc_redirect');
    const body = producer.childForFieldName('body');
    if (heredoc && body?.type === 'command' && body.childForFieldName('name')?.text === 'cat') {
      return heredocBody(heredoc);
    }
    return body ? producerBody(body, scope) : unknownBody('command', producer);
  }
  if (producer.type === 'compound_statement' || producer.type === 'subshell') {
    return groupBody(producer, 'command', scope);
  }
  if (producer.type !== 'command') {
    return unknownBody('command', producer);
  }
  const name = producer.childForFieldName('name')?.text ?? '';
  const args = argumentsOf(producer);
  if (name === 'echo') {
    return echoBody(producer, args, scope);
  }
  if (name === 'printf' && args.length > 0) {
    return knownBody(
      'printf',
      producer,
      printfBody(
        wordBody(args[0], true),
        args.slice(1).map((arg) => variableChars(arg, producer.startIndex, scope) ?? wordBody(arg, false)),
      ),
    );
  }
  if (name === 'cat' && args.length === 1 && !args[0].text.startsWith('-')) {
    return scope.fileBody(unquoted(args[0].text), producer.startIndex) ?? unknownBody('file', producer);
  }
  const definition = scope.functionNamed(name);
  if (definition) {
    return { ...groupBody(definition.body, 'function', scope), startLine: definition.startLine, endLine: definition.endLine };
  }
  return unknownBody('command', producer);
}

/**
 * What a `{ ...; }` group, a `( ... )` subshell or a function body writes, when each of its
 * statements is an echo or a printf whose output can be read (assignments and comments write
 * nothing); else not known.
 */
function groupBody(group: Node, source: BodySource, scope: ScriptScope): SiteBody {
  const chars: MappedBody = [];
  for (const statement of group.namedChildren) {
    if (statement === null || statement.type === 'comment' || statement.type === 'variable_assignment') {
      continue;
    }
    const name = statement.type === 'command' ? statement.childForFieldName('name')?.text : undefined;
    const written = name === 'echo' || name === 'printf' ? producerBody(statement, scope) : undefined;
    if (written?.chars === undefined) {
      return unknownBody(source, group);
    }
    appendAll(chars, written.chars);
  }
  return chars.length === 0 ? unknownBody(source, group) : knownBody(source, group, chars);
}

function echoBody(producer: Node, args: Node[], scope: ScriptScope): SiteBody {
  let escapes = false;
  let newline = true;
  while (args.length > 0 && /^-[neE]+$/.test(args[0].text)) {
    const flags = args.shift()!.text;
    escapes = flags.includes('e') ? true : flags.includes('E') ? false : escapes;
    newline = newline && !flags.includes('n');
  }
  if (args.length === 1) {
    const variable = soleVariable(args[0]);
    if (variable !== undefined) {
      const body = scope.variableBody(variable, producer.startIndex, escapes);
      if (body) {
        return body.chars && newline ? { ...body, chars: [...body.chars, syntheticChar('\n', args[0])] } : body;
      }
      return unknownBody('variable', producer);
    }
  }
  const chars: MappedBody = [];
  args.forEach((arg, index) => {
    if (index > 0) {
      chars.push(syntheticChar(' ', args[index - 1]));
    }
    appendAll(chars, wordBody(arg, escapes));
  });
  if (newline) {
    chars.push(syntheticChar('\n', args[args.length - 1] ?? producer));
  }
  return knownBody('echo', producer, chars);
}

/**
 * A printf argument that is one variable (`"$body"`): what the script assigned it, when that holds
 * some literal text. A variable that only holds a value (`bytes=$(du ...)`) stays itself, so the
 * value asked for is the `$bytes` written on the push line.
 */
function variableChars(arg: Node, at: number, scope: ScriptScope): MappedBody | undefined {
  const variable = soleVariable(arg);
  const body = variable === undefined ? undefined : scope.variableBody(variable, at, false);
  return body?.known ? body.chars : undefined;
}

/** `"$VAR"`, `$VAR`, `"${VAR}"`: the one variable the word is, or undefined. */
function soleVariable(word: Node): string | undefined {
  const inner = word.type === 'string' && word.namedChildCount === 1 ? word.firstNamedChild : word;
  if (inner?.type === 'simple_expansion' || (inner?.type === 'expansion' && inner.namedChildCount === 1)) {
    const name = inner.firstNamedChild;
    return name?.type === 'variable_name' ? name.text : undefined;
  }
  return undefined;
}

function knownBody(source: BodySource, node: Node, chars: MappedBody): SiteBody {
  return { source, startLine: node.startPosition.row, endLine: node.endPosition.row, known: chars.some((entry) => !entry.placeholder && entry.char.trim() !== ''), chars };
}

function unknownBody(source: BodySource, node: Node): SiteBody {
  return { source, startLine: node.startPosition.row, endLine: node.endPosition.row, known: false };
}

function heredocEndOf(command: Node): number {
  const redirect = command.parent?.type === 'redirected_statement' ? command.parent : undefined;
  return redirect ? redirect.endPosition.row : command.endPosition.row;
}

function spanOf(node: Node): ShellSpan {
  const sameLine = node.endPosition.row === node.startPosition.row;
  return { line: node.startPosition.row, start: node.startPosition.column, end: sameLine ? node.endPosition.column : node.startPosition.column + node.text.split('\n')[0].length };
}

interface Assignment {
  readonly name: string;
  readonly at: number;
  readonly append: boolean;
  readonly body: (escapes: boolean) => SiteBody;
  readonly literal?: string;
  readonly value?: Node;
  /** The value as written (`"${gateway}/metrics/job/${job}"`). */
  readonly text: string;
}

interface FileWrite {
  readonly path: string;
  readonly at: number;
  readonly append: boolean;
  readonly body: SiteBody;
}

/** What the script assigns, writes and defines, in script order, for the sites to look back on. */
class ScriptScope {
  private readonly assignments: Assignment[] = [];
  private readonly writes: FileWrite[] = [];
  private readonly functions = new Map<string, { startLine: number; endLine: number; body: Node }>();
  private byName: Map<string, Assignment[]> | undefined;
  private scriptLines: string[] | undefined;
  private writesByPath: Map<string, FileWrite[]> | undefined;

  constructor(
    root: Node,
    readonly script: string,
  ) {
    const nodes = root.descendantsOfType(['variable_assignment', 'redirected_statement', 'function_definition']).filter((node): node is Node => node !== null);
    // Every assignment first: a file write may name its file, or echo its body, through a variable.
    for (const node of nodes) {
      if (node.type === 'variable_assignment') {
        this.addAssignment(node);
      } else if (node.type === 'redirected_statement') {
        this.addRead(node);
      }
    }
    for (const node of nodes) {
      if (node.type === 'redirected_statement') {
        this.addWrites(node);
      } else if (node.type === 'function_definition') {
        this.addFunction(node);
      }
    }
  }

  private addAssignment(node: Node): void {
    const name = node.childForFieldName('name')?.text;
    const value = node.childForFieldName('value');
    if (!name) {
      return;
    }
    const substituted = value?.type === 'command_substitution' ? value.descendantsOfType('heredoc_redirect')[0] : undefined;
    const text = value?.text ?? '';
    if (substituted) {
      const body = heredocBody(substituted);
      this.assignments.push({ name, at: node.startIndex, append: isAppend(node), text, body: () => ({ ...body, source: 'variable' }) });
      return;
    }
    if (value) {
      const plain = value.type === 'string' ? value.namedChildren.every((child) => child?.type === 'string_content') : value.type === 'raw_string' || value.type === 'word';
      const literal = plain ? bodyText(wordBody(value, false)) : undefined;
      // `body="$body..."` appends as `body+="..."` does: the leading self-expansion is what was there.
      const self = selfPrefix(name, value);
      const body = (escapes: boolean) =>
        knownBody('variable', value, self ? wordBody(value, escapes).filter((entry) => !within(entry, { start: self.startPosition, end: self.endPosition })) : wordBody(value, escapes));
      this.assignments.push({ name, at: node.startIndex, append: isAppend(node) || self !== undefined, value, text, body, ...(literal !== undefined && { literal }) });
    }
  }

  /** `read -r -d '' VAR <<EOF` binds VAR to the heredoc. */
  private addRead(node: Node): void {
    const body = node.childForFieldName('body');
    const heredoc = node.childrenForFieldName('redirect').find((redirect) => redirect?.type === 'heredoc_redirect');
    if (body?.type !== 'command' || body.childForFieldName('name')?.text !== 'read' || !heredoc) {
      return;
    }
    const args = argumentsOf(body);
    const name = args[args.length - 1]?.text;
    if (name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && args.some((arg) => /^-[a-z]*d$/.test(arg.text))) {
      const keepsBlanks = body.children.some((child) => child?.type === 'variable_assignment' && child.childForFieldName('name')?.text === 'IFS');
      const heredocSite = { ...heredocBody(heredoc), ...(!keepsBlanks && { trimmed: true }) };
      this.assignments.push({ name, at: node.startIndex, append: false, text: '', body: () => ({ ...heredocSite, source: 'variable' }) });
    }
  }

  /** `cmd > file` / `>> file`, the file named literally or by a variable assigned a literal path. */
  private addWrites(node: Node): void {
    const body = node.childForFieldName('body');
    const redirects = node.childrenForFieldName('redirect').filter((redirect): redirect is Node => redirect !== null);
    const heredoc = redirects.find((redirect) => redirect.type === 'heredoc_redirect');
    if (body?.type === 'command' && body.childForFieldName('name')?.text === 'read') {
      return;
    }
    for (const redirect of redirects) {
      if (redirect.type !== 'file_redirect') {
        continue;
      }
      const operator = redirect.children.find((child) => child?.type === '>' || child?.type === '>>');
      const destination = redirect.childForFieldName('destination');
      if (!operator || !destination) {
        continue;
      }
      const written = heredoc ? { ...heredocBody(heredoc), source: 'file' as const } : body ? { ...producerBody(body, this), source: 'file' as const } : unknownBody('file', node);
      const path = this.resolvedPath(unquoted(destination.text), node.startIndex);
      this.writes.push({ path, at: node.startIndex, append: operator.type === '>>', body: written });
    }
  }

  private addFunction(node: Node): void {
    const name = node.childForFieldName('name')?.text;
    const body = node.childForFieldName('body');
    if (name && body) {
      this.functions.set(name, { startLine: node.startPosition.row, endLine: node.endPosition.row, body });
    }
  }

  /** The script's lines, split once. */
  lines(): readonly string[] {
    this.scriptLines ??= this.script.split('\n');
    return this.scriptLines;
  }

  /** A function defined in the script; its body node is only valid while the tree is. */
  functionNamed(name: string): { startLine: number; endLine: number; body: Node } | undefined {
    return this.functions.get(name);
  }

  /**
   * The body of the variable's last assignment before `at`. An accumulated one (`+=`, or
   * `body="$body..."`) is what the assignments since the last plain one write, each once and in
   * script order (in a loop, one turn of it): its literal parts are linted, expansions are
   * placeholders. A heredoc among them makes it not known.
   */
  variableBody(name: string, at: number, escapes: boolean): SiteBody | undefined {
    const before = lastBefore(this.assignmentsOf(name), at);
    if (before === undefined) {
      return undefined;
    }
    const { entries, index } = before;
    const last = entries[index];
    if (!last.append) {
      return last.body(escapes);
    }
    let start = index;
    while (start > 0 && entries[start].append) {
      start--;
    }
    const parts = entries.slice(start, index + 1).map((entry) => entry.body(escapes));
    const startLine = parts[0].startLine;
    const endLine = parts[parts.length - 1].endLine;
    if (parts.some((part) => part.chars === undefined)) {
      return { source: 'variable', startLine, endLine, known: false };
    }
    const chars: MappedBody = [];
    parts.forEach((part) => appendAll(chars, part.chars!));
    return { source: 'variable', startLine, endLine, known: chars.some((entry) => !entry.placeholder && entry.char.trim() !== ''), chars };
  }

  /** Whether an assignment to `name` before `at` writes `needle` in its value. */
  assignedBefore(name: string, at: number, needle: string): boolean {
    return this.assignmentsOf(name).some((assignment) => assignment.at < at && assignment.text.includes(needle));
  }

  /** The value node of the variable's last plain assignment before `at` (valid while the tree is). */
  assignedValueNode(name: string, at: number): Node | undefined {
    const before = lastBefore(this.assignmentsOf(name), at);
    return before?.entries[before.index].value;
  }

  /** `$out` / `${out}` as the literal path last assigned to `out`, when there is one. */
  resolvedPath(path: string, at: number): string {
    const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(path)?.[1];
    return (variable && this.literalValue(variable, at)) || path;
  }

  literalValue(name: string, at: number): string | undefined {
    const before = lastBefore(this.assignmentsOf(name), at);
    return before?.entries[before.index].literal;
  }

  private assignmentsOf(name: string): readonly Assignment[] {
    this.byName ??= groupBy(this.assignments, (assignment) => assignment.name);
    return this.byName.get(name) ?? [];
  }

  /** What the file holds at `at`: its last `>` write before, known unless `>>` appended to it since. */
  fileBody(path: string, at: number): SiteBody | undefined {
    this.writesByPath ??= groupBy(this.writes, (write) => write.path);
    const before = lastBefore(this.writesByPath.get(path) ?? [], at);
    if (before === undefined) {
      return undefined;
    }
    const { entries, index } = before;
    let start = index;
    while (start > 0 && entries[start].append) {
      start--;
    }
    const last = entries[index];
    if (start < index || last.append) {
      return { source: 'file', startLine: entries[start].body.startLine, endLine: last.body.endLine, known: false };
    }
    return last.body;
  }
}

function isAppend(assignment: Node): boolean {
  return assignment.children.some((child) => child?.type === '+=');
}

/** The `$name` / `${name}` a value starts with (`"$body..."`, `$body"..."`), or undefined. */
function selfPrefix(name: string, value: Node): Node | undefined {
  const first = value.type === 'string' || value.type === 'concatenation' ? value.namedChildren[0] : value;
  const offset = value.type === 'string' ? 1 : 0;
  if (!first || first.startIndex !== value.startIndex + offset) {
    return undefined;
  }
  const inner = first.type === 'simple_expansion' || (first.type === 'expansion' && first.namedChildCount === 1) ? first.firstNamedChild : undefined;
  return inner?.type === 'variable_name' && inner.text === name ? first : undefined;
}

function within(entry: { line: number; column: number }, span: { readonly start: Position; readonly end: Position }): boolean {
  const { start, end } = span;
  const afterStart = entry.line > start.row || (entry.line === start.row && entry.column >= start.column);
  const beforeEnd = entry.line < end.row || (entry.line === end.row && entry.column < end.column);
  return afterStart && beforeEnd;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) {
      group.push(item);
    } else {
      groups.set(key(item), [item]);
    }
  }
  return groups;
}

/** The last of `entries` (in script order) that starts before `at`, by binary search. */
function lastBefore<T extends { readonly at: number }>(entries: readonly T[], at: number): { entries: readonly T[]; index: number } | undefined {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (entries[middle].at < at) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low === 0 ? undefined : { entries, index: low - 1 };
}

/** The sites of `script`, or undefined should the parse or the finder fail: callers fall back to the heredoc finder alone. */
export function treePushSitesOf(parser: { parse<T>(text: string, read: (root: Node) => T): T }, script: string): TreePushSite[] | undefined {
  try {
    const { sites, nested } = parser.parse(script, (root) => findSites(root, script));
    // One level of `sh -c "..."` is enough for what scripts do (`kubectl exec ... -- sh -c "$CMD"`).
    for (const inner of nested) {
      const innerSites = parser.parse(inner.text, (root) => findTreePushSites(root, inner.text));
      appendAll(
        sites,
        innerSites.map((site) => shiftSite(site, inner)),
      );
    }
    return sites.sort((a, b) => a.line - b.line || a.urlSpan.start - b.urlSpan.start);
  } catch {
    return undefined;
  }
}
