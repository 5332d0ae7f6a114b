import { isLegacyLabelName } from './nameEscaping';

/** Marks a path label whose value is base64url encoded: `/<name>@base64/<value>`. */
export const BASE64_SUFFIX = '@base64';

/** Why a label name cannot be a grouping label, or undefined when it can. */
export function checkGroupingLabelName(name: string): string | undefined {
  if (!isLegacyLabelName(name)) {
    return `improper label name "${name}": a label name is a letter or "_" followed by letters, digits or "_"`;
  }
  if (name.startsWith('__')) {
    return `improper label name "${name}": names starting with "__" are reserved`;
  }
  return undefined;
}
