// Small builders for the steps of gateway cases (used by generateCases.ts).
import * as zlib from 'node:zlib';
import { CaseStep } from './corpus';
import { MetricFamily, PROTOBUF_CONTENT_TYPE, encodeDelimited } from './protobuf';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4';

type Headers = Record<string, string>;

function withBody(method: string, path: string, body: string | Buffer, headers: Headers): CaseStep {
  const step: CaseStep = { method, path, headers };
  if (typeof body === 'string') {
    step.body = body;
  } else {
    step.bodyBase64 = body.toString('base64');
  }
  return step;
}

/** A text push with `Content-Type: text/plain; version=0.0.4` (override or drop with `headers`). */
export function put(path: string, body: string | Buffer, headers: Headers = { 'Content-Type': TEXT_CONTENT_TYPE }): CaseStep {
  return withBody('PUT', path, body, headers);
}

export function post(path: string, body: string | Buffer, headers: Headers = { 'Content-Type': TEXT_CONTENT_TYPE }): CaseStep {
  return withBody('POST', path, body, headers);
}

/** Any method with a body and exactly the given headers. */
export function send(method: string, path: string, body: string | Buffer, headers: Headers = {}): CaseStep {
  return withBody(method, path, body, headers);
}

/** A request without a body. */
export function bare(method: string, path: string, headers?: Headers): CaseStep {
  return headers === undefined ? { method, path } : { method, path, headers };
}

export function del(path: string): CaseStep {
  return bare('DELETE', path);
}

export function get(path: string): CaseStep {
  return bare('GET', path);
}

export function wipe(): CaseStep {
  return bare('PUT', '/api/v1/admin/wipe');
}

/** What the gateway holds now: the text exposition and the JSON API. */
export function state(): CaseStep[] {
  return [get('/metrics'), get('/api/v1/metrics')];
}

/** Marks a step whose answer the gateway words in `count` ways depending on Go map order. */
export function variants(step: CaseStep, count: number): CaseStep {
  return { ...step, expectVariants: count };
}

export function protobufBody(families: readonly MetricFamily[]): Buffer {
  return encodeDelimited(families);
}

export function putProtobuf(path: string, families: readonly MetricFamily[] | Buffer, method = 'PUT'): CaseStep {
  const body = Buffer.isBuffer(families) ? families : protobufBody(families);
  return withBody(method, path, body, { 'Content-Type': PROTOBUF_CONTENT_TYPE });
}

export function gzip(text: string | Buffer): Buffer {
  // Fixed level and no file name or mtime in the header, so the bytes are reproducible.
  return zlib.gzipSync(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, { level: 9 });
}

export function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function bytes(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
