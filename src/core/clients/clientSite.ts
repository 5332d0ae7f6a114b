// What core/clients finds in Python (prometheus_client) and Go (client_golang) code: the calls that
// push to or delete from a Pushgateway, and the metrics the code declares. Both languages give the
// same shapes, so `pgw pushes`, `pgw lint` and the editor's CodeLens read one model. Lines and
// columns are 0-based, as in core/exposition.
import { Span } from '../exposition/model';
import { buildPushPath, GroupingKey, parsePushPath } from '../protocol/groupingKey';
import { PushMethod } from '../protocol/pushMethod';
import { resolveScriptUrl } from '../shell/heredocPush';
import { MappedBody } from '../shell/tree/mappedBody';

export type ClientLanguage = 'python' | 'go';

/** The metric kinds both clients declare; `info` and `enum` are Python's (exposed as gauges). */
export type ClientMetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'enum';

/** An argument as written, and its value when the code spells it out (a literal, or a constant assigned one). */
export interface CodeValue {
  readonly text: string;
  readonly value: string | undefined;
}

export interface GroupingPair {
  readonly label: CodeValue;
  readonly value: CodeValue;
}

/** A metric the code declares, with the name the client builds from it. */
export interface DeclaredMetric {
  readonly type: ClientMetricType;
  /** The family name as the client builds it (namespace_subsystem_name; a Python counter without its `_total`); undefined when not literal. */
  readonly name: string | undefined;
  /** The name as the text format shows it: Python adds `_total` to counters and `_info` to infos itself. */
  readonly exposedName: string | undefined;
  /** Where the name is written (its string's content), for findings. */
  readonly nameSpan: Span;
  readonly help: string | undefined;
  readonly labelNames: ReadonlyArray<{ readonly name: string; readonly span: Span }>;
  /** The declaration's first line. */
  readonly line: number;
}

/** One call that pushes or deletes: `push_to_gateway(...)`, `push.New(...)...Push()`. */
export interface ClientPushSite {
  readonly language: ClientLanguage;
  /** The function or method called, as the client names it: `push_to_gateway`, `Push`... */
  readonly call: string;
  readonly action: 'push' | 'delete';
  readonly method: PushMethod | 'DELETE';
  /** The call's first and last line. */
  readonly line: number;
  readonly endLine: number;
  readonly gateway: CodeValue | undefined;
  readonly job: CodeValue | undefined;
  /** The grouping labels besides `job`, in order; undefined when the code builds the key in a way not followed (a function, an unknown variable). */
  readonly grouping: readonly GroupingPair[] | undefined;
  /** What the pushed registry (or the pusher's collectors) declares, as far as it is followed; empty for a delete. */
  readonly metrics: readonly DeclaredMetric[];
  /** Whether the pushed registry or collectors were followed to their declarations. */
  readonly metricsKnown: boolean;
}

/**
 * A push the code sends itself, with an HTTP library (`requests.post(URL, data=BODY)`), to a URL that
 * names a Pushgateway group (`/metrics/job/...`); its body as the code spells it out, when it does.
 */
export interface HttpPushSite {
  readonly language: ClientLanguage;
  /** The function called, by its qualified name: `requests.post`, `httpx.put`, `urllib.request.Request`... */
  readonly call: string;
  /** Undefined when the code names it with a value it does not spell out. */
  readonly method: PushMethod | undefined;
  /** The call's first and last line. */
  readonly line: number;
  readonly endLine: number;
  readonly url: CodeValue;
  /** Each character of the body and where it is written (a placeholder for an f-string's `{expression}`); undefined when the body is not a literal. */
  readonly body: MappedBody | undefined;
  /** The body's first and last line, where the code writes it; the call's when not followed. */
  readonly bodyLines: { readonly start: number; readonly end: number };
}

/** What a client call does to its group: PUT replaces it, POST adds to it, DELETE removes it. */
export interface SiteAction {
  readonly action: ClientPushSite['action'];
  readonly method: ClientPushSite['method'];
}

export const PUT_PUSH: SiteAction = { action: 'push', method: 'PUT' };
export const POST_PUSH: SiteAction = { action: 'push', method: 'POST' };
export const GROUP_DELETE: SiteAction = { action: 'delete', method: 'DELETE' };

/** Everything core/clients finds in one file. */
export interface ClientAnalysis {
  readonly sites: readonly ClientPushSite[];
  /** Every metric the file declares, pushed or not (all of them are linted). */
  readonly metrics: readonly DeclaredMetric[];
  readonly httpPushes: readonly HttpPushSite[];
}

/** Where the grouping key starts in a push URL's path. */
const PUSH_PATH = '/metrics/job';
const EXPRESSION_TOKEN = /pgwexpr\d+x/;

export const NO_CLIENT_CODE: ClientAnalysis = { sites: [], metrics: [], httpPushes: [] };

