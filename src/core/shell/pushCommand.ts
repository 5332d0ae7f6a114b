import { LexedCommand, LexedWord } from './lexer';
import { wordValue, WordValue } from './words';

// Reads what a curl, wget or httpie command line sends: the method, the Pushgateway URL (the first
// argument containing `/metrics/job`) and whether the request body comes from stdin.
export type PushTool = 'curl' | 'wget' | 'http';

export interface UrlArgument {
  readonly word: LexedWord;
  readonly value: WordValue;
}

export interface CommandRequest {
  readonly tool: PushTool;
  readonly toolWord: LexedWord;
  /** The method, upper-cased; undefined for a plain GET (no method named, no body option). */
  readonly method?: string;
  readonly url?: UrlArgument;
  /** Whether the request body is read from stdin (`--data-binary @-`, `-T -`, httpie with stdin). */
  readonly readsStdin: boolean;
  /** The option, as written, that makes the command read its body from stdin. */
  readonly stdinOption?: string;
}

const TOOLS: ReadonlyMap<string, PushTool> = new Map<string, PushTool>([
  ['curl', 'curl'],
  ['wget', 'wget'],
  ['http', 'http'],
  ['https', 'http'],
]);

const PUSH_ROUTE = '/metrics/job';
const STDIN_FILES = new Set(['-', '/dev/stdin']);

/**
 * The request made by a command, when its first word named curl, wget or http(s) (after any
 * wrapper: `sudo`, `timeout 5`, `docker run curlimages/curl`...). `stdinFed` tells whether a
 * heredoc or pipe feeds its stdin, which is what makes httpie send a body.
 */
export function analyzeCommand(text: string, command: LexedCommand, stdinFed: boolean): CommandRequest | undefined {
  const words = command.words.filter((word) => !word.redirectTarget);
  const found = findTool(text, words);
  if (found === undefined) {
    return undefined;
  }
  const args = new Arguments(text, words.slice(found.index + 1));
  const toolWord = words[found.index];
  switch (found.tool) {
    case 'curl':
      return { tool: 'curl', toolWord, ...curlRequest(args) };
    case 'wget':
      return { tool: 'wget', toolWord, ...wgetRequest(args) };
    default:
      return { tool: 'http', toolWord, ...httpieRequest(args, stdinFed) };
  }
}

function findTool(text: string, words: readonly LexedWord[]): { index: number; tool: PushTool } | undefined {
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const written = text.slice(word.start, word.end);
    if (!written.includes('curl') && !written.includes('wget') && !written.includes('http')) {
      continue;
    }
    const value = wordValue(text, word.start, word.end).value;
    const tool = TOOLS.get(value.slice(value.lastIndexOf('/') + 1));
    if (tool !== undefined) {
      return { index, tool };
    }
  }
  return undefined;
}

/** A command's arguments after the tool, as the shell passes them (quotes removed, expansions as written). */
export interface ArgumentTexts {
  readonly length: number;
  written(index: number): string;
}

/** The arguments after the tool, with their values computed once and only when looked at. */
class Arguments implements ArgumentTexts {
  private readonly values = new Map<number, WordValue>();

  constructor(
    private readonly text: string,
    readonly words: readonly LexedWord[],
  ) {}

  get length(): number {
    return this.words.length;
  }

  value(index: number): WordValue {
    let value = this.values.get(index);
    if (value === undefined) {
      const word = this.words[index];
      value = wordValue(this.text, word.start, word.end);
      this.values.set(index, value);
    }
    return value;
  }

  written(index: number): string {
    return this.value(index).value;
  }

  url(index: number): UrlArgument {
    return { word: this.words[index], value: this.value(index) };
  }
}

export interface OptionSyntax {
  /** Short options that take an argument (attached, `-XPUT`, or as the next word). */
  readonly shortWithArgument: string;
  readonly longWithArgument: ReadonlySet<string>;
  /** Whether `--name=value` is accepted (wget, httpie; curl only knows `--name value`). */
  readonly longEquals: boolean;
}

/**
 * Receives an option, its argument, the index of the argument's own word when it has one (else the
 * argument is attached: `-d@-`, `--post-file=f`), and the index of the option's word.
 */
export type OptionHandler = (name: string, argument: string | undefined, argumentIndex: number | undefined, optionIndex: number) => void;

