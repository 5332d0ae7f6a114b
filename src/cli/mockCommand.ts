import { parseArgs } from 'node:util';
import { MockGateway, startMockGateway } from '../core/mock/server';
import { PushLogEntry } from '../core/mock/pushLog';
import { CliOutput } from './cliOutput';

export const MOCK_USAGE = `Usage: pgw mock [--listen HOST:PORT] [--admin-api] [--log text|json]

Runs a mock Pushgateway that answers like Pushgateway 1.5.1, for dry runs of
scripts and for CI. Every request is logged; GET /mock/v1/log returns the log.

Options:
  --listen HOST:PORT   Where to listen (default 127.0.0.1:9091). Another host
                       than 127.0.0.1 only when you give it here.
  --admin-api          Serve PUT /api/v1/admin/wipe, like --web.enable-admin-api.
  --log text|json      How each request is logged on stdout (default text).
  -h, --help           Show this help.

Stops on SIGINT or SIGTERM.
`;

const LOG_POLL_MS = 200;

interface MockArguments {
  readonly host: string;
  readonly port: number;
  readonly adminApi: boolean;
  readonly logFormat: 'text' | 'json';
}

/** Parses `--listen HOST:PORT` (also `:PORT` and `[::1]:PORT`). */
function parseListen(text: string): { host: string; port: number } | string {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  if (!match) {
    return `--listen must be HOST:PORT, e.g. 127.0.0.1:9091, not "${text}"`;
  }
  const port = Number(match[3]);
  if (port > 65535) {
    return `--listen: ${port} is not a port (0-65535)`;
  }
  return { host: match[1] ?? (match[2] || '127.0.0.1'), port };
}

function parseMockArguments(args: readonly string[]): MockArguments | { help: true } | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { listen: { type: 'string', default: '127.0.0.1:9091' }, 'admin-api': { type: 'boolean' }, log: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { values } = parsed;
  if (values.help) {
    return { help: true };
  }
  if (values.log !== 'text' && values.log !== 'json') {
    return `--log must be text or json, not "${values.log}"`;
  }
  const listen = parseListen(values.listen ?? '');
  if (typeof listen === 'string') {
    return listen;
  }
  return { ...listen, adminApi: values['admin-api'] === true, logFormat: values.log };
}

function formatEntry(entry: PushLogEntry, format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(entry);
  }
  const families = entry.families.length > 0 ? ` [${entry.families.join(', ')}]` : '';
  const error = entry.error ? ` ${entry.error.trim()}` : '';
  return `${entry.time} ${entry.method} ${entry.path} ${entry.status} ${entry.bodyBytes}B${families}${error}`;
}

/** Writes the log entries that arrived since the last call. */
function logFollower(mock: MockGateway, output: CliOutput, format: 'text' | 'json'): () => void {
  let shown = 0;
  return () => {
    const entries = mock.log.entries();
    const total = entries.length + mock.log.dropped;
    for (const entry of entries.slice(Math.max(0, entries.length - (total - shown)))) {
      output.out(`${formatEntry(entry, format)}\n`);
    }
    shown = total;
  };
}

function describeListenError(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use (another gateway?): choose another with --listen ${host}:PORT`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `cannot listen on ${host}: no such local address`;
  }
  if (code === 'EACCES') {
    return `not allowed to listen on ${host}:${port}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * `pgw mock`: resolves when the mock has stopped (after SIGINT/SIGTERM, or `stop` for tests) with
 * the exit code.
 */
export async function runMock(args: readonly string[], output: CliOutput, stop: Promise<void> = signalled()): Promise<number> {
  const parsed = parseMockArguments(args);
  if (typeof parsed === 'string') {
    output.err(`pgw mock: ${parsed}\n\n${MOCK_USAGE}`);
    return 2;
  }
  if ('help' in parsed) {
    output.out(MOCK_USAGE);
    return 0;
  }
  let mock: MockGateway;
  try {
    mock = await startMockGateway({ host: parsed.host, port: parsed.port, adminApi: parsed.adminApi });
  } catch (error) {
    output.err(`pgw mock: ${describeListenError(error, parsed.host, parsed.port)}\n`);
    return 1;
  }
  output.out(`listening on ${mock.url}\n`);
  const follow = logFollower(mock, output, parsed.logFormat);
  const poll = setInterval(follow, LOG_POLL_MS);
  await stop;
  clearInterval(poll);
  follow();
  await mock.close();
  output.err('pgw mock: stopped\n');
  return 0;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
