import { Reply } from './replies';

// Node's HTTP parser refuses methods it does not know (Go routes them and answers 405 or 404), so
// such a request reaches the mock as a client error with its raw bytes: it is parsed here just
// enough to route it, and answered on the socket directly.

export interface RawRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-case names, first value of each. */
  readonly headers: ReadonlyMap<string, string>;
  /** What arrived of the body with the head. */
  readonly body: Buffer;
  /** Bytes of the head (request line and headers). */
  readonly headBytes: number;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const REQUEST_LINE = new RegExp(`^(${TOKEN}) (\\S+) HTTP/1\\.[01]$`);

export function parseRawRequest(packet: Buffer): RawRequest | undefined {
  const text = packet.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  const lines = (headEnd < 0 ? text : text.slice(0, headEnd)).split('\r\n');
  const requestLine = REQUEST_LINE.exec(lines[0]);
  if (requestLine === null) {
    return undefined;
  }
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !headers.has(name)) {
      headers.set(name, line.slice(colon + 1).trim());
    }
  }
  const headBytes = headEnd < 0 ? packet.length : headEnd + 4;
  return { method: requestLine[1], url: requestLine[2], headers, body: packet.subarray(headBytes), headBytes };
}

const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  307: 'Temporary Redirect',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/** A complete HTTP/1.1 response that closes the connection. */
export function rawResponse(reply: Reply, date: Date = new Date()): Buffer {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const headers: Record<string, string> = { ...reply.headers, 'Content-Length': String(body.length), Date: date.toUTCString(), Connection: 'close' };
  const head = [`HTTP/1.1 ${reply.status} ${REASONS[reply.status] ?? ''}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
