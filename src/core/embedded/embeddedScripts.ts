import { isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments, YAMLMap } from 'yaml';
import { kindByShebang } from '../files/fileKind';
import { scalarSource, SourcedText } from './scalarSource';

// Shell scripts written inside YAML, found where the tools that run them look:
// - a container's `command`/`args` (Kubernetes Pod, Job, CronJob, Deployment...; docker-compose's
//   list-form `entrypoint`/`command`) running `sh -c SCRIPT` or `bash -c SCRIPT` (`command: [sh,
//   -c]` + `args: [SCRIPT]` too), and Concourse's `run: {path: sh, args: [-c, SCRIPT]}`;
// - an Argo Workflows script template's `source` run by a shell `command`, and a Tekton step's
//   `script` (a step of a list, with an `image`; sh unless its `#!` says otherwise);
// - a GitHub Actions step's `run:`, run by bash unless `shell:` (or `defaults.run.shell`) says
//   another program, or the job runs on Windows (PowerShell by default);
// - a Drone or Woodpecker step's `commands:` (beside its `image:`), a list of lines like GitLab's;
// - a GitLab CI job's `script:`, `before_script:`, `after_script:`, a string or a list of lines run
//   one after the other by one shell (so they are read as one script, a line each);
// - an Ansible task's `shell:` (also `ansible.builtin.shell:`, `ansible.legacy.shell:`), free-form
//   or `{cmd: SCRIPT}`, run by /bin/sh unless `executable` (in the map or in `args:`) names another.
// Each script keeps, per character, where it is written in the YAML, so that findings land there.

export type ScriptOrigin = 'command' | 'run' | 'script' | 'shell';

export interface EmbeddedScript {
  readonly origin: ScriptOrigin;
  /** The script as the shell gets it, template expressions aside (see `templateExpressionsAsVariables`). */
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** The template expressions by the variable that stands for each in `text`, and where those are. */
  readonly expressions: ReadonlyMap<string, string>;
  readonly expressionSpans: readonly { readonly start: number; readonly end: number }[];
  /** The kind of Kubernetes manifest (`CronJob`, `Job`) whose pod runs the script: a new pod, with a new host name, on every run. */
  readonly podOf?: string;
}

/**
 * A script that may push (it names curl, wget, httpie or a `/metrics/job` path) but is not
 * analysed, because its characters cannot be put back on the YAML exactly. Other refused scripts
 * are not reported: a note on every folded `args` of a repository would only be noise.
 */
export interface RefusedScript {
  readonly origin: ScriptOrigin;
  /** 0-based line of the YAML where the script's value starts. */
  readonly line: number;
  readonly reason: string;
}

export interface EmbeddedScripts {
  readonly scripts: EmbeddedScript[];
  readonly refused: RefusedScript[];
  /** 0-based line and column in the YAML of an offset of the YAML text. */
  readonly position: (offset: number) => { line: number; column: number };
}

/** Manifests that start a new pod for every run. */
const PER_RUN_POD_KINDS = new Set(['CronJob', 'Job']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const GITLAB_SCRIPT_KEYS = ['before_script', 'script', 'after_script'];
const MAY_PUSH = /\b(?:curl|wget|http|https|xh)\b|\/metrics\/job\b/;
/** The keys of Ansible's shell module in a task. */
const ANSIBLE_SHELL_KEYS = ['shell', 'ansible.builtin.shell', 'ansible.legacy.shell'];
/**
 * The options Ansible takes out of a free-form `shell:` line (`chdir=/srv creates=/x`) before the
 * shell sees it: blanked, so that curl does not read `chdir=/srv` as one more URL.
 */
const ANSIBLE_FREE_FORM_OPTION = /(?<=^|[ \t])(chdir|creates|removes|executable|stdin|stdin_add_newline|strip_empty_ends|warn)=("[^"\n]*"|'[^'\n]*'|[^\s'"]*)(?=[ \t]|$)/gm;
const TEMPLATE_EXPRESSION = /\$?\{\{.*?\}\}/g;
const JINJA_TEMPLATE = /\$?\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}/g;
/** `-c`, `-ec`, `-xc`, `-euxc`...: the flags of a shell that take the script as the next argument. */
const COMMAND_FLAG = /^-[a-zA-Z]*c[a-zA-Z]*$/;

