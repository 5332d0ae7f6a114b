import { parseArgs } from 'node:util';
import { MOCK_BOUND_DEFAULTS, MOCK_BOUND_FLAGS, MockBounds, MockGateway, parseMockBounds, PersistenceError, PushLogEntry, startMockGateway } from '../core/mock';
import { CliOutput } from './cliOutput';
import { GATEWAY_VERSIONS, GatewayTarget, describeGatewayTarget, isGatewayVersion } from '../core/protocol/gatewayTarget';

export const MOCK_USAGE = `Usage: pgw mock [--listen HOST:PORT] [--admin-api] [--log text|json]
                [--persistence FILE [--persistence-interval SECONDS]]
                [--gateway-version 1.11|1.5] [--utf8-names] [--disable-consistency-check]
                [--max-body-bytes N] [--max-families N] [--max-series N]
                [--header-timeout SECONDS] [--max-pipelined N]

Runs a mock Pushgateway that answers like Pushgateway 1.11.2 (or 1.5.1), for dry
runs of scripts and for CI. Every request is logged; GET /mock/v1/log returns
the log.

Options:
  --gateway-version 1.11|1.5
                       Which Pushgateway to answer like (default 1.11: 1.11.2,
                       also what 1.9 and 1.10 answer; 1.5: 1.5.1 up to 1.8).
  --utf8-names         Like --push.enable-utf8-names (1.11 only): quoted UTF-8
                       metric and label names are accepted.
  --disable-consistency-check
                       Like --push.disable-consistency-check: pushes that parse
                       are answered 202 and stored unchecked.
  --listen HOST:PORT   Where to listen (default 127.0.0.1:9091). Another host
                       than 127.0.0.1 only when you give it here. On a loopback
                       address only loopback Host names are served (against DNS
                       rebinding); on any other (0.0.0.0) every Host is, e.g.
                       host.docker.internal from a container.
  --admin-api          Serve PUT /api/v1/admin/wipe, like --web.enable-admin-api.
  --log text|json      How each request is logged on stdout (default text).
  --persistence FILE   Keep the pushed groups in FILE, like --persistence.file:
                       loaded on start (a missing file starts empty, a corrupt
                       one is an error and is left untouched), written when
                       they changed every --persistence-interval and on stop.
  --persistence-interval SECONDS
                       How often to write FILE (default 300, like the real one).

Bounds the real Pushgateway does not have (so that one client cannot stop the
mock answering the others):
  --max-body-bytes N   A request body above N bytes (also after gunzip) is
                       answered 413 (default ${MOCK_BOUND_DEFAULTS.maxBodyBytes}, 64 MiB).
  --max-families N     A push of more metric families is answered 413 and not
                       stored (default ${MOCK_BOUND_DEFAULTS.maxFamiliesPerPush}).
  --max-series N       A push of more series (all families together) is answered
                       413 and not stored (default ${MOCK_BOUND_DEFAULTS.maxSeriesPerPush}).
  --header-timeout SECONDS
                       A client that has not sent its whole request head by then
                       is answered 408 and cut (default ${MOCK_BOUND_DEFAULTS.headerTimeoutSeconds}).
  --max-pipelined N    Requests on one connection are answered in turn; a
                       connection with more than N waiting is closed (default ${MOCK_BOUND_DEFAULTS.maxPipelinedRequests}).
  -h, --help           Show this help.

Stops on SIGINT or SIGTERM.
`;

interface MockArguments {
  readonly host: string;
  readonly port: number;
  readonly adminApi: boolean;
  readonly logFormat: 'text' | 'json';
  readonly persistenceFile: string | undefined;
  readonly persistenceIntervalMs: number | undefined;
  readonly target: GatewayTarget;
  readonly bounds: MockBounds;
}

/** The target of --gateway-version, --utf8-names and --disable-consistency-check, or what is wrong with them. */
function parseTarget(version: string | undefined, utf8Names: boolean, consistencyCheckDisabled: boolean): GatewayTarget | string {
  const chosen = version ?? '1.11';
  if (!isGatewayVersion(chosen)) {
    return `--gateway-version must be ${GATEWAY_VERSIONS.join(' or ')}, not "${chosen}"`;
  }
  if (utf8Names && chosen === '1.5') {
    return '--utf8-names needs --gateway-version 1.11 (Pushgateway 1.5 has no UTF-8 names)';
  }
  return { version: chosen, utf8Names, consistencyCheckDisabled };
}

