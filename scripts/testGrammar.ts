// `npm run test:grammar`: the TextMate grammar tests in test/grammar/, run by vscode-tmgrammar-test
// against our two grammars and the shell grammar that VS Code ships (taken from the offline host
// cache, installed first when missing).
//   *.prom  `# SYNTAX TEST "source.prometheus-exposition"`: the exposition grammar on its own
//   *.sh    `# SYNTAX TEST "source.shell"`: the heredoc injection inside VS Code's shell grammar
// Before that it checks that the injection's `expanding-*` rules still mirror the exposition rules
// they copy. Exits with the tool's exit code (1 when only the mirror check fails).
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, ensureHost } from './host/installHost';
import { hostCacheDir, repoRoot } from './host/paths';

const EXPOSITION_GRAMMAR = path.join('syntaxes', 'prometheus-exposition.tmLanguage.json');
const INJECTION_GRAMMAR = path.join('syntaxes', 'prometheus-exposition-heredoc.injection.tmLanguage.json');
/** Declares `injectTo: ["source.shell"]` for the injection, which `-g` alone cannot express. */
const INJECTION_CONFIG = path.join('test', 'grammar', 'grammars.json');
const TEST_GLOBS = ['test/grammar/**/*.prom', 'test/grammar/**/*.sh'];
const EXPOSITION_SCOPE = 'source.prometheus-exposition';
const MIRROR_PREFIX = 'expanding-';
/** What every mirrored rule tries before the exposition patterns. */
const SHELL_PATTERNS = ['#shell-escape', '#shell-expansions'];
/** The tool loops forever on some malformed assertion lines (e.g. two ` - ` in one line). */
const TOOL_TIMEOUT_MS = 120_000;

interface RawRule {
  readonly begin?: string;
  readonly patterns?: readonly { readonly include?: string }[];
  readonly [field: string]: unknown;
}

interface RawGrammar {
  readonly repository: Readonly<Record<string, RawRule>>;
}

function shellGrammarPath(): string {
  return path.join(hostCacheDir(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json');
}

function readGrammar(root: string, file: string): RawGrammar {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as RawGrammar;
}

/** JSON with sorted keys, so that two rules compare equal whatever order their fields are written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function withoutPatterns(rule: RawRule): string {
  return canonical({ ...rule, patterns: undefined });
}

function includes(rule: RawRule): string[] {
  return (rule.patterns ?? []).map((pattern) => pattern.include ?? '(inline pattern)');
}

/**
 * What a mirror must include in place of an exposition `#key`: the mirror of that rule when the rule
 * opens a nested context (where shell expansions must stay visible), the exposition rule itself otherwise.
 */
function mirroredInclude(include: string, exposition: RawGrammar): string {
  const key = include.replace(/^#/, '');
  return exposition.repository[key]?.begin === undefined ? `${EXPOSITION_SCOPE}${include}` : `#${MIRROR_PREFIX}${key}`;
}

function mirrorProblems(mirrorKey: string, mirror: RawRule, exposition: RawGrammar, injection: RawGrammar): string[] {
  const originalKey = mirrorKey.slice(MIRROR_PREFIX.length);
  const original = exposition.repository[originalKey];
  if (original === undefined) {
    return [`${mirrorKey}: the exposition grammar has no rule "${originalKey}"`];
  }
  const problems: string[] = [];
  if (withoutPatterns(mirror) !== withoutPatterns(original)) {
    problems.push(`${mirrorKey}: begin, end, names or captures differ from the exposition rule "${originalKey}"`);
  }
  const expected = [...SHELL_PATTERNS, ...includes(original).map((include) => mirroredInclude(include, exposition))];
  if (canonical(includes(mirror)) !== canonical(expected)) {
    problems.push(`${mirrorKey}: patterns should be ${expected.join(', ')}`);
  }
  const missing = expected.filter((include) => include.startsWith(`#${MIRROR_PREFIX}`) && !(include.slice(1) in injection.repository));
  return [...problems, ...missing.map((include) => `${mirrorKey}: includes ${include}, which does not exist`)];
}

/** The injection copies the exposition rules that open nested contexts, adding shell expansions to each. */
function checkMirroredRules(root: string): boolean {
  const exposition = readGrammar(root, EXPOSITION_GRAMMAR);
  const injection = readGrammar(root, INJECTION_GRAMMAR);
  const mirrors = Object.entries(injection.repository).filter(([key]) => key.startsWith(MIRROR_PREFIX));
  const problems = mirrors.flatMap(([key, rule]) => mirrorProblems(key, rule, exposition, injection));
  for (const problem of problems) {
    console.error(`✗ ${INJECTION_GRAMMAR}: ${problem}`);
  }
  if (problems.length === 0) {
    console.log(`✓ ${INJECTION_GRAMMAR}: its ${mirrors.length} expanding-* rules mirror the exposition grammar.`);
  }
  return problems.length === 0;
}

function toolEntry(root: string): string {
  const toolDir = path.join(root, 'node_modules', 'vscode-tmgrammar-test');
  const manifest = JSON.parse(fs.readFileSync(path.join(toolDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return path.join(toolDir, manifest.bin['vscode-tmgrammar-test']);
}

function stopAfterTimeout(child: ChildProcess): NodeJS.Timeout {
  return setTimeout(() => {
    console.error(`✗ vscode-tmgrammar-test did not finish within ${TOOL_TIMEOUT_MS / 1000} s: look for a malformed assertion line.`);
    child.kill('SIGKILL');
  }, TOOL_TIMEOUT_MS);
}

/** Runs the tool with its output on our stdout (one line per test file); resolves to its exit code. */
function runGrammarTests(root: string): Promise<number> {
  const args = [toolEntry(root), '--config', INJECTION_CONFIG, '-g', EXPOSITION_GRAMMAR, '-g', INJECTION_GRAMMAR, '-g', shellGrammarPath(), ...TEST_GLOBS];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    const timer = stopAfterTimeout(child);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  await ensureHost((line) => console.log(line));
  const root = repoRoot();
  const mirrorsOk = checkMirroredRules(root);
  const toolExitCode = await runGrammarTests(root);
  const exitCode = toolExitCode !== 0 ? toolExitCode : mirrorsOk ? 0 : 1;
  console.log(exitCode === 0 ? 'Grammar tests: all files pass.' : `Grammar tests FAILED (exit code ${exitCode}).`);
  process.exitCode = exitCode;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