/**
 * The shell scripts of every document of a YAML stream. A document with YAML errors is read as far
 * as the parser got: a Helm template (`name: {{ .Release.Name }}-x`) is not YAML until rendered,
 * yet its scripts are whole; each script is checked against its source character by character.
 */
export function findEmbeddedScripts(yaml: string): EmbeddedScripts {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line - 1, column: col - 1 };
  };
  const found: EmbeddedScripts = { scripts: [], refused: [], position };
  const documents = parseAllDocuments(yaml, { lineCounter, keepSourceTokens: true });
  if (!Array.isArray(documents)) {
    return found;
  }
  const finder = new ScriptFinder(yaml, found);
  for (const document of documents) {
    if (isMap(document.contents)) {
      const kind = scalarString(document.contents.get('kind', true));
      finder.podOf = kind !== undefined && PER_RUN_POD_KINDS.has(kind) ? kind : undefined;
      finder.gitlabJobs(document.contents);
      finder.visit(document.contents, { windows: false });
    } else if (isSeq(document.contents)) {
      // An Ansible playbook or tasks file is a list.
      finder.podOf = undefined;
      finder.visit(document.contents, { windows: false });
    }
  }
  found.scripts.sort((a, b) => (a.starts[0] ?? 0) - (b.starts[0] ?? 0));
  return found;
}

interface Context {
  /** The shell of `defaults.run.shell` of the workflow or job around. */
  readonly defaultShell?: string;
  readonly windows: boolean;
}

class ScriptFinder {
  /** The kind of the current document when its pods are new on every run. */
  podOf: string | undefined;

  constructor(
    private readonly yaml: string,
    private readonly found: EmbeddedScripts,
  ) {}

  /** Every map of the tree, with the workflow defaults that reach it. */
  visit(node: unknown, context: Context, listItem = false): void {
    if (isSeq(node)) {
      for (const item of node.items) {
        this.visit(item, context, true);
      }
      return;
    }
    if (!isMap(node)) {
      return;
    }
    const inner = innerContext(node, context);
    this.containerCommand(node);
    this.workflowStep(node, inner);
    this.scriptTemplate(node, listItem);
    this.ciStepCommands(node);
    this.ansibleShellTask(node, listItem);
    for (const pair of node.items) {
      this.visit(pair.value, inner);
    }
  }

  /** Argo's `script: {command: [bash], source: SCRIPT}`; a Tekton step `{image, script: SCRIPT}` in a list of steps. */
  private scriptTemplate(map: YAMLMap, listItem: boolean): void {
    const source = map.get('source', true);
    const command = seqItems(map.get('command', true)).map(scalarString);
    if (isScalar(source) && typeof source.value === 'string' && command.length > 0 && SHELLS.has(programName(command[0] ?? ''))) {
      this.add('script', [source]);
    }
    const script = map.get('script', true);
    if (listItem && map.has('image') && isScalar(script) && typeof script.value === 'string') {
      this.add('script', [script]);
    }
  }

  /** `command` + `args` (a container), compose's `entrypoint` + `command`, or Concourse's `run: {path, args}`. */
  private containerCommand(map: YAMLMap): void {
    const runs = map.get('run', true);
    const concourse = isMap(runs) && isScalar(runs.get('path', true)) ? runs : undefined;
    const entrypoint = seqItems(map.get('entrypoint', true));
    const argv = concourse
      ? [concourse.get('path', true), ...seqItems(concourse.get('args', true))]
      : entrypoint.length > 0
        ? [...entrypoint, ...seqItems(map.get('command', true))]
        : [...seqItems(map.get('command', true)), ...seqItems(map.get('args', true))];
    const script = shellCommandScript(argv);
    if (script !== undefined) {
      this.add('command', [script]);
    }
  }

  /** A GitHub Actions step: `run:` beside `uses`-less step keys, run by the step's shell. */
  private workflowStep(map: YAMLMap, context: Context): void {
    const run = map.get('run', true);
    if (!isScalar(run) || typeof run.value !== 'string') {
      return;
    }
    const shell = scalarString(map.get('shell', true)) ?? context.defaultShell ?? (context.windows ? 'pwsh' : 'bash');
    if (SHELLS.has(programName(shell))) {
      this.add('run', [run]);
    }
  }

