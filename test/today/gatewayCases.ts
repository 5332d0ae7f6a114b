// The "today" gateway request sequences: what changed between Pushgateway 1.5.1 and 1.11.2 (issue
// 13), each a short story on a fresh gateway, written as templates over a vocabulary. Recorded
// against every target (1.5, 1.11, 1.11-utf8, 1.11-unchecked); slug prefixes name the area (see
// test/fixtures/README-today.md).
import { CaseStep, GatewayCase } from '../gateway/corpus';
import { bare, base64Url, del, get, gzip, post, put, putProtobuf, send, state } from '../gateway/steps';
import { encodeDelimited as encodeTodayDelimited, encodeRawFamily, LooseMetricFamily as TodayMetricFamily, PROTOBUF_CONTENT_TYPE, withLengthPrefix } from '../gateway/protobuf';
import { snappyBlock, snappyFramed } from './snappy';
import { Vocabulary } from './vocabulary';

type Story = (v: Vocabulary) => { description: string; steps: CaseStep[]; adminApi?: boolean };

function stories(prefix: string, templates: Record<string, Story>, v: Vocabulary): Record<string, GatewayCase> {
  const result: Record<string, GatewayCase> = {};
  for (const [slug, story] of Object.entries(templates)) {
    const { description, steps, adminApi } = story(v);
    result[`${prefix}-${slug}`] = { description, gateway: { adminApi: adminApi ?? false }, steps };
  }
  return result;
}

function jobPath(v: Vocabulary, rest = ''): string {
  return `/metrics/job/${v.job}${rest}`;
}

function protobuf(path: string, families: readonly TodayMetricFamily[], method = 'PUT'): CaseStep {
  return putProtobuf(path, encodeTodayDelimited(families), method);
}

function withEncoding(method: string, path: string, body: Buffer, encoding: string, contentType = 'text/plain; version=0.0.4'): CaseStep {
  return send(method, path, body, { 'Content-Type': contentType, 'Content-Encoding': encoding });
}

function getWith(path: string, headers: Record<string, string>): CaseStep {
  return bare('GET', path, headers);
}

