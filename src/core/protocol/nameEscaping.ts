// Metric and label names under the two validation schemes of prometheus/common (legacy: letters,
// digits, "_" and, in metric names, ":"; UTF-8: any non-empty valid UTF-8) and the escaping
// schemes Pushgateway 1.11 negotiates for GET /metrics and reads in grouping-key paths
// (`U__host_2e_name` is `host.name`).

export type NameValidation = 'legacy' | 'utf8';

/** The `escaping=` values of an Accept header (`allow-utf-8` leaves names as they are). */
export type NameEscaping = 'allow-utf-8' | 'underscores' | 'dots' | 'values';

export const NAME_ESCAPINGS: readonly NameEscaping[] = ['allow-utf-8', 'underscores', 'dots', 'values'];

const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const VALUES_PREFIX = 'U__';

export function isLegacyMetricName(name: string): boolean {
  return LEGACY_METRIC_NAME.test(name);
}

export function isLegacyLabelName(name: string): boolean {
  return LEGACY_LABEL_NAME.test(name);
}

/** A character a legacy metric name may have at this position. */
function isLegacyChar(char: string, index: number): boolean {
  return /^[a-zA-Z_:]$/.test(char) || (index > 0 && /^[0-9]$/.test(char));
}

/** model.EscapeName: a name in a form the legacy scheme accepts (a legacy name stays as it is, except with `dots`). */
export function escapeName(name: string, scheme: Exclude<NameEscaping, 'allow-utf-8'>): string {
  const chars = [...name];
  switch (scheme) {
    case 'underscores':
      return isLegacyMetricName(name) ? name : chars.map((char, i) => (isLegacyChar(char, i) ? char : '_')).join('');
    case 'dots':
      return chars.map((char, i) => (char === '_' ? '__' : char === '.' ? '_dot_' : isLegacyChar(char, i) ? char : '__')).join('');
    case 'values':
      if (isLegacyMetricName(name)) {
        return name;
      }
      return VALUES_PREFIX + chars.map((char, i) => (char === '_' ? '__' : isLegacyChar(char, i) ? char : `_${(char.codePointAt(0) ?? 0).toString(16)}_`)).join('');
  }
}

function isScalarValue(code: number): boolean {
  return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
}

/**
 * model.UnescapeName for the `values` scheme: `U__` names with `__` for "_" and `_<hex>_` for
 * any other character. A name that is not `U__…` or does not decode is returned unchanged.
 */
export function unescapeValuesName(name: string): string {
  if (!name.startsWith(VALUES_PREFIX)) {
    return name;
  }
  const escaped = name.slice(VALUES_PREFIX.length);
  let out = '';
  let i = 0;
  while (i < escaped.length) {
    if (escaped[i] !== '_') {
      out += escaped[i++];
      continue;
    }
    i++;
    if (i >= escaped.length) {
      return name;
    }
    if (escaped[i] === '_') {
      out += '_';
      i++;
      continue;
    }
    const close = escaped.indexOf('_', i);
    const hex = close < 0 ? '' : escaped.slice(i, close);
    if (close < 0 || hex.length > 6 || !/^[0-9a-fA-F]+$/.test(hex) || !isScalarValue(parseInt(hex, 16))) {
      return name;
    }
    out += String.fromCodePoint(parseInt(hex, 16));
    i = close + 1;
  }
  return out;
}