/** The persistence options, or what is wrong with them. */
function parsePersistence(file: string | undefined, interval: string | undefined): { persistenceFile: string | undefined; persistenceIntervalMs: number | undefined } | string {
  if (file === '') {
    return '--persistence needs a file name';
  }
  if (interval === undefined) {
    return { persistenceFile: file, persistenceIntervalMs: undefined };
  }
  if (file === undefined) {
    return '--persistence-interval needs --persistence FILE';
  }
  const seconds = Number(interval);
  if (!/^\d+(\.\d+)?$/.test(interval) || seconds <= 0 || seconds * 1000 > 2 ** 31 - 1) {
    return `--persistence-interval must be a number of seconds above 0 (at most 2147483), not "${interval}"`;
  }
  return { persistenceFile: file, persistenceIntervalMs: Math.max(1, Math.round(seconds * 1000)) };
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
      options: {
        listen: { type: 'string', default: '127.0.0.1:9091' },
        'admin-api': { type: 'boolean' },
        log: { type: 'string', default: 'text' },
        persistence: { type: 'string' },
        'persistence-interval': { type: 'string' },
        'gateway-version': { type: 'string' },
        'utf8-names': { type: 'boolean' },
        'disable-consistency-check': { type: 'boolean' },
        'max-body-bytes': { type: 'string' },
        'max-families': { type: 'string' },
        'max-series': { type: 'string' },
        'header-timeout': { type: 'string' },
        'max-pipelined': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
  const persistence = parsePersistence(values.persistence, values['persistence-interval']);
  if (typeof persistence === 'string') {
    return persistence;
  }
  const target = parseTarget(values['gateway-version'], values['utf8-names'] === true, values['disable-consistency-check'] === true);
  if (typeof target === 'string') {
    return target;
  }
  const bounds = parseMockBounds(
    {
      maxBodyBytes: values['max-body-bytes'],
      maxFamiliesPerPush: values['max-families'],
      maxSeriesPerPush: values['max-series'],
      headerTimeoutSeconds: values['header-timeout'],
      maxPipelinedRequests: values['max-pipelined'],
    },
    MOCK_BOUND_FLAGS,
  );
  if (typeof bounds === 'string') {
    return bounds;
  }
  return { ...listen, ...persistence, target, bounds, adminApi: values['admin-api'] === true, logFormat: values.log };
}

function formatEntry(entry: PushLogEntry, format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(entry);
  }
  // Quoted: a family name (UTF-8 names, protobuf) may hold control characters a terminal would obey.
  const families = entry.families.length > 0 ? ` [${entry.families.map((name) => JSON.stringify(name)).join(', ')}]` : '';
  const error = entry.error ? ` ${entry.error.trim()}` : '';
  return `${entry.time} ${entry.method} ${entry.path} ${entry.status}${sizesOf(entry)}${families}${error}`;
}

/** ` (23 bytes sent)`, ` (1042 bytes answered)`, both, or nothing: each size only when there was a body, as the editor's log says it. */
function sizesOf(entry: PushLogEntry): string {
  const sizes = [entry.bodyBytes > 0 ? `${byteCount(entry.bodyBytes)} sent` : '', entry.answerBytes ? `${byteCount(entry.answerBytes)} answered` : ''].filter(Boolean);
  return sizes.length > 0 ? ` (${sizes.join(', ')})` : '';
}

function byteCount(bytes: number): string {
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
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
    mock = await startMockGateway({
      ...parsed.bounds,
      host: parsed.host,
      port: parsed.port,
      adminApi: parsed.adminApi,
      target: parsed.target,
      persistenceFile: parsed.persistenceFile,
      persistenceIntervalMs: parsed.persistenceIntervalMs,
      onPersistenceError: (error) => output.err(`pgw mock: ${error.message}\n`),
    });
  } catch (error) {
    const message = error instanceof PersistenceError ? error.message : describeListenError(error, parsed.host, parsed.port);
    output.err(`pgw mock: ${message}\n`);
    return 1;
  }
  output.out(`listening on ${mock.url} (${describeGatewayTarget(parsed.target)})\n`);
  const stopLogging = mock.log.onEntry((entry) => output.out(`${formatEntry(entry, parsed.logFormat)}\n`));
  await stop;
  stopLogging();
  try {
    await mock.close();
  } catch (error) {
    output.err(`pgw mock: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  output.err('pgw mock: stopped\n');
  return 0;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