/** Quoted and UTF-8 names in text bodies, with the gateway's state after each push. */
function utf8Names(v: Vocabulary): Record<string, GatewayCase> {
  const p = jobPath(v);
  return stories(
    'utf8',
    {
      'dotted-name': (w) => ({ description: 'a quoted name that is legal only with UTF-8 names', steps: [put(p, `{"${w.dotted}"} 1\n`), ...state()] }),
      'dotted-name-with-type': (w) => ({
        description: 'quoted HELP/TYPE and sample of a dotted name',
        steps: [put(p, `# HELP "${w.dotted}" ${w.help}\n# TYPE "${w.dotted}" gauge\n{"${w.dotted}", ${w.label}="${w.value}"} 2\n`), ...state()],
      }),
      'dotted-counter': (w) => ({ description: 'a dotted counter', steps: [put(p, `# TYPE "${w.dotted}_total" counter\n{"${w.dotted}_total"} 5\n`), ...state()] }),
      'dotted-histogram': (w) => ({
        description: 'a dotted histogram',
        steps: [put(p, `# TYPE "${w.dotted}" histogram\n{"${w.dotted}_bucket", le="1"} 1\n{"${w.dotted}_bucket", le="+Inf"} 2\n{"${w.dotted}_sum"} 3\n{"${w.dotted}_count"} 2\n`), ...state()],
      }),
      'dotted-label': (w) => ({ description: 'a quoted dotted label name', steps: [put(p, `${w.gauge}{"${w.dottedLabel}"="${w.value}"} 1\n`), ...state()] }),
      'dotted-name-and-label': (w) => ({ description: 'dotted name and dotted label', steps: [put(p, `{"${w.dotted}", "${w.dottedLabel}"="${w.value}"} 1\n`), ...state()] }),
      'unicode-name': (w) => ({ description: 'a name with non-ASCII letters', steps: [put(p, `{"${w.unicodeName}"} 1\n`), ...state()] }),
      'emoji-label': (w) => ({ description: 'a label name with an emoji', steps: [put(p, `${w.gauge}{"ok_✅"="yes"} 1\n`), ...state()] }),
      'legal-name-quoted': (w) => ({
        description: 'a classic name, quoted: accepted without UTF-8 names',
        steps: [put(p, `# TYPE "${w.gauge}" gauge\n{"${w.gauge}", ${w.label}="${w.value}"} 1\n`), ...state()],
      }),
      'legal-label-quoted': (w) => ({ description: 'a classic label name, quoted', steps: [put(p, `${w.gauge}{"${w.label}"="${w.value}"} 1\n`), ...state()] }),
      'bare-name-in-braces': (w) => ({ description: '`{name} 1`: an unquoted name inside the braces', steps: [put(p, `{${w.gauge}} 1\n`), ...state()] }),
      'post-replaces-quoted': (w) => ({
        description: 'POST of a plain name replaces the same family pushed quoted',
        steps: [put(p, `{"${w.gauge}", ${w.label}="a"} 1\n${w.counter} 2\n`), post(p, `${w.gauge}{${w.label}="b"} 3\n`), ...state()],
      }),
      'post-dotted-into-group': (w) => ({ description: 'POST of a dotted name into an existing group', steps: [put(p, `${w.gauge} 1\n`), post(p, `{"${w.dotted}"} 2\n`), ...state()] }),
      'delete-group-with-dotted': (w) => ({ description: 'DELETE of a group holding a dotted name', steps: [put(p, `{"${w.dotted}"} 1\n`), del(p), ...state()] }),
      'dotted-and-underscored-clash': (w) => ({
        description: 'a dotted name and its underscored twin in one push',
        steps: [put(p, `{"${w.dotted}"} 1\n${w.dotted.replace(/\./g, '_')} 2\n`), ...state()],
      }),
      'dotted-in-two-groups-types': (w) => ({
        description: 'one dotted name as gauge and counter in two groups',
        steps: [put(p, `# TYPE "${w.dotted}" gauge\n{"${w.dotted}"} 1\n`), put(jobPath(w, '/instance/b'), `# TYPE "${w.dotted}" counter\n{"${w.dotted}"} 1\n`), ...state()],
      }),
      'dotted-help-escaped-quote': (w) => ({ description: 'a dotted name whose HELP has \\"', steps: [put(p, `# HELP "${w.dotted}" the \\"last\\" one\n{"${w.dotted}"} 1\n`), ...state()] }),
      'quoted-job-label-in-body': (w) => ({ description: 'a quoted "job" label in the body, overridden by the URL', steps: [put(p, `{"${w.gauge}", "job"="other"} 1\n`), ...state()] }),
      'protobuf-dotted-name': (w) => ({
        description: 'a protobuf family with a dotted name',
        steps: [protobuf(p, [{ name: w.dotted, type: 'GAUGE', metric: [{ gauge: { value: 1 } }] }]), ...state()],
      }),
      'protobuf-dotted-label': (w) => ({
        description: 'a protobuf metric with a dotted label name',
        steps: [protobuf(p, [{ name: w.gauge, type: 'GAUGE', metric: [{ label: [{ name: w.dottedLabel, value: w.value }], gauge: { value: 1 } }] }]), ...state()],
      }),
      'protobuf-dash-name': () => ({
        description: 'a protobuf family named with a dash (1.5.1 accepted it unchecked)',
        steps: [protobuf(p, [{ name: 'backup-size', type: 'GAUGE', metric: [{ gauge: { value: 1 } }] }]), ...state()],
      }),
      'protobuf-invalid-utf8-name': () => ({
        description: 'a protobuf family whose name is not UTF-8',
        steps: [putProtobuf(p, withLengthPrefix(encodeRawFamily({ name: Buffer.from([0x62, 0xff, 0x63]), type: 'GAUGE', value: 1 }))), get('/api/v1/metrics')],
      }),
    },
    v,
  );
}

