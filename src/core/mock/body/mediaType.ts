import { PROTO_MEDIA_TYPE, PROTO_NAME } from './metricsProto';

// Go's mime.ParseMediaType, as far as the push handler needs it: the media type and the
// parameters of a Content-Type header, or undefined where Go reports an error (then the body is
// read as text).

const TSPECIALS = new Set('()<>@,;:\\"/[]?=');

function isTokenChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !TSPECIALS.has(char);
}

/** Go's unicode.IsSpace for the characters that can appear in a header. */
function trimLeftSpace(text: string): string {
  return text.replace(/^[\s\u0085\u00a0]+/, '');
}

function consumeToken(text: string): [string, string] {
  let end = 0;
  while (end < text.length && isTokenChar(text[end])) {
    end++;
  }
  return [text.slice(0, end), text.slice(end)];
}

function consumeValue(text: string): [string, string] {
  if (!text.startsWith('"')) {
    return consumeToken(text);
  }
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      return [value, text.slice(i + 1)];
    }
    // Only a backslash before a tspecial escapes it; any other backslash is literal (Go's MSIE rule).
    if (char === '\\' && i + 1 < text.length && TSPECIALS.has(text[i + 1])) {
      value += text[++i];
    } else if (char === '\r' || char === '\n') {
      return ['', text];
    } else {
      value += char;
    }
  }
  return ['', text];
}

/** consumeMediaParam: `; name=value`, or undefined when the text does not start with one. */
function consumeParam(text: string): [string, string, string] | undefined {
  let rest = trimLeftSpace(text);
  if (!rest.startsWith(';')) {
    return undefined;
  }
  rest = trimLeftSpace(rest.slice(1));
  const [name, afterName] = consumeToken(rest);
  if (name === '') {
    return undefined;
  }
  rest = trimLeftSpace(afterName);
  if (!rest.startsWith('=')) {
    return undefined;
  }
  rest = trimLeftSpace(rest.slice(1));
  const [value, afterValue] = consumeValue(rest);
  if (value === '' && afterValue === rest) {
    return undefined;
  }
  return [name.toLowerCase(), value, afterValue];
}

function validMediaType(mediaType: string): boolean {
  const [type, rest] = consumeToken(mediaType);
  if (type === '') {
    return false;
  }
  if (rest === '') {
    return true;
  }
  if (!rest.startsWith('/')) {
    return false;
  }
  const [subtype, after] = consumeToken(rest.slice(1));
  return subtype !== '' && after === '';
}

export interface MediaType {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

export function parseMediaType(header: string): MediaType | undefined {
  const semicolon = header.indexOf(';');
  const base = semicolon < 0 ? header : header.slice(0, semicolon);
  const type = base.toLowerCase().trim();
  if (!validMediaType(type)) {
    return undefined;
  }
  const params = new Map<string, string>();
  let rest = header.slice(base.length);
  while (rest.length > 0) {
    rest = trimLeftSpace(rest);
    if (rest.length === 0) {
      break;
    }
    const param = consumeParam(rest);
    if (param === undefined) {
      if (rest.trim() === ';') {
        break;
      }
      return undefined;
    }
    const [name, value, after] = param;
    const existing = params.get(name);
    if (existing !== undefined && existing !== value) {
      return undefined;
    }
    params.set(name, value);
    rest = after;
  }
  return { type, params };
}

/** Only this Content-Type selects the delimited protobuf format; anything else is read as text. */
export function isDelimitedProtobuf(contentType: string | undefined): boolean {
  const parsed = parseMediaType(contentType ?? '');
  return parsed !== undefined && parsed.type === PROTO_MEDIA_TYPE && parsed.params.get('encoding') === 'delimited' && parsed.params.get('proto') === PROTO_NAME;
}