  /** A Drone or Woodpecker CI step: `{image, commands: [lines]}`, the lines run one after the other by one shell. */
  private ciStepCommands(map: YAMLMap): void {
    const lines = flatItems(map.get('commands', true));
    if (map.has('image') && lines.length > 0 && lines.every((line) => isScalar(line) && typeof line.value === 'string')) {
      this.add('script', lines);
    }
  }

  /**
   * An Ansible task (an item of a list of tasks) running the shell module: `shell: SCRIPT`,
   * `shell: {cmd: SCRIPT}`, or `shell:` alone with the script in `args: {cmd: SCRIPT}`. A GitHub
   * step's `shell: bash` sits beside `run:`, and a module's own `shell:` option (the user module's
   * login shell) is not in a list item: neither is a script.
   */
  private ansibleShellTask(map: YAMLMap, listItem: boolean): void {
    if (!listItem || map.has('run')) {
      return;
    }
    for (const key of ANSIBLE_SHELL_KEYS) {
      const value = map.get(key, true);
      const args = map.get('args', true);
      const scriptInArgs = isScalar(value) && value.value === null && isMap(args);
      const script = isMap(value) ? value.get('cmd', true) : scriptInArgs ? args.get('cmd', true) : value;
      if (!isScalar(script) || typeof script.value !== 'string') {
        continue;
      }
      const freeForm = !isMap(value) && !scriptInArgs;
      const ownExecutable = isMap(value) ? scalarString(value.get('executable', true)) : freeForm ? freeFormExecutable(script.value) : undefined;
      const executable = ownExecutable ?? (isMap(args) ? scalarString(args.get('executable', true)) : undefined);
      // A templated executable (`{{ shell }}`) is not known: the script is read as the shell's.
      if (executable === undefined || executable.includes('{{') || SHELLS.has(programName(executable))) {
        this.add('shell', [script], { freeForm });
      }
    }
  }

  /** A GitLab CI job is a top-level map with a `script`; `default:` and the old top-level `before_script` too. */
  gitlabJobs(root: YAMLMap): void {
    const jobs = [root, ...root.items.map((pair) => pair.value).filter((value): value is YAMLMap => isMap(value))];
    for (const job of jobs) {
      for (const key of GITLAB_SCRIPT_KEYS) {
        const value = job.get(key, true);
        const lines = isScalar(value) ? [value] : flatItems(value);
        if (lines.length > 0 && lines.every((line) => isScalar(line) && typeof line.value === 'string')) {
          this.add('script', lines);
        }
      }
    }
  }

  /** The scalars joined by line breaks (mapped to the end of the line before) as one script. */
  private add(origin: ScriptOrigin, scalars: readonly unknown[], ansible?: { readonly freeForm: boolean }): void {
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    for (const scalar of scalars) {
      const source = scalarSource(scalar, this.yaml);
      if (!source.ok) {
        if (isScalar(scalar) && MAY_PUSH.test(String(scalar.value))) {
          this.found.refused.push({ origin, line: this.found.position(scalar.range?.[0] ?? 0).line, reason: source.reason });
        }
        return;
      }
      if (text !== '') {
        const last = ends[ends.length - 1];
        text += '\n';
        starts.push(last);
        ends.push(last);
      }
      text += source.value.text;
      appendSourced(starts, ends, source.value);
    }
    // Template expressions first, so that an option's value written as one (`chdir={{ dir }}`) goes with it.
    const templated = templateExpressionsAsVariables(text, ansible !== undefined);
    const script = ansible?.freeForm === true ? { ...templated, text: withoutFreeFormOptions(templated.text) } : templated;
    if (!isOtherLanguage(script.text)) {
      this.found.scripts.push({ origin, starts, ends, ...script, ...(this.podOf !== undefined && { podOf: this.podOf }) });
    }
  }
}

function appendSourced(starts: number[], ends: number[], text: SourcedText): void {
  for (let index = 0; index < text.text.length; index++) {
    starts.push(text.starts[index]);
    ends.push(text.ends[index]);
  }
}