/** `U__` escaping of label names in grouping-key paths. */
function escapedPaths(v: Vocabulary): Record<string, GatewayCase> {
  const body = `${v.gauge} 1\n`;
  const dottedEscaped = `U__${v.dottedLabel.replace(/\./g, '_2e_')}`;
  return stories(
    'path',
    {
      'u-escaped-dotted-label': (w) => ({ description: 'a dotted grouping label name, U__-escaped', steps: [put(jobPath(w, `/${dottedEscaped}/${w.value}`), body), ...state()] }),
      'u-escaped-dotted-label-base64': (w) => ({ description: 'U__-escaped name with a base64 value', steps: [put(jobPath(w, `/${dottedEscaped}@base64/${base64Url(w.value)}`), body), ...state()] }),
      'u-escaped-plain-label': (w) => ({ description: 'U__ before a name that needs no escaping', steps: [put(jobPath(w, `/U__${w.label}/${w.value}`), body), ...state()] }),
      'u-escaped-underscore': (w) => ({ description: 'U__ with a doubled underscore (an escaped `_`)', steps: [put(jobPath(w, `/U__${w.label}__x/${w.value}`), body), ...state()] }),
      'u-escaped-unicode': (w) => ({ description: 'U__ with a code point escape (ö)', steps: [put(jobPath(w, `/U__gr_f6_sse/${w.value}`), body), ...state()] }),
      'u-escaped-invalid-hex': (w) => ({ description: 'U__ with a broken escape', steps: [put(jobPath(w, `/U__a_zz_b/${w.value}`), body), ...state()] }),
      'u-escaped-unterminated': (w) => ({ description: 'U__ with an escape that never ends', steps: [put(jobPath(w, `/U__a_2e/${w.value}`), body), ...state()] }),
      'u-escaped-empty': (w) => ({ description: 'U__ alone', steps: [put(jobPath(w, `/U__/${w.value}`), body), ...state()] }),
      'u-escaped-job': (w) => ({ description: 'U__job as a second job label', steps: [put(jobPath(w, `/U__job/other`), body), ...state()] }),
      'u-escaped-delete': (w) => ({
        description: 'DELETE addressed with the U__-escaped name',
        steps: [put(jobPath(w, `/${dottedEscaped}/${w.value}`), body), del(jobPath(w, `/${dottedEscaped}/${w.value}`)), get('/api/v1/metrics')],
      }),
      'dotted-label-unescaped': (w) => ({ description: 'a dotted grouping label name as is', steps: [put(jobPath(w, `/${w.dottedLabel}/${w.value}`), body), ...state()] }),
      'dotted-label-percent-encoded': (w) => ({
        description: 'a dotted grouping label name with %2E',
        steps: [put(jobPath(w, `/${w.dottedLabel.replace(/\./g, '%2E')}/${w.value}`), body), ...state()],
      }),
      'dash-label-unescaped': (w) => ({ description: 'a grouping label name with a dash', steps: [put(jobPath(w, `/host-name/${w.value}`), body), ...state()] }),
      'unicode-label-percent-encoded': (w) => ({ description: 'a grouping label name ö, percent-encoded UTF-8', steps: [put(jobPath(w, `/gr%C3%B6sse/${w.value}`), body), ...state()] }),
      'dotted-job-value': (w) => ({ description: 'a job value with dots (values were always free)', steps: [put(`/metrics/job/${w.dotted}`, body), ...state()] }),
      'u-escaped-exposed-allow-utf8': (w) => ({
        description: 'U__-escaped grouping label, then GET /metrics with escaping=allow-utf-8',
        steps: [put(jobPath(w, `/${dottedEscaped}/${w.value}`), body), getWith('/metrics', { Accept: 'text/plain; version=1.0.0; escaping=allow-utf-8' })],
      }),
      'u-escaped-upper-hex': (w) => ({ description: 'U__ with an upper-case hex escape', steps: [put(jobPath(w, `/U__host_2E_name/${w.value}`), body), get('/api/v1/metrics')] }),
      'u-escaped-emoji': (w) => ({ description: 'U__ with a five-digit code point (an emoji)', steps: [put(jobPath(w, `/U__ok_1f600_/${w.value}`), body), get('/api/v1/metrics')] }),
      'u-escaped-label-and-body-label': (w) => ({
        description: 'U__-escaped grouping label overriding the same quoted label in the body',
        steps: [put(jobPath(w, `/${dottedEscaped}/${w.value}`), `${w.gauge}{"${w.dottedLabel}"="body"} 1\n`), ...state()],
      }),
    },
    v,
  );
}

