import * as os from 'node:os';
import * as vscode from 'vscode';
import { Diagnostic } from '../core/exposition/diagnostic';
import { HeredocVariable } from '../core/shell/heredocPush';
import { MetricHeredoc } from '../core/shell/heredocs';
import { ShellScriptLint } from '../core/shell/lintShellScript';
import { readsTheClock, suggestedValue } from '../core/shell/suggestedValues';
import { UserPrompts } from '../ui/prompts';

const HEREDOC_VALUES_KEY = 'pushgateway.heredocValues';

/**
 * The value of each shell expansion of a script's push or delete: asked once per workspace (suggested
 * from the script, the clock or the host name), then the remembered one, or for `$(date +%s)` the
 * clock's; `askAgain` asks every one again, offering the remembered value. Undefined when cancelled.
 */
export async function askScriptValues(
  state: vscode.Memento,
  prompts: UserPrompts,
  variables: readonly HeredocVariable[],
  document: vscode.TextDocument,
  commandLine: number,
  options: { askAgain?: boolean } = {},
): Promise<Record<string, string> | undefined> {
  const remembered = state.get<Record<string, string>>(HEREDOC_VALUES_KEY) ?? {};
  const values: Record<string, string> = {};
  const context = { nowSeconds: Date.now() / 1000, hostname: os.hostname() };
  for (const variable of variables) {
    const suggested = suggestedValue(variable, document.getText(), commandLine, context);
    const clock = readsTheClock(variable);
    const known = remembered[variable.key];
    if (known !== undefined && !options.askAgain) {
      values[variable.key] = clock && suggested !== undefined ? suggested : known;
      continue;
    }
    const initial = clock ? suggested : (known ?? suggested);
    const value = await prompts.inputVariable(variable.text, initial);
    if (value === undefined) {
      return undefined;
    }
    values[variable.key] = value;
  }
  await state.update(HEREDOC_VALUES_KEY, { ...remembered, ...values });
  return values;
}

/**
 * Lint first: the errors of a heredoc's push (its body, its URL) whatever its shell values hold
 * (the script's lint leaves out a finding that touches an expansion), on the script's lines. A push
 * these refuse is not worth asking values for.
 */
export function errorsWhateverTheValues(scriptLint: ShellScriptLint, heredoc: MetricHeredoc): Diagnostic[] {
  const inHeredoc = (line: number) => (line >= heredoc.bodyStartLine && line < heredoc.terminatorLine) || line === heredoc.push?.urlSpan.line;
  return scriptLint.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && inHeredoc(diagnostic.span.line));
}
