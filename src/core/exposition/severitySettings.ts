import { DiagnosticCode } from './codes';
import { SeveritySetting } from './lint';

const VALID: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface RuleSeverities {
  readonly severities: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** One message per entry that was ignored. */
  readonly problems: string[];
}

/**
 * Reads the `pushgateway.lint.rules` setting (or `pgw lint --rule` options: `source` names them in
 * messages); bad entries are reported and ignored, never thrown.
 */
export function parseRuleSeverities(raw: unknown, knownCodes: ReadonlySet<DiagnosticCode>, source = 'pushgateway.lint.rules'): RuleSeverities {
  const severities: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) {
    return { severities, problems };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { severities, problems: [`${source} must be an object such as { "no-help": "off" }`] };
  }
  const isKnown = (code: string): code is DiagnosticCode => (knownCodes as ReadonlySet<string>).has(code);
  for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isKnown(code)) {
      problems.push(`${source}: there is no rule "${code}"`);
    } else if (typeof value !== 'string' || !VALID.includes(value as SeveritySetting)) {
      problems.push(`${source}: "${code}" must be one of ${VALID.join(', ')}, not ${JSON.stringify(value)}`);
    } else {
      severities[code] = value as SeveritySetting;
    }
  }
  return { severities, problems };
}