/** Content-Encoding of push bodies: snappy, and case-insensitive names. */
function encodings(v: Vocabulary): Record<string, GatewayCase> {
  const p = jobPath(v);
  const text = `# TYPE ${v.gauge} gauge\n${v.gauge}{${v.label}="${v.value}"} 1\n`;
  return stories(
    'encoding',
    {
      'snappy-framed': () => ({ description: 'snappy framing format, literal-only block', steps: [withEncoding('PUT', p, snappyFramed(text), 'snappy'), ...state()] }),
      'snappy-framed-uncompressed-chunk': () => ({
        description: 'snappy framing format, uncompressed chunk',
        steps: [withEncoding('PUT', p, snappyFramed(text, { uncompressed: true }), 'snappy'), ...state()],
      }),
      'snappy-block-format': () => ({ description: 'a bare snappy block (not the framing format)', steps: [withEncoding('PUT', p, snappyBlock(Buffer.from(text)), 'snappy'), get('/api/v1/metrics')] }),
      'snappy-bad-checksum': () => ({ description: 'snappy frame with a wrong CRC', steps: [withEncoding('PUT', p, snappyFramed(text, { badChecksum: true }), 'snappy'), get('/api/v1/metrics')] }),
      'snappy-no-stream-identifier': () => ({
        description: 'snappy chunk without the stream identifier',
        steps: [withEncoding('PUT', p, snappyFramed(text, { noStreamIdentifier: true }), 'snappy'), get('/api/v1/metrics')],
      }),
      'snappy-plain-text': () => ({ description: 'plain text labelled snappy', steps: [withEncoding('PUT', p, Buffer.from(text), 'snappy'), get('/api/v1/metrics')] }),
      'snappy-empty-body': () => ({ description: 'an empty body labelled snappy', steps: [withEncoding('PUT', p, Buffer.alloc(0), 'snappy'), get('/api/v1/metrics')] }),
      'snappy-upper-case': () => ({ description: 'Content-Encoding: SNAPPY', steps: [withEncoding('PUT', p, snappyFramed(text), 'SNAPPY'), ...state()] }),
      'snappy-parse-error-inside': () => ({
        description: 'snappy body holding a text parse error',
        steps: [withEncoding('PUT', p, snappyFramed(`${v.gauge} one\n`), 'snappy'), get('/api/v1/metrics')],
      }),
      'snappy-protobuf': () => ({
        description: 'snappy body holding delimited protobuf',
        steps: [withEncoding('PUT', p, snappyFramed(encodeTodayDelimited([{ name: v.gauge, type: 'GAUGE', metric: [{ gauge: { value: 4 } }] }])), 'snappy', PROTOBUF_CONTENT_TYPE), ...state()],
      }),
      'snappy-post': () => ({ description: 'snappy POST into an existing group', steps: [put(p, `${v.counter} 1\n`), withEncoding('POST', p, snappyFramed(text), 'snappy'), ...state()] }),
      'gzip-upper-case': () => ({ description: 'Content-Encoding: GZIP', steps: [withEncoding('PUT', p, gzip(text), 'GZIP'), ...state()] }),
      'gzip-mixed-case': () => ({ description: 'Content-Encoding: Gzip', steps: [withEncoding('PUT', p, gzip(text), 'Gzip'), ...state()] }),
      'gzip-x-gzip': () => ({ description: 'Content-Encoding: x-gzip', steps: [withEncoding('PUT', p, gzip(text), 'x-gzip'), get('/api/v1/metrics')] }),
      'gzip-with-spaces': () => ({ description: 'Content-Encoding: " gzip " (spaces)', steps: [withEncoding('PUT', p, gzip(text), ' gzip '), get('/api/v1/metrics')] }),
      'gzip-list': () => ({ description: 'Content-Encoding: gzip, identity', steps: [withEncoding('PUT', p, gzip(text), 'gzip, identity'), get('/api/v1/metrics')] }),
      'deflate': () => ({ description: 'Content-Encoding: deflate (unknown: parsed as text)', steps: [withEncoding('PUT', p, Buffer.from(text), 'deflate'), get('/api/v1/metrics')] }),
      'identity': () => ({ description: 'Content-Encoding: identity', steps: [withEncoding('PUT', p, Buffer.from(text), 'identity'), get('/api/v1/metrics')] }),
      'br-on-text': () => ({ description: 'Content-Encoding: br on plain text', steps: [withEncoding('PUT', p, Buffer.from(text), 'br'), get('/api/v1/metrics')] }),
      'gzip-protobuf-upper': () => ({
        description: 'GZIP (upper case) around protobuf',
        steps: [withEncoding('PUT', p, gzip(encodeTodayDelimited([{ name: v.gauge, type: 'GAUGE', metric: [{ gauge: { value: 2 } }] }])), 'GZIP', PROTOBUF_CONTENT_TYPE), ...state()],
      }),
    },
    v,
  );
}

