import { isDecimalFloat, parseGoFloat } from '../../goemu/goNumbers';
import { NAME_ESCAPINGS, NameEscaping } from '../../protocol/nameEscaping';
import { PROTO_MEDIA_TYPE, PROTO_NAME } from '../body/metricsProto';

// What GET /metrics answers in, from the request's Accept and Accept-Encoding, as the
// client_golang of each gateway decides it:
//   1.5   gzip when any Accept-Encoding entry is `gzip` or starts with `gzip;` (q-values ignored);
//         the text format, or delimited protobuf when asked for it; no escaping.
//   1.11  the Accept-Encoding entry with the highest q-value among identity and gzip (`*` counts
//         for identity first); expfmt.Negotiate for the format, whose Content-Type always names
//         the escaping (`underscores` unless an Accept entry asks for a known one). OpenMetrics
//         is not served, but the `escaping=` of its entry is honoured.

export interface ExpositionFormat {
  readonly protobuf: boolean;
  /** Undefined for 1.5, which writes names as stored. */
  readonly escaping?: NameEscaping;
  readonly contentType: string;
}

const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const PROTO_CONTENT_TYPE = `${PROTO_MEDIA_TYPE}; proto=${PROTO_NAME}; encoding=delimited`;

interface AcceptEntry {
  readonly type: string;
  readonly subType: string;
  readonly q: number;
  readonly params: ReadonlyMap<string, string>;
}

/** Go's strings.Trim(text, " "): spaces only, not tabs. */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === ' ') {
    start++;
  }
  while (end > start && text[end - 1] === ' ') {
    end--;
  }
  return text.slice(start, end);
}

/** goautoneg's `a.Q, _ = strconv.ParseFloat(text, 32)`: 0 on a syntax error, ±Inf past float32's range, float32-rounded. */
function quality(text: string): number {
  const value = parseGoFloat(text) ?? hexFloat(text);
  if (value === undefined) {
    return isDecimalFloat(text) ? (text.startsWith('-') ? -Infinity : Infinity) : 0;
  }
  return Math.fround(value);
}

/**
 * Go's hexadecimal floating-point syntax, which ParseFloat also reads (`0x1p-1` is 0.5): a sign,
 * `0x`, hex digits with at most one point, a mandatory binary exponent; underscores only between
 * digits or right after the prefix. Undefined when it is not one.
 */
function hexFloat(text: string): number | undefined {
  const match = /^([+-]?)0[xX]((?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F]_?)*[0-9a-fA-F])?)?[pP]([+-]?\d+(?:_\d+)*)$/.exec(text);
  if (match === null || (match[2] === '' && match[3] === undefined) || text.includes('_.') || text.includes('_p') || text.includes('_P')) {
    return undefined;
  }
  const whole = match[2].replace(/_/g, '');
  const fraction = (match[3] ?? '').replace(/_/g, '');
  const mantissa = BigInt(`0x${whole}${fraction}` === '0x' ? '0x0' : `0x${whole}${fraction}`);
  const exponent = Number(match[4].replace(/_/g, '')) - 4 * fraction.length;
  const magnitude = mantissa === 0n ? 0 : Number(mantissa) * 2 ** exponent;
  return match[1] === '-' ? -magnitude : magnitude;
}

/**
 * goautoneg.ParseAccept: entries with their parameters, best first (q, then the more specific).
 * Like Go: a media range with exactly one '/' (or a bare `*`), spaces (not tabs) trimmed, the
 * q-value read untrimmed (`q= 0.5` is 0).
 */
function parseAccept(header: string): AcceptEntry[] {
  const entries: AcceptEntry[] = [];
  for (const part of header.split(',')) {
    const [range, ...rawParams] = trimSpaces(part).split(';');
    const sides = range.split('/');
    const type = trimSpaces(sides[0]);
    let subType: string;
    if (sides.length === 1 && type === '*') {
      subType = '*';
    } else if (sides.length === 2) {
      subType = trimSpaces(sides[1]);
    } else {
      continue;
    }
    let q = 1;
    const params = new Map<string, string>();
    for (const param of rawParams) {
      const equals = param.indexOf('=');
      if (equals < 0) {
        continue;
      }
      const name = trimSpaces(param.slice(0, equals));
      const value = param.slice(equals + 1);
      if (name === 'q') {
        q = quality(value);
      } else {
        params.set(name, trimSpaces(value));
      }
    }
    entries.push({ type, subType, q, params });
  }
  return insertionSorted(entries, (a, b) => a.q > b.q || (a.type !== '*' && b.type === '*') || (a.subType !== '*' && b.subType === '*'));
}

/** Go's sort.Sort sorts up to 12 items by insertion, whose result the (inconsistent) order above depends on. */
const INSERTION_SORT_LIMIT = 12;

/** Go's sort.Sort: insertion sort for short slices, else an O(n log n) sort (a long Accept header must not cost n²). */
function insertionSorted<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  if (items.length > INSERTION_SORT_LIMIT) {
    return items.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  }
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      [items[j], items[j - 1]] = [items[j - 1], items[j]];
    }
  }
  return items;
}