/** Walks a command line the way curl, wget or httpie reads it: grouped short options, attached values, `--`. */
export function walkArguments(args: ArgumentTexts, syntax: OptionSyntax, onOption: OptionHandler, onPositional: (index: number) => void): void {
  let positionalOnly = false;
  for (let index = 0; index < args.length; index++) {
    const written = args.written(index);
    if (positionalOnly || !written.startsWith('-') || written === '-') {
      onPositional(index);
    } else if (written === '--') {
      positionalOnly = true;
    } else if (written.startsWith('--')) {
      index = longOption(args, index, written, syntax, onOption);
    } else {
      index = shortOptions(args, index, written, syntax, onOption);
    }
  }
}

function longOption(args: ArgumentTexts, index: number, written: string, syntax: OptionSyntax, onOption: OptionHandler): number {
  const equals = written.indexOf('=');
  if (syntax.longEquals && equals > 0) {
    onOption(written.slice(0, equals), written.slice(equals + 1), undefined, index);
    return index;
  }
  if (syntax.longWithArgument.has(written) && index + 1 < args.length) {
    onOption(written, args.written(index + 1), index + 1, index);
    return index + 1;
  }
  onOption(written, undefined, undefined, index);
  return index;
}

/** A cluster such as `-sSfX PUT` or `-XPUT`: flags up to the first option that takes an argument. */
function shortOptions(args: ArgumentTexts, index: number, written: string, syntax: OptionSyntax, onOption: OptionHandler): number {
  for (let j = 1; j < written.length; j++) {
    const name = `-${written[j]}`;
    if (!syntax.shortWithArgument.includes(written[j])) {
      onOption(name, undefined, undefined, index);
    } else if (j + 1 < written.length) {
      onOption(name, written.slice(j + 1), undefined, index);
      return index;
    } else if (index + 1 < args.length) {
      onOption(name, args.written(index + 1), index + 1, index);
      return index + 1;
    } else {
      onOption(name, undefined, undefined, index);
    }
  }
  return index;
}

type RequestParts = Omit<CommandRequest, 'tool' | 'toolWord'>;

/** Remembers the first argument that looks like a push URL. */
class UrlFinder {
  found: UrlArgument | undefined;

  constructor(private readonly args: Arguments) {}

  consider(index: number): void {
    if (this.found === undefined && this.args.written(index).includes(PUSH_ROUTE)) {
      this.found = this.args.url(index);
    }
  }
}

export const CURL_SYNTAX: OptionSyntax = {
  shortWithArgument: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  longWithArgument: new Set([
    '--abstract-unix-socket',
    '--aws-sigv4',
    '--cacert',
    '--capath',
    '--cert',
    '--cert-type',
    '--ciphers',
    '--config',
    '--connect-timeout',
    '--connect-to',
    '--continue-at',
    '--cookie',
    '--cookie-jar',
    '--data',
    '--data-ascii',
    '--data-binary',
    '--data-raw',
    '--data-urlencode',
    '--dns-servers',
    '--doh-url',
    '--dump-header',
    '--expect100-timeout',
    '--form',
    '--form-string',
    '--header',
    '--interface',
    '--json',
    '--keepalive-time',
    '--key',
    '--key-type',
    '--limit-rate',
    '--local-port',
    '--max-filesize',
    '--max-redirs',
    '--max-time',
    '--netrc-file',
    '--noproxy',
    '--oauth2-bearer',
    '--output',
    '--output-dir',
    '--pass',
    '--pinnedpubkey',
    '--proto',
    '--proto-default',
    '--proto-redir',
    '--proxy',
    '--proxy-header',
    '--proxy-user',
    '--quote',
    '--range',
    '--rate',
    '--referer',
    '--request',
    '--request-target',
    '--resolve',
    '--retry',
    '--retry-delay',
    '--retry-max-time',
    '--speed-limit',
    '--speed-time',
    '--stderr',
    '--time-cond',
    '--trace',
    '--trace-ascii',
    '--unix-socket',
    '--upload-file',
    '--url',
    '--url-query',
    '--user',
    '--user-agent',
    '--variable',
    '--write-out',
  ]),
  longEquals: false,
};