/** GET /metrics: escaping= negotiation, its Content-Type, and Accept-Encoding. */
function negotiation(v: Vocabulary): Record<string, GatewayCase> {
  const p = jobPath(v);
  const plain = put(p, `# HELP ${v.gauge} ${v.help}\n# TYPE ${v.gauge} gauge\n${v.gauge}{${v.label}="${v.value}"} 1\n`);
  const dotted = put(p, `# TYPE "${v.dotted}" gauge\n{"${v.dotted}", "${v.dottedLabel}"="${v.value}"} 1\n${v.gauge} 2\n`);
  const accepts: Record<string, string> = {
    'no-accept': '',
    'text-004': 'text/plain; version=0.0.4',
    'text-100': 'text/plain; version=1.0.0',
    'escaping-underscores': 'text/plain; version=1.0.0; escaping=underscores',
    'escaping-dots': 'text/plain; version=1.0.0; escaping=dots',
    'escaping-values': 'text/plain; version=1.0.0; escaping=values',
    'escaping-allow-utf8': 'text/plain; version=1.0.0; escaping=allow-utf-8',
    'escaping-unknown': 'text/plain; version=1.0.0; escaping=quotes',
    'openmetrics': 'application/openmetrics-text; version=1.0.0; escaping=allow-utf-8',
    'protobuf-delimited': `${PROTOBUF_CONTENT_TYPE}; escaping=allow-utf-8`,
    'any': '*/*',
  };
  const result: Record<string, Story> = {};
  for (const [slug, accept] of Object.entries(accepts)) {
    const headers: Record<string, string> = accept === '' ? {} : { Accept: accept };
    result[`plain-${slug}`] = () => ({ description: `GET /metrics of classic names with Accept: ${accept || '(none)'}`, steps: [plain, getWith('/metrics', headers)] });
    if (!slug.startsWith('protobuf')) {
      result[`dotted-${slug}`] = () => ({ description: `GET /metrics after a dotted push with Accept: ${accept || '(none)'}`, steps: [dotted, getWith('/metrics', headers)] });
    }
  }
  const encodingsAccepted: Record<string, string> = {
    gzip: 'gzip',
    'gzip-q0': 'gzip;q=0',
    'identity-preferred': 'identity;q=1, gzip;q=0.5',
    star: '*',
    'gzip-half-star-zero': 'gzip;q=0.5, *;q=0',
    'upper-gzip': 'GZIP',
    'x-gzip': 'x-gzip',
    deflate: 'deflate',
    'br-gzip': 'br, gzip;q=0.8',
    'gzip-spaces-q': 'gzip ; q=0.9',
    'identity-q0': 'identity;q=0',
  };
  for (const [slug, value] of Object.entries(encodingsAccepted)) {
    result[`accept-encoding-${slug}`] = () => ({ description: `GET /metrics with Accept-Encoding: ${value}`, steps: [plain, getWith('/metrics', { 'Accept-Encoding': value })] });
  }
  result['accept-encoding-api'] = () => ({ description: 'GET /api/v1/metrics with Accept-Encoding: gzip', steps: [plain, getWith('/api/v1/metrics', { 'Accept-Encoding': 'gzip' })] });
  result['dotted-allow-utf8-gzip'] = () => ({
    description: 'GET /metrics after a dotted push, escaping=allow-utf-8 and gzip',
    steps: [dotted, getWith('/metrics', { Accept: 'text/plain; version=1.0.0; escaping=allow-utf-8', 'Accept-Encoding': 'gzip' })],
  });
  return stories('negotiate', result, v);
}

/** Native and float histograms, pushed as protobuf, in /metrics and /api/v1/metrics. */
function histograms(v: Vocabulary): Record<string, GatewayCase> {
  const p = jobPath(v);
  const h = v.histogram;
  const native = { sampleCount: 5, sampleSum: 12.5, schema: 0, zeroThreshold: 1e-128, zeroCount: 1, positiveSpan: [{ offset: 0, length: 2 }], positiveDelta: [2, 0] };
  const pushHistogram = (histogram: Record<string, unknown>, type = 'HISTOGRAM') => protobuf(p, [{ name: h, help: 'How long it took.', type, metric: [{ histogram }] }]);
  return stories(
    'native',
    {
      'integer-native': () => ({ description: 'a native histogram with integer counts', steps: [pushHistogram(native), ...state()] }),
      'float-native': () => ({
        description: 'a native histogram with float counts',
        steps: [
          pushHistogram({ sampleCountFloat: 4.5, sampleSum: 9, schema: 1, zeroThreshold: 0.001, zeroCountFloat: 0.5, positiveSpan: [{ offset: -1, length: 2 }], positiveCount: [1.5, 2.5] }),
          ...state(),
        ],
      }),
      'negative-buckets': () => ({
        description: 'a native histogram with negative buckets',
        steps: [pushHistogram({ sampleCount: 3, sampleSum: -2, schema: 0, zeroThreshold: 0, zeroCount: 0, negativeSpan: [{ offset: 1, length: 1 }], negativeDelta: [3] }), ...state()],
      }),
      'native-and-classic': () => ({
        description: 'native and classic buckets in one histogram',
        steps: [
          pushHistogram({
            ...native,
            bucket: [
              { cumulativeCount: 2, upperBound: 1 },
              { cumulativeCount: 5, upperBound: 10 },
            ],
          }),
          ...state(),
        ],
      }),
      'zero-bucket-only': () => ({
        description: 'a native histogram with only a zero bucket',
        steps: [pushHistogram({ sampleCount: 2, sampleSum: 0, schema: 3, zeroThreshold: 1e-9, zeroCount: 2 }), ...state()],
      }),
      'gauge-histogram-native': () => ({ description: 'a native gauge histogram', steps: [pushHistogram(native, 'GAUGE_HISTOGRAM'), ...state()] }),
      'float-classic': () => ({
        description: 'a classic histogram with float bucket counts',
        steps: [
          pushHistogram({
            sampleCountFloat: 2.5,
            sampleSum: 3,
            bucket: [
              { cumulativeCountFloat: 1.5, upperBound: 1 },
              { cumulativeCountFloat: 2.5, upperBound: 5 },
            ],
          }),
          ...state(),
        ],
      }),
      'schema-out-of-range': () => ({ description: 'a native histogram with schema 9', steps: [pushHistogram({ ...native, schema: 9 }), ...state()] }),
      'spans-deltas-mismatch': () => ({ description: 'spans that cover more buckets than deltas', steps: [pushHistogram({ ...native, positiveSpan: [{ offset: 0, length: 3 }] }), ...state()] }),
      'negative-float-count': () => ({
        description: 'a native histogram with a negative float count',
        steps: [pushHistogram({ sampleCountFloat: -1, sampleSum: 1, schema: 0, zeroThreshold: 0, positiveSpan: [{ offset: 0, length: 1 }], positiveCount: [-1] }), ...state()],
      }),
      'text-float-counts': () => ({
        description: 'a text histogram with float counts',
        steps: [put(p, `# TYPE ${h} histogram\n${h}_bucket{le="1"} 0.5\n${h}_bucket{le="+Inf"} 2.5\n${h}_sum 3\n${h}_count 2.5\n`), ...state()],
      }),
      'text-negative-count': () => ({
        description: 'a text histogram with a negative count',
        steps: [put(p, `# TYPE ${h} histogram\n${h}_bucket{le="+Inf"} -1\n${h}_count -1\n`), get('/api/v1/metrics')],
      }),
      'text-gaugehistogram': () => ({
        description: 'a text gaugehistogram',
        steps: [put(p, `# TYPE ${h} gaugehistogram\n${h}_bucket{le="1"} 1\n${h}_bucket{le="+Inf"} 3\n${h}_gcount 3\n${h}_gsum 2\n`), ...state()],
      }),
      'text-help-escaped-quote': () => ({ description: 'a HELP with \\" as exposed afterwards', steps: [put(p, `# HELP ${v.gauge} the \\"last\\" backup\n${v.gauge} 1\n`), ...state()] }),
      'native-then-classic-post': () => ({
        description: 'POST of a classic histogram over a native one',
        steps: [pushHistogram(native), post(p, `# TYPE ${h} histogram\n${h}_bucket{le="+Inf"} 1\n${h}_count 1\n${h}_sum 1\n`), ...state()],
      }),
    },
    v,
  );
}

