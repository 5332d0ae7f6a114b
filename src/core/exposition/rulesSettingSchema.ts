import { DiagnosticCode } from './codes';
import { Severity } from './diagnostic';
import { ALL_RULE_CODES, ALL_RULES, SeveritySetting } from './lint';
import { HONOR_LABELS_DEFAULT_SEVERITY } from '../scrape/scrapeConfig';
import { PER_RUN_GROUPING_KEY_DEFAULT_SEVERITY } from '../hygiene/pushSiteHygiene';
import { NO_LAST_SUCCESS_DEFAULT_SEVERITY } from '../hygiene/lastSuccessHint';

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Codes whose default depends on the lines or on the target: no single default to declare. */
const DESCRIBED_DEFAULTS: Partial<Record<DiagnosticCode, string>> = {
  'crlf-line-endings': 'By default an error where the carriage returns break a value, else a warning.',
  'negative-count': 'By default an error where the target gateway refuses it (a histogram count with 1.11), else a warning.',
};

/** Codes raised outside the exposition rules, with a default other than error. */
const OTHER_DEFAULTS: Partial<Record<DiagnosticCode, Severity>> = {
  'honor-labels': HONOR_LABELS_DEFAULT_SEVERITY,
  'per-run-grouping-key': PER_RUN_GROUPING_KEY_DEFAULT_SEVERITY,
  'no-last-success': NO_LAST_SUCCESS_DEFAULT_SEVERITY,
  'unterminated-heredoc': 'warning',
};

/**
 * The severity a code has when the setting leaves it alone: a rule's default or OTHER_DEFAULTS';
 * parse problems, a byte order mark and a refused push URL are errors. None for the codes of
 * DESCRIBED_DEFAULTS.
 */
function defaultSeverity(code: DiagnosticCode): Severity | undefined {
  if (DESCRIBED_DEFAULTS[code] !== undefined) {
    return undefined;
  }
  return ALL_RULES.find((rule) => rule.code === code)?.defaultSeverity ?? OTHER_DEFAULTS[code] ?? 'error';
}

/**
 * The JSON schema of the `pushgateway.lint.rules` setting as package.json declares it: every code
 * as a property with its default, so that settings.json completes the codes and the Settings editor
 * offers them in a list. A unit test keeps package.json equal to it; `scripts/writeLintRulesSchema.ts`
 * writes it there.
 */
export function lintRulesSettingSchema(): Record<string, unknown> {
  const severity = { type: 'string', enum: [...SEVERITY_SETTINGS] };
  const codes = [...new Set(ALL_RULE_CODES)];
  return {
    type: 'object',
    default: {},
    markdownDescription:
      'Severity per lint rule code, overriding the defaults: `error`, `warning`, `info`, `hint` or `off`. Example: `{ "no-help": "off", "missing-type": "warning" }`. Rule codes are listed in the README.',
    properties: Object.fromEntries(
      codes.map((code) => {
        const fallback = defaultSeverity(code);
        return [code, fallback === undefined ? { ...severity, markdownDescription: DESCRIBED_DEFAULTS[code] } : { ...severity, default: fallback }];
      }),
    ),
    additionalProperties: severity,
  };
}