const CURL_DATA_OPTIONS = new Set(['-d', '--data', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
const CURL_FORM_OPTIONS = new Set(['--data-raw', '-F', '--form', '--form-string']);

function curlRequest(args: Arguments): RequestParts {
  const urls = new UrlFinder(args);
  let explicit: string | undefined;
  let upload = false;
  let data = false;
  let get = false;
  let stdinOption: string | undefined;
  const onOption: OptionHandler = (name, argument, argumentIndex) => {
    if (name === '-X' || name === '--request') {
      explicit = argument?.toUpperCase();
    } else if (name === '-T' || name === '--upload-file') {
      upload = true;
      stdinOption ??= argument === '-' || argument === '.' ? name : undefined;
    } else if (CURL_DATA_OPTIONS.has(name)) {
      data = true;
      stdinOption ??= argument === '@-' || argument === '@/dev/stdin' ? name : undefined;
    } else if (CURL_FORM_OPTIONS.has(name)) {
      data = true;
    } else if (name === '-G' || name === '--get') {
      get = true;
    } else if (name === '--url' && argumentIndex !== undefined) {
      urls.consider(argumentIndex);
    }
  };
  walkArguments(args, CURL_SYNTAX, onOption, (index) => urls.consider(index));
  const implied = get ? undefined : upload ? 'PUT' : data ? 'POST' : undefined;
  return { method: explicit ?? implied, url: urls.found, readsStdin: stdinOption !== undefined, stdinOption };
}

export const WGET_SYNTAX: OptionSyntax = {
  shortWithArgument: 'aABDeiIloOPQRtTUwX',
  longWithArgument: new Set([
    '--append-output',
    '--base',
    '--bind-address',
    '--body-data',
    '--body-file',
    '--ca-certificate',
    '--ca-directory',
    '--certificate',
    '--certificate-type',
    '--config',
    '--connect-timeout',
    '--directory-prefix',
    '--dns-timeout',
    '--domains',
    '--execute',
    '--header',
    '--http-password',
    '--http-user',
    '--input-file',
    '--limit-rate',
    '--load-cookies',
    '--method',
    '--output-document',
    '--output-file',
    '--password',
    '--post-data',
    '--post-file',
    '--private-key',
    '--private-key-type',
    '--proxy-password',
    '--proxy-user',
    '--quota',
    '--read-timeout',
    '--referer',
    '--save-cookies',
    '--timeout',
    '--tries',
    '--user',
    '--user-agent',
    '--wait',
    '--waitretry',
  ]),
  longEquals: true,
};

function wgetRequest(args: Arguments): RequestParts {
  const urls = new UrlFinder(args);
  let explicit: string | undefined;
  let post = false;
  let stdinOption: string | undefined;
  const onOption: OptionHandler = (name, argument) => {
    if (name === '--method') {
      explicit = argument?.toUpperCase();
    } else if (name === '--post-file' || name === '--post-data') {
      post = true;
    }
    if ((name === '--post-file' || name === '--body-file') && argument !== undefined && STDIN_FILES.has(argument)) {
      stdinOption ??= name;
    }
  };
  walkArguments(args, WGET_SYNTAX, onOption, (index) => urls.consider(index));
  return { method: explicit ?? (post ? 'POST' : undefined), url: urls.found, readsStdin: stdinOption !== undefined, stdinOption };
}

export const HTTPIE_SYNTAX: OptionSyntax = {
  shortWithArgument: 'aAops',
  longWithArgument: new Set([
    '--auth',
    '--auth-type',
    '--boundary',
    '--cert',
    '--cert-key',
    '--cert-key-pass',
    '--ciphers',
    '--default-scheme',
    '--format-options',
    '--max-headers',
    '--max-redirects',
    '--output',
    '--pretty',
    '--print',
    '--proxy',
    '--raw',
    '--response-charset',
    '--response-mime',
    '--session',
    '--session-read-only',
    '--ssl',
    '--style',
    '--timeout',
    '--verify',
  ]),
  longEquals: true,
};

const METHOD_WORD = /^[A-Za-z]+$/;

/** `http [options] [METHOD] URL [items]`: with a body on stdin and no METHOD, httpie POSTs. */
function httpieRequest(args: Arguments, stdinFed: boolean): RequestParts {
  let ignoresStdin = false;
  const positionals: number[] = [];
  const onOption: OptionHandler = (name) => {
    if (name === '--ignore-stdin' || name === '-I') {
      ignoresStdin = true;
    }
  };
  walkArguments(args, HTTPIE_SYNTAX, onOption, (index) => positionals.push(index));
  const urlAt = positionals.findIndex((index) => args.written(index).includes(PUSH_ROUTE));
  const readsStdin = stdinFed && !ignoresStdin;
  const methodWord = urlAt === 1 ? args.written(positionals[0]) : undefined;
  const explicit = methodWord !== undefined && METHOD_WORD.test(methodWord) ? methodWord.toUpperCase() : undefined;
  return {
    method: explicit ?? (readsStdin ? 'POST' : undefined),
    url: urlAt < 0 ? undefined : args.url(positionals[urlAt]),
    readsStdin,
  };
}