/** Protobuf bodies the 1.11 decoder words differently. */
function protobufErrors(v: Vocabulary): Record<string, GatewayCase> {
  const p = jobPath(v);
  const good = encodeTodayDelimited([{ name: v.gauge, type: 'GAUGE', metric: [{ gauge: { value: 1 } }] }]);
  const raw = (bytes: Buffer) => putProtobuf(p, bytes);
  return stories(
    'proto',
    {
      garbage: () => ({ description: 'text sent as protobuf', steps: [raw(Buffer.from(`${v.gauge} 1\n`)), get('/api/v1/metrics')] }),
      truncated: () => ({ description: 'a message cut short', steps: [raw(good.subarray(0, good.length - 3)), get('/api/v1/metrics')] }),
      'length-too-large': () => ({ description: 'a length prefix beyond the body', steps: [raw(Buffer.concat([Buffer.from([0x7f]), good.subarray(1)])), get('/api/v1/metrics')] }),
      'wrong-wire-type': () => ({ description: 'the name field with a varint wire type', steps: [raw(Buffer.from([0x02, 0x08, 0x01])), get('/api/v1/metrics')] }),
      'invalid-field-number': () => ({ description: 'field number 0', steps: [raw(Buffer.from([0x02, 0x00, 0x01])), get('/api/v1/metrics')] }),
      'invalid-utf8-label-value': () => ({
        description: 'a label value that is not UTF-8',
        steps: [raw(withLengthPrefix(encodeRawFamily({ name: 'a', type: 'GAUGE', label: { name: 'l', value: Buffer.from([0x61, 0xfe]) }, value: 1 }))), get('/api/v1/metrics')],
      }),
      'unknown-type-enum': () => ({ description: 'MetricType 9', steps: [raw(Buffer.from([0x08, 0x0a, 0x01, 0x61, 0x18, 0x09, 0x22, 0x00])), get('/api/v1/metrics')] }),
      'overlong-varint': () => ({ description: 'a length varint of 11 bytes', steps: [raw(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])), get('/api/v1/metrics')] }),
      'second-message-broken': () => ({ description: 'a good message followed by a broken one', steps: [raw(Buffer.concat([good, Buffer.from([0x05, 0x0a, 0x07])])), get('/api/v1/metrics')] }),
      'empty-family': () => ({ description: 'a zero-length message', steps: [raw(Buffer.from([0x00])), ...state()] }),
      'timestamp': () => ({
        description: 'a protobuf metric with a timestamp',
        steps: [protobuf(p, [{ name: v.gauge, type: 'GAUGE', metric: [{ gauge: { value: 1 }, timestampMs: 1700000000000 }] }]), get('/api/v1/metrics')],
      }),
      'unit-field': () => ({
        description: 'a family with the newer unit field',
        steps: [protobuf(p, [{ name: v.gauge, type: 'GAUGE', unit: 'bytes', metric: [{ gauge: { value: 1 } }] }]), ...state()],
      }),
    },
    v,
  );
}

