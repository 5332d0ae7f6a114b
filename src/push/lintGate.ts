import { hasErrors, lintExposition, SeveritySetting } from '../core/exposition/lint';
import { GatewayTarget } from '../core/protocol/gatewayTarget';
import { UserPrompts } from '../ui/prompts';

const MAX_LISTED_ERRORS = 5;

/**
 * Whether a body may be pushed: yes when it lints without errors (with the severities of
 * pushgateway.lint.rules, for the target gateway), else only when the user picks "Push Anyway" after seeing the first errors.
 */
export async function lintAllowsPush(body: string, severities: Readonly<Record<string, SeveritySetting>>, target: GatewayTarget, prompts: UserPrompts): Promise<boolean> {
  const errors = lintExposition(body, { severities, target }).diagnostics.filter((d) => d.severity === 'error');
  if (!hasErrors(errors)) {
    return true;
  }
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((d) => `line ${d.span.line + 1}: ${d.message}`);
  const more = errors.length > MAX_LISTED_ERRORS ? `\n… and ${errors.length - MAX_LISTED_ERRORS} more` : '';
  return prompts.confirm(`The gateway will likely refuse this push: ${errors.length} error${errors.length === 1 ? '' : 's'}.`, `${listed.join('\n')}${more}`, 'Push Anyway');
}
