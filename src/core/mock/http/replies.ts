import { htmlEscape, redirectLocation } from '../../goemu/goUrl';

// The answers of the mock gateway, shaped like Go's net/http writes them (http.Error,
// http.Redirect, the router's 404/405), before they go on the wire.

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string;
  /** Close the connection after answering (Go's early errors do). */
  readonly close?: boolean;
  /** Close the connection without answering at all (what 1.11.2 does for a `{} 1` push). */
  readonly drop?: boolean;
}

/** No answer: the connection is closed (status 0 is what the log and the request metrics see). */
export const DROPPED: Reply = { status: 0, headers: {}, body: '', drop: true };

const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** http.Error: the text plus a new-line, as text/plain with nosniff. */
export function httpError(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...headers, 'Content-Type': TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' }, body: `${text}\n` };
}

export function notFound(): Reply {
  return httpError(404, '404 page not found');
}

export function methodNotAllowed(allow: string): Reply {
  return httpError(405, 'Method Not Allowed', { Allow: allow });
}

/** A body written without a Content-Type: Go sniffs it (plain text here). */
export function sniffedText(status: number, text: string): Reply {
  return { status, headers: { 'Content-Type': TEXT_PLAIN }, body: text };
}

export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: '' };
}

const STATUS_TEXT: Record<number, string> = { 301: 'Moved Permanently', 307: 'Temporary Redirect' };

/** http.Redirect: Location, and for GET a small HTML body. */
export function redirect(method: string, status: 301 | 307, url: string): Reply {
  const location = redirectLocation(url);
  if (method !== 'GET' && method !== 'HEAD') {
    return { status, headers: { Location: location }, body: '' };
  }
  const body = method === 'GET' ? `<a href="${htmlEscape(location)}">${STATUS_TEXT[status]}</a>.\n\n` : '';
  return { status, headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' }, body };
}

/** Go's server answer to a request line it cannot parse. */
export function badRequestLine(): Reply {
  return { status: 400, headers: { 'Content-Type': TEXT_PLAIN }, body: '400 Bad Request', close: true };
}

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Headers': 'Accept, Authorization, Content-Type, Origin',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Date',
  'Cache-Control': 'no-cache, no-store, must-revalidate',
};

export function json(body: string, headers: Record<string, string> = {}): Reply {
  return { status: 200, headers: { ...headers, 'Content-Type': 'application/json' }, body };
}
