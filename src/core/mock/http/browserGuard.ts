import { isIP } from 'node:net';
import { httpError, Reply } from './replies';

// Keeps web pages out of a mock listening on loopback, which the real Pushgateway does not do:
// a page can make the browser send a request to 127.0.0.1, and with DNS rebinding even read the
// answer under its own name. So, on a loopback bind, a request whose Host names anything but the
// loopback (or the address the mock was bound to, or a bare name without a dot) is refused. Bound to
// any other address (0.0.0.0, a LAN address) the mock is meant to be reached by other names
// (host.docker.internal, svc.cluster.local), so the Host is not checked there. On every bind a
// state-changing request whose Origin is a foreign page is refused. Clients that are not browsers
// send no Origin.

/** What the guard reads of a request. */
export interface GuardedRequest {
  readonly method: string;
  header(name: string): string | undefined;
}

const STATE_CHANGING = new Set(['PUT', 'POST', 'DELETE', 'PATCH']);
const WILDCARDS = new Set(['', '0.0.0.0', '::']);

/** The host name of a Host header value or URL authority (brackets of an IPv6 address removed), lower-cased. */
function hostnameOf(authority: string): string {
  const trimmed = authority.trim().toLowerCase();
  if (trimmed.startsWith('[')) {
    const end = trimmed.indexOf(']');
    return end < 0 ? trimmed : trimmed.slice(1, end);
  }
  const colon = trimmed.indexOf(':');
  return colon >= 0 && trimmed.indexOf(':', colon + 1) < 0 ? trimmed.slice(0, colon) : trimmed;
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || (isIP(hostname) === 4 && hostname.startsWith('127.'));
}

/** Whether the mock is bound to the loopback only (127.x, ::1, localhost), where the Host is checked. */
function boundToLoopback(boundHost: string): boolean {
  return isLoopbackName(hostnameOf(boundHost));
}

/** Whether a request naming this host may reach a mock bound to `boundHost`. */
function allowedHostname(hostname: string, boundHost: string): boolean {
  if (isLoopbackName(hostname) || hostname === hostnameOf(boundHost)) {
    return true;
  }
  // A rebinding needs a name the page's author controls in public DNS, which has a dot; a bare
  // name (a local host name, or the "x" of a hand-written request) is no such name.
  if (!hostname.includes('.')) {
    return true;
  }
  // Bound to every interface: any address literal reaches it on purpose; a DNS name may be a rebinding.
  return WILDCARDS.has(hostnameOf(boundHost)) && isIP(hostname) !== 0;
}

function originHostname(origin: string): string | undefined {
  try {
    return hostnameOf(new URL(origin).host);
  } catch {
    return undefined;
  }
}

/** The refusal a request from a web page gets, or undefined for a request the mock serves. */
export function browserRefusal(request: GuardedRequest, boundHost: string): Reply | undefined {
  const host = request.header('host');
  if (host !== undefined && boundToLoopback(boundHost) && !allowedHostname(hostnameOf(host), boundHost)) {
    return httpError(
      403,
      `forbidden: Host ${JSON.stringify(host.slice(0, 200))} is not a loopback name, and this mock gateway listens on the loopback ${boundHost} only (protection against DNS rebinding; the real Pushgateway has none). To reach it by this name, start it with --listen 0.0.0.0:PORT, or push to 127.0.0.1 or localhost`,
    );
  }
  const origin = request.header('origin');
  if (origin !== undefined && STATE_CHANGING.has(request.method)) {
    const hostname = originHostname(origin);
    if (hostname === undefined || !allowedHostname(hostname, boundHost)) {
      return httpError(
        403,
        `forbidden: a ${request.method} from the web page ${JSON.stringify(origin.slice(0, 200))} (the mock gateway takes changes only from clients on this machine; the real Pushgateway takes them from any page)`,
      );
    }
  }
  return undefined;
}
