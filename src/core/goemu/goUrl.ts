// The request target as Go's net/http and ServeMux see it: the path percent-decoded into bytes
// (here a byte string, one char per byte), cleaned (a path that changes is redirected), and escaped
// again for a Location header.

export interface RequestTarget {
  /** The decoded path as a byte string. */
  readonly path: string;
  readonly rawQuery: string;
  /** The target had a "?" (even with an empty query): Go writes it back in redirects. */
  readonly hasQuery: boolean;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** url.ParseRequestURI for origin-form and absolute-form targets; undefined is Go's 400 Bad Request. */
export function parseRequestTarget(raw: string): RequestTarget | undefined {
  let target = raw;
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(target);
  if (absolute !== null) {
    target = target.slice(absolute[0].length) || '/';
  }
  if (!target.startsWith('/')) {
    return undefined;
  }
  const queryStart = target.indexOf('?');
  const rawPath = queryStart < 0 ? target : target.slice(0, queryStart);
  const path = percentDecode(rawPath);
  if (path === undefined) {
    return undefined;
  }
  return { path, rawQuery: queryStart < 0 ? '' : target.slice(queryStart + 1), hasQuery: queryStart >= 0 };
}

/** Go's unescape in path mode: every %XX becomes its byte, a malformed escape is an error. */
function percentDecode(raw: string): string | undefined {
  const bytes = Buffer.from(raw, 'latin1');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x25) {
      out.push(bytes[i]);
      continue;
    }
    const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
    if (!HEX.test(hex)) {
      return undefined;
    }
    out.push(parseInt(hex, 16));
    i += 2;
  }
  return Buffer.from(out).toString('latin1');
}

/** path.Clean for a rooted path. */
function cleanRooted(path: string): string {
  const stack: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      stack.pop();
    } else {
      stack.push(segment);
    }
  }
  return `/${stack.join('/')}`;
}

/** ServeMux's cleanPath: path.Clean that keeps a trailing slash. */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/') ? path : `/${path}`;
  let cleaned = cleanRooted(rooted);
  if (rooted.endsWith('/') && cleaned !== '/') {
    cleaned = rooted.length === cleaned.length + 1 && rooted.startsWith(cleaned) ? rooted : `${cleaned}/`;
  }
  return cleaned;
}

function shouldEscapeInPath(byte: number): boolean {
  const c = String.fromCharCode(byte);
  if (/[a-zA-Z0-9\-_.~$&+,/:;=@]/.test(c)) {
    return false;
  }
  return true;
}

/** url.URL.String() of a path-only URL: escape(path, encodePath), then the query. */
export function urlString(path: string, rawQuery: string, hasQuery: boolean): string {
  let escaped = '';
  for (let i = 0; i < path.length; i++) {
    const byte = path.charCodeAt(i);
    escaped += shouldEscapeInPath(byte) ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : path[i];
  }
  return hasQuery || rawQuery !== '' ? `${escaped}?${rawQuery}` : escaped;
}

/** The (escaped) path of a Location for a URL string: http.Redirect cleans it but keeps a trailing slash. */
export function redirectLocation(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : url.slice(queryStart);
  let cleaned = cleanRooted(path);
  if (path.endsWith('/') && !cleaned.endsWith('/')) {
    cleaned += '/';
  }
  return cleaned + query;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