/** What a URL of a Pushgateway group has; a call that sends to any other URL is not a push. */
export const GROUP_PATH = '/metrics/job/';

/**
 * A literal longer than this is not read as a pushed body (it is listed as not known): each of its
 * characters would become an object with its position, and an editor must stay responsive.
 */
export const MAX_BODY_LITERAL = 1024 * 1024;

/** The grouping key as the labels the gateway sees, values as written where not literal; undefined when not followed. */
export function siteGroupingLabels(site: ClientPushSite): Record<string, string> | undefined {
  if (site.job === undefined || site.grouping === undefined) {
    return undefined;
  }
  const labels: Record<string, string> = { job: site.job.value ?? site.job.text };
  for (const pair of site.grouping) {
    labels[pair.label.value ?? pair.label.text] = pair.value.value ?? pair.value.text;
  }
  return labels;
}

/** The grouping key when every part of it is literal. */
export function siteGroupingKey(site: ClientPushSite): GroupingKey | undefined {
  if (site.job?.value === undefined || site.grouping === undefined) {
    return undefined;
  }
  const labels: Record<string, string> = {};
  for (const { label, value } of site.grouping) {
    if (label.value === undefined || value.value === undefined) {
      return undefined;
    }
    labels[label.value] = value.value;
  }
  return { job: site.job.value, labels };
}

/** The gateway's base URL as the client sends to it (Python adds `http://` to a bare host:port). */
export function siteGatewayUrl(site: ClientPushSite): string | undefined {
  const gateway = site.gateway?.value;
  if (gateway === undefined || gateway === '') {
    return undefined;
  }
  const withScheme = /^https?:\/\//i.test(gateway) ? gateway : `http://${gateway}`;
  return withScheme.replace(/\/+$/, '');
}

/** The URL the call sends to, when gateway, job and grouping key are all literal. */
export function siteUrl(site: ClientPushSite): string | undefined {
  const base = siteGatewayUrl(site);
  const key = siteGroupingKey(site);
  if (base === undefined || key === undefined) {
    return undefined;
  }
  const path = buildPushPath(key, base);
  return path.ok ? path.value : undefined;
}

/**
 * The grouping labels of a push the code sends itself, `job` first: decoded from a literal URL, else
 * read with the gateway's rules off the URL as written when its path names every label literally
 * (`{GW}/metrics/job/etl/instance/{host}` → job=etl, instance={host}, an expression's value as
 * written); undefined when it does not.
 */
export function httpPushGroupingLabels(push: HttpPushSite): Record<string, string> | undefined {
  if (push.url.value !== undefined) {
    const target = resolveScriptUrl(push.url.value, {});
    return target.ok ? { job: target.value.key.job, ...target.value.key.labels } : undefined;
  }
  const written = push.url.text;
  if (/["']/.test(written) || !written.includes(PUSH_PATH)) {
    return undefined;
  }
  // Each {expression} stands in as a plain token while the path is read; the tokens are then put back as written.
  const expressions: string[] = [];
  const tokenized = written.replace(/\{\{|\}\}|\{[^{}]*\}/g, (part) => (part === '{{' ? '{' : part === '}}' ? '}' : `pgwexpr${expressions.push(part) - 1}x`)).replace(/[?#].*$/s, '');
  const path = tokenized.slice(tokenized.indexOf(PUSH_PATH));
  const segments = path.split('/'); // '', 'metrics', 'job', the job, then name and value pairs
  const names = segments.filter((_, index) => index >= 4 && index % 2 === 0);
  if (names.some((name) => EXPRESSION_TOKEN.test(name))) {
    return undefined;
  }
  // An expression's value is unknown, base64 or not: any valid one stands in while the path is read.
  const readable = segments.map((segment, index) => (index > 4 && index % 2 === 1 && segments[index - 1].endsWith('@base64') && EXPRESSION_TOKEN.test(segment) ? 'AA' : segment));
  const parsed = parsePushPath(readable.join('/'));
  if (!parsed.ok) {
    return undefined;
  }
  const asWritten = (text: string) => text.replace(/pgwexpr(\d+)x/g, (token, index: string) => expressions[Number(index)] ?? token);
  const labels: Record<string, string> = { job: asWritten(parsed.value.key.job) };
  for (const [name, value] of Object.entries(parsed.value.key.labels)) {
    labels[name] = asWritten(value);
  }
  // A base64 segment made of an expression: its value is the expression, as written.
  for (let index = 4; index + 1 < segments.length; index += 2) {
    const [name, value] = [segments[index], segments[index + 1]];
    if (name.endsWith('@base64') && EXPRESSION_TOKEN.test(value)) {
      labels[name.slice(0, -'@base64'.length)] = asWritten(value);
    }
  }
  return labels;
}