/** What the consistency check refuses (202 with --push.disable-consistency-check) and how 1.11 dumps the offending series. */
function consistency(v: Vocabulary): Record<string, GatewayCase> {
  const p = jobPath(v);
  const other = jobPath(v, '/instance/b');
  return stories(
    'check',
    {
      'duplicate-gauge': (w) => ({ description: 'duplicate series in one push', steps: [put(p, `# TYPE ${w.gauge} gauge\n${w.gauge} 1\n${w.gauge} 2\n`), ...state()] }),
      'duplicate-counter-labelled': (w) => ({
        description: 'duplicate labelled counter series',
        steps: [put(p, `# TYPE ${w.counter} counter\n${w.counter}{${w.label}="${w.value}"} 1\n${w.counter}{${w.label}="${w.value}"} 2\n`), ...state()],
      }),
      'duplicate-untyped': (w) => ({ description: 'duplicate untyped series', steps: [put(p, `${w.gauge} 1\n${w.gauge} 1\n`), get('/api/v1/metrics')] }),
      'duplicate-quoted-label': (w) => ({
        description: 'duplicates whose label is quoted once',
        steps: [put(p, `${w.gauge}{"${w.label}"="a"} 1\n${w.gauge}{${w.label}="a"} 2\n`), get('/api/v1/metrics')],
      }),
      'duplicate-dotted': (w) => ({ description: 'duplicate dotted series', steps: [put(p, `{"${w.dotted}"} 1\n{"${w.dotted}"} 2\n`), ...state()] }),
      'type-clash-groups': (w) => ({
        description: 'one name as gauge and counter in two groups',
        steps: [put(p, `# TYPE ${w.gauge} gauge\n${w.gauge} 1\n`), put(other, `# TYPE ${w.gauge} counter\n${w.gauge} 1\n`), ...state()],
      }),
      'type-clash-summary-histogram': (w) => ({
        description: 'one name as summary and histogram in two groups',
        steps: [
          put(p, `# TYPE ${w.summary} summary\n${w.summary}_count 1\n${w.summary}_sum 1\n`),
          put(other, `# TYPE ${w.summary} histogram\n${w.summary}_count 1\n${w.summary}_sum 1\n`),
          get('/api/v1/metrics'),
        ],
      }),
      'timestamp': (w) => ({ description: 'a pushed timestamp', steps: [put(p, `${w.gauge} 1 1700000000000\n`), ...state()] }),
      'timestamp-zero': (w) => ({ description: 'a pushed timestamp of 0', steps: [put(p, `${w.gauge} 1 0\n`), get('/api/v1/metrics')] }),
      'dunder-label': (w) => ({ description: 'a __ label', steps: [put(p, `${w.gauge}{__secret="x"} 1\n`), ...state()] }),
      'suffix-collision': (w) => ({
        description: 'a summary beside its own _count name',
        steps: [put(p, `# TYPE ${w.summary} summary\n${w.summary}_sum 1\n${w.summary}_count 1\n`), put(other, `# TYPE ${w.summary}_count gauge\n${w.summary}_count 3\n`), get('/api/v1/metrics')],
      }),
      'self-metric-counter': () => ({ description: 'go_goroutines pushed as a counter', steps: [put(p, '# TYPE go_goroutines counter\ngo_goroutines 5\n'), get('/api/v1/metrics')] }),
      'job-instance-collision': (w) => ({ description: '{job} and {job,instance=""} groups', steps: [put(p, `${w.gauge} 1\n`), put(jobPath(w, '/instance/'), `${w.gauge} 2\n`), ...state()] }),
      'after-failed-push': (w) => ({
        description: 'a refused push into an existing group, then its state',
        steps: [put(p, `${w.gauge} 1\n`), put(p, `${w.gauge} 2\n${w.gauge} 3\n`), ...state()],
      }),
      'post-duplicate': (w) => ({ description: 'POST of a duplicate into an existing group', steps: [put(p, `${w.counter} 1\n`), post(p, `${w.gauge} 2\n${w.gauge} 3\n`), ...state()] }),
      'protobuf-duplicate': (w) => ({
        description: 'protobuf duplicate series',
        steps: [
          protobuf(p, [
            {
              name: w.gauge,
              type: 'GAUGE',
              metric: [
                { label: [{ name: w.label, value: 'a' }], gauge: { value: 1 } },
                { label: [{ name: w.label, value: 'a' }], gauge: { value: 2 } },
              ],
            },
          ]),
          get('/api/v1/metrics'),
        ],
      }),
      'histogram-dump': (w) => ({
        description: 'duplicate histogram series, dumped',
        steps: [
          protobuf(p, [{ name: w.histogram, type: 'HISTOGRAM', metric: [1, 2].map(() => ({ histogram: { sampleCount: 1, sampleSum: 2, bucket: [{ cumulativeCount: 1, upperBound: 5 }] } })) }]),
          get('/api/v1/metrics'),
        ],
      }),
      'summary-dump': (w) => ({
        description: 'duplicate summary series, dumped',
        steps: [
          protobuf(p, [{ name: w.summary, type: 'SUMMARY', metric: [1, 2].map(() => ({ summary: { sampleCount: 1, sampleSum: 2, quantile: [{ quantile: 0.5, value: 2 }] } })) }]),
          get('/api/v1/metrics'),
        ],
      }),
      'invalid-utf8-base64-value': (w) => ({ description: 'a base64 label value that is not UTF-8', steps: [put(jobPath(w, '/l@base64/_w'), `${w.gauge} 1\n`), get('/api/v1/metrics')] }),
      'quoted-vs-plain-type-clash': (w) => ({
        description: 'one name as a plain gauge and a quoted counter in two groups',
        steps: [put(p, `# TYPE ${w.gauge} gauge\n${w.gauge} 1\n`), put(other, `# TYPE "${w.gauge}" counter\n{"${w.gauge}"} 1\n`), get('/api/v1/metrics')],
      }),
      'delete-unknown': () => ({ description: 'DELETE of an unknown group', steps: [del(p), get('/api/v1/metrics')] }),
    },
    v,
  );
}