function isEscaping(value: string | undefined): value is NameEscaping {
  return value !== undefined && (NAME_ESCAPINGS as readonly string[]).includes(value);
}

function wantsDelimitedProtobuf(entry: AcceptEntry): boolean {
  return `${entry.type}/${entry.subType}` === PROTO_MEDIA_TYPE && entry.params.get('proto') === PROTO_NAME && entry.params.get('encoding') === 'delimited';
}

/** The 1.11 format: expfmt.Negotiate with its escaping. */
function negotiate111(accept: string): ExpositionFormat {
  let escaping: NameEscaping = 'underscores';
  for (const entry of parseAccept(accept)) {
    const asked = entry.params.get('escaping');
    if (isEscaping(asked)) {
      escaping = asked;
    }
    if (wantsDelimitedProtobuf(entry)) {
      return { protobuf: true, escaping, contentType: `${PROTO_CONTENT_TYPE}; escaping=${escaping}` };
    }
    const version = entry.params.get('version');
    if (entry.type === 'text' && entry.subType === 'plain' && (version === '0.0.4' || version === undefined)) {
      break;
    }
  }
  return { protobuf: false, escaping, contentType: `${TEXT_CONTENT_TYPE}; escaping=${escaping}` };
}

/** The 1.5 format: delimited protobuf when the first acceptable entry asks for it, else text. */
function negotiate15(accept: string): ExpositionFormat {
  for (const entry of parseAccept(accept)) {
    if (wantsDelimitedProtobuf(entry)) {
      return { protobuf: true, contentType: PROTO_CONTENT_TYPE };
    }
    const version = entry.params.get('version');
    if (entry.type === 'text' && entry.subType === 'plain' && (version === '0.0.4' || version === undefined)) {
      break;
    }
  }
  return { protobuf: false, contentType: TEXT_CONTENT_TYPE };
}

export function negotiateFormat(accept: string | undefined, version: '1.11' | '1.5'): ExpositionFormat {
  return version === '1.5' ? negotiate15(accept ?? '') : negotiate111(accept ?? '');
}

// ---------------------------------------------------------------------------------------------
// Accept-Encoding

const TOKEN_CHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;

interface EncodingEntry {
  readonly value: string;
  readonly q: number;
}

/** A q-value as golang/gddo reads it: `0`, `1`, `0.5`, `1.000`; anything else is invalid (-1). */
function readQuality(text: string): [number, string] {
  if (!text.startsWith('0') && !text.startsWith('1')) {
    return [-1, ''];
  }
  let q = text.startsWith('1') ? 1 : 0;
  let rest = text.slice(1);
  if (!rest.startsWith('.')) {
    return [q, rest];
  }
  rest = rest.slice(1);
  let digits = 0;
  let numerator = 0;
  let denominator = 1;
  while (digits < rest.length && /[0-9]/.test(rest[digits])) {
    numerator = numerator * 10 + Number(rest[digits]);
    denominator *= 10;
    digits++;
  }
  q += numerator / denominator;
  return [q, rest.slice(digits)];
}

/** golang/gddo's header.ParseAccept for one header value: stops at the first thing it does not understand. */
function parseAcceptEncoding(header: string): EncodingEntry[] {
  const entries: EncodingEntry[] = [];
  let rest = header.trimStart();
  for (;;) {
    let end = 0;
    while (end < rest.length && (TOKEN_CHAR.test(rest[end]) || rest[end] === '/')) {
      end++;
    }
    const value = rest.slice(0, end);
    if (value === '') {
      break;
    }
    rest = rest.slice(end).trimStart();
    let q = 1;
    if (rest.startsWith(';')) {
      rest = rest.slice(1).trimStart();
      if (!rest.startsWith('q=')) {
        break;
      }
      [q, rest] = readQuality(rest.slice(2));
      if (q < 0) {
        break;
      }
    }
    entries.push({ value, q });
    rest = rest.trimStart();
    if (!rest.startsWith(',')) {
      break;
    }
    rest = rest.slice(1).trimStart();
  }
  return entries;
}

/** httputil.NegotiateContentEncoding over the offers identity and gzip (in that order). */
function negotiateEncoding111(header: string): 'gzip' | 'identity' {
  let best: 'gzip' | 'identity' = 'identity';
  let bestQ = -1;
  const entries = parseAcceptEncoding(header);
  for (const offer of ['identity', 'gzip'] as const) {
    for (const entry of entries) {
      if (entry.q > bestQ && (entry.value === '*' || entry.value === offer)) {
        bestQ = entry.q;
        best = offer;
      }
    }
  }
  return bestQ === 0 ? 'identity' : best;
}

/** promhttp 1.14's gzipAccepted. */
function acceptsGzip15(header: string): boolean {
  return header.split(',').some((part) => {
    const trimmed = part.trim();
    return trimmed === 'gzip' || trimmed.startsWith('gzip;');
  });
}

export function negotiateGzip(acceptEncoding: string | undefined, version: '1.11' | '1.5'): boolean {
  return version === '1.5' ? acceptsGzip15(acceptEncoding ?? '') : negotiateEncoding111(acceptEncoding ?? '') === 'gzip';
}