/** An Ansible free-form line with its options blanked, every other character in its place. */
function withoutFreeFormOptions(text: string): string {
  return text.replace(ANSIBLE_FREE_FORM_OPTION, (option) => ' '.repeat(option.length));
}

/** The program a free-form `shell:` line names with `executable=`, if it does. */
function freeFormExecutable(text: string): string | undefined {
  for (const [, option, value] of text.matchAll(ANSIBLE_FREE_FORM_OPTION)) {
    if (option === 'executable') {
      return value.replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  return undefined;
}

/** A `#!` line naming another interpreter (a Python `run:` with its own shebang). */
function isOtherLanguage(script: string): boolean {
  return script.startsWith('#!') && kindByShebang(script) !== 'shell';
}

function innerContext(map: YAMLMap, context: Context): Context {
  const defaults = map.get('defaults', true);
  const run = isMap(defaults) ? defaults.get('run', true) : undefined;
  const shell = isMap(run) ? scalarString(run.get('shell', true)) : undefined;
  const runsOn = map.get('runs-on', true);
  const windows = context.windows || (isScalar(runsOn) && /windows/i.test(String(runsOn.value)));
  return { ...context, windows, ...(shell !== undefined && { defaultShell: shell }) };
}

/** `sh -c SCRIPT`, `/bin/bash -ec SCRIPT`, `bash -o pipefail -c SCRIPT`, `busybox sh -c SCRIPT`: the SCRIPT node. */
function shellCommandScript(argv: readonly unknown[]): unknown {
  const words = argv.map((item) => scalarString(item) ?? '');
  let index = words[0] !== undefined && programName(words[0]) === 'busybox' ? 1 : 0;
  if (!SHELLS.has(programName(words[index] ?? ''))) {
    return undefined;
  }
  for (index++; index < words.length; index++) {
    if (COMMAND_FLAG.test(words[index])) {
      return argv[index + 1];
    }
    if (words[index] === '-o') {
      index++;
    } else if (!words[index].startsWith('-')) {
      return undefined;
    }
  }
  return undefined;
}

/** `/bin/bash -e {0}` → `bash`. */
function programName(command: string): string {
  return (command.trim().split(/\s+/)[0] ?? '').split('/').pop() ?? '';
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

/** GitLab lets a `script` list hold lists (from anchors and `!reference`): one level is flattened. */
function flatItems(node: unknown): Node[] {
  return isSeq(node) ? node.items.flatMap((item) => (isSeq(item) ? (item.items as Node[]) : [item as Node])) : [];
}

/**
 * Template expressions are replaced before the shell runs: GitHub's `${{ expr }}`, Helm's and
 * Jinja's `{{ .Values.x }}`, and (`jinja`, for Ansible) Jinja's `{% statements %}` and `{# comments #}`,
 * whose lines Ansible renders away or repeats. Each is an unknown value, like a shell expansion: it
 * becomes a shell variable of the same length (`${_0_____}`, the name numbers it), so that the shell
 * analysis takes it for a placeholder and every character keeps its place. Inside single quotes the
 * shell would read the variable literally, so findings touching an expression are dropped by its
 * span too.
 */
export function templateExpressionsAsVariables(script: string, jinja = false): Pick<EmbeddedScript, 'text' | 'expressions' | 'expressionSpans'> {
  const expressions = new Map<string, string>();
  const expressionSpans: { start: number; end: number }[] = [];
  const text = script.replace(jinja ? JINJA_TEMPLATE : TEMPLATE_EXPRESSION, (expression, offset: number) => {
    const name = `_${expressions.size.toString(36)}_`;
    if (name.length > expression.length - 3) {
      return expression;
    }
    const variable = `\${${name.padEnd(expression.length - 3, '_')}}`;
    expressions.set(variable, expression);
    expressionSpans.push({ start: offset, end: offset + expression.length });
    return variable;
  });
  return { text, expressions, expressionSpans };
}

/** A text of the script (a URL) with the template expressions put back as written. */
export function asWritten(script: EmbeddedScript, text: string): string {
  return script.expressions.size === 0 ? text : text.replace(/\$\{_[0-9a-z]+_+\}/g, (variable) => script.expressions.get(variable) ?? variable);
}
