import { isEmptyOverride, parseTargetOverride, TargetOverride } from './targetSettings';

/** A Pushgateway the user configured in the `pushgateway.gateways` setting. */
export interface GatewayConfig {
  readonly name: string;
  /** Base URL without a trailing slash, e.g. `http://pushgateway:9091`. */
  readonly url: string;
  /** Overrides the staleness threshold for this gateway. */
  readonly staleAfterHours?: number;
  /** A PEM file of CA certificates to trust for this gateway. */
  readonly caFile?: string;
  /** Accept any TLS certificate from this gateway (never the default). */
  readonly allowInsecureTls?: boolean;
  /** The mock gateway running inside VS Code, not a configured one. */
  readonly embedded?: boolean;
  /** Defined by the workspace's settings rather than the user's. */
  readonly fromWorkspace?: boolean;
  /** `gatewayVersion` and `utf8Names` of the entry: the lint target while the gateway's status is not known. */
  readonly target?: TargetOverride;
}

export interface GatewayList {
  readonly gateways: GatewayConfig[];
  /** One message per entry that was left out, naming the entry and what is wrong with it. */
  readonly problems: string[];
}

/** The name under which the explorer shows the embedded mock gateway; no configured gateway may take it. */
export const EMBEDDED_MOCK_NAME = 'Mock Gateway';

/** Why a text is not a usable gateway base URL, or undefined when it is. */
export function checkGatewayUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return `"${text}" is not a URL; expected something like http://pushgateway:9091`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${text}" must start with http:// or https://`;
  }
  if (url.search || url.hash) {
    return `"${text}" must not have a query or fragment`;
  }
  return undefined;
}

export function normalizeGatewayUrl(text: string): string {
  const url = new URL(text.trim());
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Reads the raw setting value. Bad entries are reported and skipped, never thrown, so one typo in
 * settings.json does not hide the other gateways.
 */
export function parseGatewayList(raw: unknown): GatewayList {
  if (raw === undefined || raw === null) {
    return { gateways: [], problems: [] };
  }
  if (!Array.isArray(raw)) {
    return { gateways: [], problems: ['pushgateway.gateways must be a list of { "name", "url" } entries'] };
  }
  const gateways: GatewayConfig[] = [];
  const problems: string[] = [];
  const seenNames = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const where = `pushgateway.gateways entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${where} must be an object with "name" and "url"`);
      return;
    }
    const { name, url } = entry as Record<string, unknown>;
    if (typeof url !== 'string' || url.trim() === '') {
      problems.push(`${where} has no "url"`);
      return;
    }
    const urlProblem = checkGatewayUrl(url);
    if (urlProblem) {
      problems.push(`${where}: ${urlProblem}`);
      return;
    }
    const withUserinfo = new URL(url.trim());
    if (withUserinfo.username || withUserinfo.password) {
      // Still listed, without them: the gateway may be readable anonymously.
      problems.push(`${where}: the user:password in its URL is not used (settings are no place for secrets): use "Pushgateway: Set Credentials"`);
    }
    const normalizedUrl = normalizeGatewayUrl(url);
    const displayName = typeof name === 'string' && name.trim() !== '' ? name.trim() : new URL(normalizedUrl).host;
    if (displayName === EMBEDDED_MOCK_NAME) {
      problems.push(`${where}: the name "${EMBEDDED_MOCK_NAME}" is kept for the embedded mock; choose another`);
      return;
    }
    if (seenNames.has(displayName)) {
      problems.push(`${where}: the name "${displayName}" is used twice`);
      return;
    }
    const { staleAfterHours, caFile, allowInsecureTls } = entry as Record<string, unknown>;
    if (staleAfterHours !== undefined && !(typeof staleAfterHours === 'number' && staleAfterHours > 0)) {
      problems.push(`${where}: "staleAfterHours" must be a positive number of hours`);
      return;
    }
    seenNames.add(displayName);
    // A bad version or switch is reported and the default used: the gateway stays listed.
    const { gatewayVersion, utf8Names } = entry as Record<string, unknown>;
    const target = parseTargetOverride({ gatewayVersion, utf8Names }, `${where}: `);
    problems.push(...target.problems.map((problem) => `${problem}; ignored`));
    gateways.push({
      name: displayName,
      url: normalizedUrl,
      ...(typeof staleAfterHours === 'number' ? { staleAfterHours } : {}),
      ...(typeof caFile === 'string' && caFile.trim() !== '' ? { caFile: caFile.trim() } : {}),
      ...(allowInsecureTls === true ? { allowInsecureTls: true } : {}),
      ...(isEmptyOverride(target.override) ? {} : { target: target.override }),
    });
  });
  return { gateways, problems };
}
