import { hasErrors, lintExposition, SeveritySetting } from '../core/exposition/lint';
import { documentLineLabel } from '../core/protocol/documentLines';
import { GatewayTarget } from '../core/protocol/gatewayTarget';
import { UserPrompts } from '../ui/prompts';

const MAX_LISTED_ERRORS = 5;

/**
 * Whether a body may be pushed: yes when it lints without errors (with the severities of
 * pushgateway.lint.rules, for the target gateway), else only when the user picks "Push Anyway" after seeing the first errors.
 * `firstLine`: the document line of the body's first line, so that the errors name the document's lines.
 */
export async function lintAllowsPush(body: string, severities: Readonly<Record<string, SeveritySetting>>, target: GatewayTarget, prompts: UserPrompts, firstLine = 0): Promise<boolean> {
  const errors = lintExposition(body, { severities, target }).diagnostics.filter((d) => d.severity === 'error');
  if (!hasErrors(errors)) {
    return true;
  }
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((d) => `${documentLineLabel(d.span.line, firstLine)}: ${d.message}`);
  const more = errors.length > MAX_LISTED_ERRORS ? `\n… and ${errors.length - MAX_LISTED_ERRORS} more` : '';
  return prompts.confirm(`The gateway will likely refuse this push: ${errors.length} error${errors.length === 1 ? '' : 's'}.`, `${listed.join('\n')}${more}`, 'Push Anyway');
}