/** Endpoints whose answers may differ: status flags, methods, health. */
function endpoints(v: Vocabulary): Record<string, GatewayCase> {
  return stories(
    'endpoint',
    {
      status: () => ({ description: 'GET /api/v1/status', steps: [get('/api/v1/status')] }),
      'status-admin': () => ({ description: 'GET /api/v1/status with the admin API', steps: [get('/api/v1/status')], adminApi: true }),
      'head-metrics': () => ({ description: 'HEAD /metrics', steps: [bare('HEAD', '/metrics')] }),
      'options-metrics': () => ({ description: 'OPTIONS /metrics', steps: [bare('OPTIONS', '/metrics')] }),
      healthy: () => ({ description: 'GET /-/healthy', steps: [get('/-/healthy')] }),
      'metrics-empty': () => ({ description: 'GET /metrics of an empty gateway (its Content-Type)', steps: [get('/metrics')] }),
      'api-metrics-empty': () => ({ description: 'GET /api/v1/metrics of an empty gateway', steps: [get('/api/v1/metrics')] }),
      'metrics-accept-quality': () => ({
        description: 'GET /metrics with a weighted Accept list',
        steps: [getWith('/metrics', { Accept: 'application/openmetrics-text; version=1.0.0; q=0.9, text/plain; version=1.0.0; escaping=dots; q=0.5' })],
      }),
      ready: () => ({ description: 'GET /-/ready', steps: [get('/-/ready')] }),
      'wipe-after-utf8': (w) => ({
        description: 'admin wipe after a dotted push',
        steps: [put(jobPath(w), `{"${w.dotted}"} 1\n${w.gauge} 1\n`), bare('PUT', '/api/v1/admin/wipe'), get('/api/v1/metrics')],
        adminApi: true,
      }),
      'empty-braces-then-state': (w) => ({ description: '`{} 1` (1.11.2 drops the connection), then the state', steps: [put(jobPath(w), `${w.gauge} 1\n`), put(jobPath(w), '{} 1\n'), ...state()] }),
      'empty-braces-protobuf-header': (w) => ({ description: '`{} 1` as a POST, then the gateway is still there', steps: [post(jobPath(w), '{} 1\n'), get('/-/healthy')] }),
    },
    v,
  );
}

export function todayGatewayCases(v: Vocabulary): Record<string, GatewayCase> {
  const groups = [utf8Names(v), escapedPaths(v), encodings(v), negotiation(v), histograms(v), protobufErrors(v), consistency(v), endpoints(v)];
  const all: Record<string, GatewayCase> = {};
  for (const group of groups) {
    for (const [slug, gatewayCase] of Object.entries(group)) {
      if (all[slug] !== undefined) {
        throw new Error(`duplicate slug ${slug}`);
      }
      all[slug] = gatewayCase;
    }
  }
  return all;
}
