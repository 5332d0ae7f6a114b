const HELP_ESCAPED = /[\\\n]/;
const LABEL_VALUE_ESCAPED = /[\\\n"]/;

/** HELP text as the text format writes it: backslash and new-line escaped. */
export function escapeHelp(text: string): string {
  // Nearly every text has nothing to escape: one test instead of two replacements.
  return HELP_ESCAPED.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : text;
}

/** A label value as the text format writes it between quotes: backslash, new-line and quote escaped. */
export function escapeLabelValue(text: string): string {
  return LABEL_VALUE_ESCAPED.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"') : text;
}
