// Writes the gateway differential cases to test/fixtures/gateway/cases/<slug>.json (and deletes
// case files it no longer generates). Run from the repository root:
//   npx esbuild test/gateway/generateCases.ts --bundle --platform=node --outfile=/tmp/gen.js && node /tmp/gen.js
// The JSON files are the source of truth; this script only makes them reproducible.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CASES_SUBDIR, CaseStep, GATEWAY_CORPUS_DIR, GatewayCase, compareCodeUnits } from './corpus';
import { MetricFamily, PROTOBUF_CONTENT_TYPE, encodeFamily, encodeFamilyWithRawLabelValue, withLengthPrefix } from './protobuf';
import { TEXT_CONTENT_TYPE, bare, base64Url, bytes, del, get, gzip, post, put, putProtobuf, send, state, variants, wipe } from './steps';

interface NamedCase extends GatewayCase {
  slug: string;
  area: string;
}

const cases: NamedCase[] = [];
let currentArea = '';

/** Starts a section of cases; the README's table counts cases by area. */
function area(name: string): void {
  currentArea = name;
}

function add(slug: string, description: string, steps: CaseStep[], adminApi = false): void {
  if (cases.some((existing) => existing.slug === slug)) {
    throw new Error(`duplicate slug ${slug}`);
  }
  cases.push({ slug, area: currentArea, description, gateway: { adminApi }, steps });
}

const J = '/metrics/job/j';
const GAUGE_A = '# TYPE a gauge\na 1\n';

// ---------------------------------------------------------------------------------------------
// PUT, POST, DELETE

function pushSemanticsCases(): void {
  area('PUT, POST, DELETE semantics');
  add('put-simple-gauge', 'A PUT of one gauge to a new group, then the text and JSON views', [put('/metrics/job/backup/instance/db1', '# HELP a Some gauge.\n# TYPE a gauge\na 1\n'), ...state()]);
  add('put-replaces-whole-group', 'A second PUT to the same group removes every family the first one pushed', [
    put(J, '# TYPE a gauge\na{x="1"} 1\na{x="2"} 2\n# TYPE b counter\nb 3\n'),
    put(J, '# TYPE c gauge\nc 4\n'),
    ...state(),
  ]);
  add('put-other-groups-untouched', 'A PUT replaces its own group only', [
    put(`${J}/instance/one`, 'a 1\nb 1\n'),
    put(`${J}/instance/two`, 'a 2\nb 2\n'),
    put(`${J}/instance/one`, 'a 10\n'),
    ...state(),
  ]);
  add('put-same-twice', 'The same PUT twice: the group is the same afterwards', [put(J, GAUGE_A), put(J, GAUGE_A), ...state()]);
  add('put-type-change-same-group', 'A PUT may change the type of a family its group held', [put(J, '# TYPE a gauge\na 1\n'), put(J, '# TYPE a counter\na 2\n'), ...state()]);
  add('put-empty-body-clears-group', 'An empty PUT leaves the group with its two push-time series only', [put(J, 'a 1\nb 2\n'), put(J, ''), ...state()]);
  add('put-empty-body-new-group', 'An empty PUT creates a group with only its push-time series', [put(J, ''), ...state()]);
  add('put-comments-only', 'A body of plain comments is an empty push', [put(J, '# just a comment\n#another\n\n# HELPER not a help line\n'), ...state()]);
  add('put-no-content-length-body-empty-no-type', 'An empty PUT without any Content-Type', [bare('PUT', J), ...state()]);

  add('post-new-group', 'A POST to a new group creates it', [post(J, '# TYPE a gauge\na 1\n'), ...state()]);
  add('post-replaces-same-named-family-only', 'A POST replaces all series of the families it names and keeps the others', [
    put(J, '# TYPE a gauge\na{x="1"} 1\na{x="2"} 2\n# TYPE b gauge\nb 3\n'),
    post(J, '# TYPE a gauge\na{x="3"} 30\n'),
    ...state(),
  ]);
  add('post-adds-new-family', 'A POST of a new family adds it beside the existing ones', [put(J, 'a 1\n'), post(J, 'b 2\n'), ...state()]);
  add('post-type-change-same-group', 'A POST may change the type of a family of its own group', [put(J, '# TYPE a gauge\na 1\n'), post(J, '# TYPE a counter\na 2\n'), ...state()]);
  add('post-help-change', 'A POST replaces the HELP of the family it pushes', [put(J, '# HELP a Old help.\na 1\n'), post(J, '# HELP a New help.\na 2\n'), ...state()]);
  add('post-empty-body-existing-group', 'An empty POST keeps the metrics and counts as a successful push', [put(J, 'a 1\n'), post(J, ''), ...state()]);
  add('post-empty-body-new-group', 'An empty POST creates a group with only its push-time series', [post(J, ''), ...state()]);
  add('post-comments-only', 'A POST of comments only changes no family', [put(J, 'a 1\n'), post(J, '# nothing to see\n'), ...state()]);
  add('post-then-put-then-post', 'POST, PUT and POST in a row on one group', [post(J, 'a 1\nb 1\n'), put(J, 'c 1\n'), post(J, 'a 2\n'), ...state()]);

  add('delete-existing-group', 'DELETE answers 202 and the group is gone', [put(J, GAUGE_A), del(J), ...state()]);
  add('delete-unknown-group', 'DELETE of a group that does not exist is also 202', [del('/metrics/job/nothing/instance/here'), ...state()]);
  add('delete-unknown-group-others-kept', 'DELETE of an unknown group leaves the existing ones alone', [put(J, GAUGE_A), del('/metrics/job/other'), ...state()]);
  add('delete-only-that-group', 'DELETE removes exactly the addressed group', [put(`${J}/instance/one`, 'a 1\n'), put(`${J}/instance/two`, 'a 2\n'), del(`${J}/instance/one`), ...state()]);
  add('delete-job-only-keeps-instance-groups', 'DELETE /metrics/job/j does not remove {job="j",instance="x"}', [put(J, 'a 1\n'), put(`${J}/instance/x`, 'b 1\n'), del(J), ...state()]);
  add('delete-then-put-again', 'A group deleted and pushed again', [put(J, 'a 1\nb 1\n'), del(J), put(J, 'c 1\n'), ...state()]);
  add('delete-base64-addressed', 'A group pushed with @base64 and deleted with the plain path', [
    put(`/metrics/job@base64/${base64Url('backup')}/path@base64/${base64Url('/var/lib')}`, 'a 1\n'),
    del('/metrics/job/backup/path/x'),
    get('/api/v1/metrics'),
    del(`/metrics/job/backup/path@base64/${base64Url('/var/lib')}`),
    ...state(),
  ]);
  add('delete-with-body', 'A DELETE with a body: the body is ignored', [put(J, 'a 1\n'), send('DELETE', J, 'b 1\n', { 'Content-Type': TEXT_CONTENT_TYPE }), ...state()]);
  add('delete-odd-components', 'DELETE with an odd number of label components is 400', [put(J, 'a 1\n'), del(`${J}/a`), ...state()]);
  add('delete-twice', 'A second DELETE of the same group is 202 too', [put(J, 'a 1\n'), del(J), del(J), ...state()]);
  add('delete-empty-instance-group', 'DELETE of {job="j",instance=""} needs the explicit empty instance', [
    put(`${J}/instance/`, 'a 1\n'),
    del(J),
    get('/api/v1/metrics'),
    del(`${J}/instance/`),
    ...state(),
  ]);
  add('delete-base64-job-empty', 'DELETE /metrics/job@base64/= is refused like a push', [del('/metrics/job@base64/=')]);
}

// ---------------------------------------------------------------------------------------------
// Grouping keys in the path

function base64Cases(): void {
  area('@base64 grouping keys');
  add('b64-job-name', 'job@base64 decodes the job name', [put(`/metrics/job@base64/${base64Url('backup')}`, 'a 1\n'), ...state()]);
  add('b64-job-with-slash', 'A job name containing "/" via job@base64', [put(`/metrics/job@base64/${base64Url('nightly/backup')}`, 'a 1\n'), ...state()]);
  add('b64-job-padding', 'Padded and unpadded base64 of the job name address the same group', [put('/metrics/job@base64/YQ==', 'a 1\n'), put('/metrics/job@base64/YQ', 'b 1\n'), ...state()]);
  add('b64-job-equals-only', '/metrics/job@base64/= decodes to an empty job name', [put('/metrics/job@base64/=', 'a 1\n'), ...state()]);
  add('b64-job-empty-segment', '/metrics/job@base64/ has no job segment at all', [put('/metrics/job@base64/', 'a 1\n')]);
  add('b64-job-plain-suffix', 'A plain job named "x@base64" is not decoded', [put('/metrics/job/x@base64', 'a 1\n'), ...state()]);
  add('b64-job-plain-suffix-odd', '/metrics/job/j@base64/= is the job "j@base64" with one odd label component', [put('/metrics/job/j@base64/=', 'a 1\n')]);
  add('b64-label-value-with-slashes', 'A label value containing "/" via name@base64', [put(`${J}/path@base64/${base64Url('/var/tmp')}`, 'a 1\n'), ...state()]);
  add('b64-label-empty-equals', 'name@base64/= is an empty label value', [put(`${J}/a@base64/=`, 'x 1\n'), ...state()]);
  add('b64-label-empty-trailing', 'name@base64/ (nothing after the slash) is an empty label value', [put(`${J}/a@base64/`, 'x 1\n'), ...state()]);
  add('b64-label-padding-same-group', 'YWI= and YWI address the same group: the second PUT replaces the first', [put(`${J}/a@base64/YWI=`, 'x 1\n'), put(`${J}/a@base64/YWI`, 'y 1\n'), ...state()]);
  add('b64-label-extra-padding', 'Several trailing "=" are stripped before decoding', [put(`${J}/a@base64/YWJj===`, 'x 1\n'), ...state()]);
  add('b64-label-non-canonical-bits', 'YR (non-zero trailing bits) is accepted', [put(`${J}/a@base64/YR`, 'x 1\n'), ...state()]);
  add('b64-label-invalid-chars', 'Invalid base64 in a label value is 400', [put(`${J}/a@base64/!!!`, 'x 1\n'), ...state()]);
  add('b64-label-standard-alphabet', 'The standard alphabet ("+") is not accepted', [put(`${J}/a@base64/fn5+`, 'x 1\n'), ...state()]);
  add('b64-label-url-alphabet', 'The URL-safe alphabet ("-" for 62) is accepted', [put(`${J}/a@base64/fn5-`, 'x 1\n'), ...state()]);
  add('b64-label-bad-length', 'A single base64 character is an invalid length', [put(`${J}/a@base64/Y`, 'x 1\n'), ...state()]);
  add('b64-label-invalid-utf8', 'A base64 label value that decodes to invalid UTF-8: the failed push leaves a group that breaks /metrics', [
    variants(put(`${J}/a@base64/${Buffer.from([0xff, 0xfe]).toString('base64url')}`, 'x 1\n'), 3),
    variants(get('/metrics'), 2),
    get('/api/v1/metrics'),
    del(`${J}/a@base64/${Buffer.from([0xff, 0xfe]).toString('base64url')}`),
    get('/metrics'),
  ]);
  add('b64-label-unicode', 'A base64 label value with non-ASCII text', [put(`${J}/city@base64/${base64Url('Zürich ☃')}`, 'x 1\n'), ...state()]);
  add('b64-label-name-invalid', 'The label name in front of @base64 must still be a valid name', [put(`${J}/a-b@base64/${base64Url('v')}`, 'x 1\n')]);
  add('b64-instance-empty', 'instance@base64/= is an explicit empty instance', [put(`${J}/instance@base64/=`, 'x 1\n'), ...state()]);
  add('b64-job-label-in-path', 'job@base64 as a label after the job: the URL job wins', [put(`${J}/job@base64/${base64Url('other')}`, 'x 1\n'), ...state()]);
}

function pathCases(): void {
  area('Paths: encoding, components, redirects');
  add('path-percent-2f-in-job', '%2F in the job is decoded before splitting the path', [put('/metrics/job/a%2Fb', 'x 1\n'), ...state()]);
  add('path-percent-2f-in-value', '%2F in a label value is decoded before splitting the path', [put(`${J}/a/x%2Fy`, 'x 1\n'), ...state()]);
  add('path-percent-2f-even', '%2F making an even split is accepted with the split labels', [put(`${J}/a/x%2Fb%2Fy`, 'x 1\n'), ...state()]);
  add('path-percent-encoded-space', 'Percent-encoded characters are decoded in job and values', [put('/metrics/job/my%20job/instance/h%C3%B6st', 'x 1\n'), ...state()]);
  add('path-invalid-percent-escape', 'A malformed percent escape in the path', [put('/metrics/job/a%zz', 'x 1\n'), ...state()]);
  add('path-odd-components', 'One label name without a value', [put(`${J}/a`, 'x 1\n'), ...state()]);
  add('path-odd-components-three', 'Three label components', [put(`${J}/a/b/c`, 'x 1\n')]);
  add('path-improper-label-name-dash', 'A label name with "-"', [put(`${J}/a-b/v`, 'x 1\n')]);
  add('path-improper-label-name-digit', 'A label name starting with a digit', [put(`${J}/1a/v`, 'x 1\n')]);
  add('path-improper-label-name-reserved', 'A label name starting with "__"', [put(`${J}/__a/v`, 'x 1\n')]);
  add('path-label-name-unicode', 'A non-ASCII label name', [put(`${J}/h%C3%B6st/v`, 'x 1\n')]);
  add('path-double-slash-in-labels', '"//" inside the path is redirected (301), not followed', [put('/metrics/job//x', 'x 1\n'), ...state()]);
  add('path-double-slash-after-metrics', '"//" after /metrics is redirected', [put('/metrics//job/j', 'x 1\n')]);
  add('path-double-slash-get', 'GET //metrics is redirected too', [get('//metrics')]);
  add('path-dot-dot', '"/../" in the path is redirected to the cleaned path', [put('/metrics/job/a/../b', 'x 1\n'), ...state()]);
  add('path-dot', '"/./" in the path is redirected', [put('/metrics/job/a/./b/c', 'x 1\n')]);
  add('path-dot-dot-get', 'GET with "/../" is redirected', [get('/api/v1/../v1/status')]);
  add('path-trailing-slash-after-job', '/metrics/job/j/ pushes to the job alone', [put(`${J}/`, 'x 1\n'), ...state()]);
  add('path-trailing-slash-after-label-name', '/metrics/job/j/a/ sets a="" as a grouping label', [put(`${J}/a/`, 'x 1\n'), ...state()]);
  add('path-trailing-slash-after-value', '/metrics/job/j/a/b/ has an odd number of components', [put(`${J}/a/b/`, 'x 1\n'), ...state()]);
  add('path-metrics-job-trailing-slash', '/metrics/job/ redirects (307) to /metrics/job', [put('/metrics/job/', 'x 1\n')]);
  add('path-metrics-job-bare', '/metrics/job without a job is 404', [put('/metrics/job', 'x 1\n')]);
  add('path-repeated-label', 'A label repeated in the path: the last value wins', [put(`${J}/a/1/a/2`, 'x 1\n'), ...state()]);
  add('path-job-label-in-path', 'A job label after the job: the URL job wins', [put(`${J}/job/other`, 'x 1\n'), ...state()]);
  add('path-unicode-job', 'A percent-encoded UTF-8 job name', [put('/metrics/job/%E2%98%83', 'x 1\n'), ...state()]);
  add('path-query-string', 'A query string is ignored by the push', [put(`${J}?instance=x&job=y`, 'x 1\n'), post(`${J}?a=b`, 'y 1\n'), ...state()]);
  add('path-label-value-with-at', 'A plain label value may contain "@" and "="', [put(`${J}/a/x@y=z`, 'x 1\n'), ...state()]);
  add('path-wrong-case', '/Metrics/job/j is not a route', [put('/Metrics/job/j', 'x 1\n')]);
  const manyLabels = Array.from({ length: 30 }, (_, i) => `/l${String(i).padStart(2, '0')}/v${i}`).join('');
  add('path-many-labels', 'A grouping key with 30 labels', [put(`${J}${manyLabels}`, 'x 1\n'), ...state()]);
}

// ---------------------------------------------------------------------------------------------
// Grouping labels against body labels

function labelCases(): void {
  area('Grouping labels vs. body labels, group collisions');
  add('labels-url-overrides-body', 'URL grouping labels overwrite the same labels in the body', [put('/metrics/job/t', 'foo{job="zzz",instance="i"} 1\n'), ...state()]);
  add('labels-url-instance-overrides-body', 'The URL instance overwrites a body instance', [put('/metrics/job/t/instance/url', 'foo{instance="body"} 1\n'), ...state()]);
  add('labels-body-instance-kept', 'A body instance is kept when the URL has none', [put('/metrics/job/t', 'foo{instance="body"} 1\nbar 2\n'), ...state()]);
  add('labels-instance-empty-added', 'instance="" is added to series without an instance', [put('/metrics/job/t/env/prod', 'foo 1\n'), ...state()]);
  add('labels-url-label-overrides-body-label', 'A URL label other than job/instance overwrites the body label', [put('/metrics/job/t/env/prod', 'foo{env="dev",x="1"} 1\n'), ...state()]);
  add('labels-url-empty-label-overrides-body', 'An empty URL label value still overwrites the body label', [put('/metrics/job/t/env/', 'foo{env="dev"} 1\n'), ...state()]);
  add('labels-duplicate-after-override', 'Two body series that differ only in job become duplicates', [put('/metrics/job/t', 'foo{job="x"} 1\nfoo{job="y"} 2\n'), ...state()]);
  add('labels-escapes-in-values', 'Escaped quotes, backslashes and new-lines in label values', [put(J, 'foo{a="q\\"uote",b="back\\\\slash",c="new\\nline"} 1\n'), ...state()]);
  add('labels-unicode-values', 'Non-ASCII label values in the body and the path', [put('/metrics/job/t/city/M%C3%BCnchen', 'foo{name="日本語",emoji="🎉"} 1\n'), ...state()]);
  const bodyLabels = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, '0')}="value number ${i}"`).join(',');
  add('labels-big-label-set', 'A series with 40 body labels', [put(J, `foo{${bodyLabels}} 1\n`), ...state()]);
  add('labels-reserved-body-label', 'A body label starting with "__" is refused by the consistency check', [put(J, 'foo{__x="1"} 1\n'), ...state()]);
  add('labels-different-names-across-groups', 'One family with different label names in two groups is accepted', [
    put('/metrics/job/a', 'foo{x="1"} 1\n'),
    put('/metrics/job/b', 'foo{y="1"} 1\n'),
    ...state(),
  ]);
  add('labels-different-names-same-push', 'One family with different label names within a push is accepted', [put(J, 'foo{x="1"} 1\nfoo{y="1"} 2\nfoo 3\n'), ...state()]);
  add('labels-empty-body-label-value', 'A body label with an empty value is kept as x="" in the exposition', [put(J, 'foo{x=""} 1\n'), ...state()]);

  add('collision-job-then-empty-instance', '{job=j} then {job=j,instance=""}: the second push fails but creates its group; GET /metrics is then 500', [
    put(J, 'a 1\n'),
    variants(put(`${J}/instance/`, 'b 1\n'), 2),
    variants(get('/metrics'), 4),
    get('/api/v1/metrics'),
  ]);
  add('collision-empty-instance-then-job', '{job=j,instance=""} then {job=j}: the same collision the other way round', [
    put(`${J}/instance/`, 'a 1\n'),
    variants(put(J, 'b 1\n'), 2),
    variants(get('/metrics'), 4),
    get('/api/v1/metrics'),
  ]);
  add('collision-blocks-other-groups', 'While the collision exists, pushes to unrelated groups fail as well', [
    put(J, 'a 1\n'),
    variants(put(`${J}/instance/`, 'b 1\n'), 2),
    variants(put('/metrics/job/other', 'c 1\n'), 4),
    get('/api/v1/metrics'),
  ]);
  add('collision-delete-recovers', 'Deleting one of the colliding groups makes /metrics answer again', [
    put(J, 'a 1\n'),
    variants(put(`${J}/instance/`, 'b 1\n'), 2),
    del(`${J}/instance/`),
    ...state(),
  ]);
  add('collision-body-instance', "A body instance equal to another group's URL instance gives duplicate series", [
    put(`${J}/instance/x`, 'a 1\n'),
    variants(put(J, 'a{instance="x"} 2\n'), 2),
    ...state(),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Timestamps

function timestampCases(): void {
  area('Timestamps');
  add('ts-put-text', 'A sample with a timestamp is refused', [put(J, 'a 1 1700000000000\n'), ...state()]);
  add('ts-post-text', 'A POST with a timestamp is refused', [post(J, 'a 1 1700000000000\n'), ...state()]);
  add('ts-zero', 'Timestamp 0 is a timestamp too', [put(J, 'a 1 0\n')]);
  add('ts-negative', 'A negative timestamp is refused', [put(J, 'a 1 -1\n')]);
  add('ts-float', 'A non-integer timestamp is a parse error (no group created)', [put(J, 'a 1 1.5\n'), ...state()]);
  add('ts-one-of-many', 'One timestamped sample among others refuses the whole push', [put(J, 'a 1\nb 2\nc 3 1700000000000\n'), ...state()]);
  add('ts-existing-group-keeps-old', 'A refused PUT keeps the old metrics and records the failure', [put(J, 'a 1\nb 2\n'), put(J, 'c 3 1700000000000\n'), ...state()]);
  add('ts-then-success', 'A successful push after a refused one: last_push_successful is true again', [put(J, 'a 1 1\n'), put(J, 'b 2\n'), ...state()]);
  add('ts-protobuf-timestamp-ms', 'A protobuf push with timestamp_ms is refused', [
    putProtobuf(J, [{ name: 'a', type: 'GAUGE', metric: [{ gauge: { value: 1 }, timestampMs: 1700000000000 }] }]),
    ...state(),
  ]);
  add('ts-protobuf-post-existing', 'A protobuf POST with timestamp_ms into an existing group', [
    put(J, 'a 1\n'),
    putProtobuf(J, [{ name: 'b', type: 'COUNTER', metric: [{ counter: { value: 1 }, timestampMs: 5 }] }], 'POST'),
    ...state(),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Invalid and unusual text bodies

function textBodyCases(): void {
  area('Text bodies: parse errors and lenient input');
  add('body-missing-final-newline', 'The last line without a new-line', [put(J, 'a 1\nb 2'), ...state()]);
  add('body-crlf', 'Windows line endings', [put(J, bytes('# TYPE a gauge\r\na 1\r\n')), ...state()]);
  add('body-crlf-comment-only', 'CRLF after a comment line only', [put(J, bytes('# a comment\r\na 1\n')), ...state()]);
  add('body-bom', 'A UTF-8 byte-order mark before the first line', [put(J, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('a 1\n')])), ...state()]);
  add('body-trailing-space', 'A trailing space after the value', [put(J, 'a 1 \n')]);
  add('body-invalid-metric-name', 'A metric name with "-"', [put(J, 'a-b 1\n')]);
  add('body-invalid-value', 'A value that is not a float', [put(J, 'a 1_000\n')]);
  add('body-hex-value', 'A hexadecimal value', [put(J, 'a 0x10\n')]);
  add('body-duplicate-type', 'A TYPE line after the samples', [put(J, 'a 1\n# TYPE a gauge\n')]);
  add('body-unknown-type', 'An unknown type name', [put(J, '# TYPE a info\na 1\n')]);
  add('body-invalid-escape', 'An invalid escape in a label value', [put(J, 'a{x="\\t"} 1\n')]);
  add('body-second-help', 'Two HELP lines for one family', [put(J, '# HELP a one\n# HELP a two\na 1\n')]);
  add('body-error-on-line-3', 'A parse error after valid lines: nothing is stored', [put(J, 'a 1\nb 2\nc{ 3\n'), ...state()]);
  add('body-parse-error-existing-group', 'A parse error does not touch the group nor record a failure', [put(J, 'a 1\n'), put(J, 'b two\n'), post(J, 'c{ 3\n'), ...state()]);
  add('body-invalid-utf8-label-value', 'Invalid UTF-8 in a label value', [put(J, Buffer.concat([bytes('a{x="'), Buffer.from([0xff]), bytes('"} 1\n')]))]);
  add('body-nul-byte', 'A NUL byte in the body', [put(J, Buffer.from('a 1\n\u0000\n', 'latin1'))]);
  add('body-help-without-samples', 'HELP and TYPE without any sample', [put(J, '# HELP a Lonely.\n# TYPE a gauge\nb 1\n'), ...state()]);
  add('body-lenient-floats', 'Inf, NaN, signed and exponent values are accepted', [put(J, 'a +Inf\nb -Inf\nc NaN\nd -0\ne 1e3\nf .5\ng 1.50\nh +3\n'), ...state()]);
  add('body-uppercase-type', 'An upper-case TYPE value', [put(J, '# TYPE a COUNTER\na 1\n'), ...state()]);
  add('body-eof-and-unit-comments', '"# EOF" and "# UNIT" are plain comments', [put(J, '# UNIT a seconds\na 1\n# EOF\n'), ...state()]);
  add('body-exemplar', 'An OpenMetrics exemplar is a parse error', [put(J, 'a_total 1 # {trace_id="x"} 1\n')]);
  add('body-help-escapes', 'HELP text with escaped backslash and new-line', [put(J, '# HELP a Line one\\nline two \\\\ end.\na 1\n'), ...state()]);
  add('body-gauge-histogram', 'TYPE gauge_histogram in text is accepted: its samples end up as untyped families named after each sample', [
    put(J, '# TYPE g gauge_histogram\ng_bucket{le="1"} 1\ng_bucket{le="+Inf"} 2\ng_gcount 2\ng_gsum 3\n'),
    ...state(),
  ]);
  add('body-family-not-contiguous', 'The series of one family interrupted by another family', [put(J, 'a{x="1"} 1\nb 2\na{x="2"} 3\n'), ...state()]);
  add('body-blank-lines-and-spaces', 'Blank lines and extra spaces between tokens', [put(J, '\n\n   \na    1\n  b{x="1"}   2\n\n'), ...state()]);
}

// ---------------------------------------------------------------------------------------------
// Consistency of the whole store

function consistencyCases(): void {
  area('Consistency: types, duplicates, suffixes, self metrics, push times, HELP');
  add('clash-type-other-group', 'The same name as a gauge in one group and a counter in another', [
    put('/metrics/job/a', '# TYPE x gauge\nx 1\n'),
    variants(put('/metrics/job/b', '# TYPE x counter\nx 1\n'), 2),
    ...state(),
  ]);
  add('clash-untyped-vs-counter', 'An untyped family next to a counter of the same name in another group', [
    put('/metrics/job/a', '# TYPE x counter\nx 1\n'),
    variants(put('/metrics/job/b', 'x 1\n'), 2),
    ...state(),
  ]);
  add('clash-type-existing-group-keeps-old', 'A clash refused for an existing group keeps its metrics and records the failure', [
    put('/metrics/job/a', '# TYPE x gauge\nx 1\n'),
    put('/metrics/job/b', 'y 1\n'),
    variants(put('/metrics/job/b', '# TYPE x counter\nx 1\n'), 2),
    ...state(),
  ]);
  add('clash-type-post-existing-group', 'A clash refused for a POST into an existing group', [
    put('/metrics/job/a', '# TYPE x gauge\nx 1\n'),
    put('/metrics/job/b', 'y 1\n'),
    variants(post('/metrics/job/b', '# TYPE x summary\nx{quantile="0.5"} 1\n'), 2),
    ...state(),
  ]);
  add('clash-type-resolved-by-delete', 'After deleting the other group the same push is accepted', [
    put('/metrics/job/a', '# TYPE x gauge\nx 1\n'),
    variants(put('/metrics/job/b', '# TYPE x counter\nx 1\n'), 2),
    del('/metrics/job/a'),
    put('/metrics/job/b', '# TYPE x counter\nx 1\n'),
    ...state(),
  ]);
  add('dup-within-push', 'The same series twice in one push', [put(J, 'a{x="1"} 1\na{x="1"} 2\n'), ...state()]);
  add('dup-explicit-empty-instance', 'a and a{instance=""} are the same series', [put(J, 'a 1\na{instance=""} 2\n')]);
  add('dup-label-order', 'The same labels in another order are the same series', [put(J, 'a{x="1",y="2"} 1\na{y="2",x="1"} 2\n')]);
  add('dup-across-families-untyped', 'The same name twice without TYPE lines, interrupted', [put(J, 'a 1\nb 1\na 2\n')]);
  add('suffix-summary-count', 'A gauge x_count beside a summary x', [variants(put(J, '# TYPE x_count gauge\nx_count 2\n# TYPE x summary\nx{quantile="0.5"} 1\n'), 2), ...state()]);
  add('suffix-summary-sum', 'A gauge x_sum beside a summary x', [variants(put(J, '# TYPE x_sum gauge\nx_sum 2\n# TYPE x summary\nx{quantile="0.5"} 1\n'), 2)]);
  add('suffix-summary-bucket', 'x_bucket beside a summary x does not collide', [put(J, '# TYPE x_bucket gauge\nx_bucket 2\n# TYPE x summary\nx{quantile="0.5"} 1\n'), ...state()]);
  add('suffix-histogram-bucket', 'A gauge x_bucket in one group beside a histogram x in another', [
    put('/metrics/job/a', '# TYPE x histogram\nx_bucket{le="1"} 1\n'),
    variants(put('/metrics/job/b', '# TYPE x_bucket gauge\nx_bucket 2\n'), 2),
  ]);
  add('suffix-bucket-line-joins-earlier-family', 'x_bucket{le} after TYPE x histogram joins an earlier x_bucket family of the same push', [
    put(J, '# TYPE x_bucket gauge\nx_bucket 2\n# TYPE x histogram\nx_bucket{le="1"} 1\n'),
    ...state(),
  ]);
  add('suffix-histogram-count', 'A gauge x_count beside a histogram x', [variants(put(J, '# TYPE x_count gauge\nx_count 2\n# TYPE x histogram\nx_bucket{le="1"} 1\n'), 2)]);
  add('suffix-across-groups', 'A summary x in one group and a gauge x_count in another', [
    put('/metrics/job/a', '# TYPE x summary\nx{quantile="0.5"} 1\n'),
    variants(put('/metrics/job/b', '# TYPE x_count gauge\nx_count 1\n'), 2),
    ...state(),
  ]);
  add('multi-error-dup-and-suffix', 'Two consistency errors in one push: "2 error(s) occurred"', [variants(put(J, 'foo_count 1\n# TYPE foo summary\nfoo_count 2\nfoo{quantile="0.5"} 1\n'), 2)]);
  add('self-go-goroutines-counter', "go_goroutines pushed as a counter clashes with the gateway's own gauge", [put(J, '# TYPE go_goroutines counter\ngo_goroutines 5\n'), ...state()]);
  add('self-go-goroutines-untyped', 'go_goroutines pushed without TYPE', [put(J, 'go_goroutines 5\n')]);
  add('self-go-goroutines-gauge', 'go_goroutines pushed as a gauge with another HELP is accepted', [
    put(J, '# HELP go_goroutines My own help.\n# TYPE go_goroutines gauge\ngo_goroutines 5\n'),
    ...state(),
  ]);
  add('self-process-cpu-untyped', 'process_cpu_seconds_total pushed untyped', [put(J, 'process_cpu_seconds_total 5\n')]);
  add('self-pushgateway-build-info-counter', 'pushgateway_build_info pushed as a counter', [put(J, '# TYPE pushgateway_build_info counter\npushgateway_build_info 1\n')]);
  add('self-unknown-go-name', 'A go_ name the gateway does not export is an ordinary family', [put(J, '# TYPE go_my_thing counter\ngo_my_thing 1\n'), ...state()]);
  add('push-time-pushed', "A pushed push_time_seconds is replaced by the gateway's own", [put(J, 'push_time_seconds 5\na 1\n'), ...state()]);
  add('push-failure-time-pushed', 'A pushed push_failure_time_seconds is stored', [put(J, 'push_failure_time_seconds 7\na 1\n'), ...state()]);
  add('push-failure-time-pushed-existing-group', 'A pushed push_failure_time_seconds into a group that already exists', [put(J, 'a 1\n'), put(J, 'push_failure_time_seconds 7\n'), ...state()]);
  add('push-failure-time-post-existing-group', 'A POSTed push_failure_time_seconds into a group that already exists', [put(J, 'a 1\n'), post(J, 'push_failure_time_seconds{x="y"} 7\n'), ...state()]);
  add('push-failure-time-counter-existing-group', 'push_failure_time_seconds pushed as a counter into an existing group, beside another group', [
    put('/metrics/job/a', 'a 1\n'),
    put('/metrics/job/b', 'b 1\n'),
    variants(put('/metrics/job/b', '# TYPE push_failure_time_seconds counter\npush_failure_time_seconds 7\n'), 2),
    ...state(),
  ]);
  add('push-failure-time-pushed-then-failure', 'A pushed push_failure_time_seconds, then a refused push', [put(J, 'push_failure_time_seconds 7\n'), put(J, 'a 1 1\n'), ...state()]);
  add('push-time-pushed-as-counter', 'push_time_seconds pushed with TYPE counter', [put(J, '# TYPE push_time_seconds counter\npush_time_seconds 5\n'), ...state()]);
  add('push-failure-time-pushed-as-counter', 'push_failure_time_seconds pushed as a counter into a second group', [
    put('/metrics/job/a', 'a 1\n'),
    put('/metrics/job/b', '# TYPE push_failure_time_seconds counter\npush_failure_time_seconds 7\n'),
    ...state(),
  ]);
  add('push-time-with-labels', 'A pushed push_time_seconds with extra labels', [put(J, 'push_time_seconds{x="1"} 5\n'), ...state()]);
  add('failed-push-creates-empty-group', 'A consistency failure for a new group creates it with push time 0', [put(J, 'a 1\na 2\n'), ...state()]);
  add('failed-push-existing-group-post', 'A refused POST keeps the old metrics and sets push_failure_time_seconds', [put(J, 'a 1\n'), post(J, 'b 1\nb 2\n'), ...state()]);
  add('failed-then-success-failure-time-kept', 'A success after a failure keeps push_failure_time_seconds non-zero', [put(J, 'a 1\na 2\n'), put(J, 'b 1\n'), ...state()]);
  add('help-differs-across-groups', 'Different HELP for one family in two groups: accepted, one HELP wins', [
    put('/metrics/job/a', '# HELP x Help from a.\n# TYPE x gauge\nx 1\n'),
    put('/metrics/job/b', '# HELP x Help from b.\n# TYPE x gauge\nx 2\n'),
    variants(get('/metrics'), 2),
    get('/api/v1/metrics'),
  ]);
  add('help-missing-in-one-group', 'HELP in one group and none in the other', [
    put('/metrics/job/a', '# HELP x Help from a.\n# TYPE x gauge\nx 1\n'),
    put('/metrics/job/b', '# TYPE x gauge\nx 2\n'),
    variants(get('/metrics'), 2),
    get('/api/v1/metrics'),
  ]);
  add('same-family-across-groups', 'One family in three groups is merged and sorted in /metrics', [
    put('/metrics/job/c', '# TYPE x gauge\nx 3\n'),
    put('/metrics/job/a/instance/2', '# TYPE x gauge\nx 2\n'),
    put('/metrics/job/a/instance/1', '# TYPE x gauge\nx 1\n'),
    ...state(),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Histograms, summaries, untyped

function typeCases(): void {
  area('Histograms, summaries, untyped');
  add('histogram-full', 'A complete histogram', [put(J, '# TYPE h histogram\nh_bucket{le="0.5"} 1\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 3\nh_sum 2.5\nh_count 3\n'), ...state()]);
  add('histogram-buckets-only', 'Buckets only: +Inf, _sum and _count are added when exposing', [put(J, '# TYPE h histogram\nh_bucket{le="1"} 2\n'), ...state()]);
  add('histogram-sum-count-only', 'A histogram with _sum and _count but no buckets', [put(J, '# TYPE h histogram\nh_sum 1\nh_count 2\n'), ...state()]);
  add('histogram-no-inf-with-count', 'Buckets and _count but no +Inf bucket', [put(J, '# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 5\nh_sum 3\n'), ...state()]);
  add('histogram-le-formats', 'Bucket bounds written in several float spellings', [
    put(J, '# TYPE h histogram\nh_bucket{le="1.0"} 1\nh_bucket{le="1e1"} 2\nh_bucket{le="0.50"} 0\nh_bucket{le="+inf"} 3\n'),
    ...state(),
  ]);
  add('histogram-invalid-le', 'A non-numeric le is a parse error', [put(J, '# TYPE h histogram\nh_bucket{le="big"} 1\n')]);
  add('histogram-several-series', 'A histogram with two label sets', [put(J, '# TYPE h histogram\nh_bucket{path="/a",le="1"} 1\nh_bucket{path="/b",le="1"} 2\nh_count{path="/a"} 1\n'), ...state()]);
  add('histogram-not-cumulative', 'Decreasing bucket counts are accepted', [put(J, '# TYPE h histogram\nh_bucket{le="1"} 5\nh_bucket{le="2"} 3\n'), ...state()]);
  add('summary-full', 'A complete summary', [put(J, '# TYPE s summary\ns{quantile="0.5"} 1\ns{quantile="0.99"} 2\ns_sum 10\ns_count 4\n'), ...state()]);
  add('summary-quantiles-only', 'Quantiles only: _sum and _count are added when exposing', [put(J, '# TYPE s summary\ns{quantile="0.5"} 1\n'), ...state()]);
  add('summary-count-only', 'A summary with _count only', [put(J, '# TYPE s summary\ns_count 3\n'), ...state()]);
  add('summary-invalid-quantile', 'A non-numeric quantile is a parse error', [put(J, '# TYPE s summary\ns{quantile="p99"} 1\n')]);
  add('summary-quantile-out-of-range', 'A quantile above 1 is accepted', [put(J, '# TYPE s summary\ns{quantile="99"} 1\n'), ...state()]);
  add('untyped-explicit', 'An explicit untyped family', [put(J, '# TYPE u untyped\nu 1\n'), ...state()]);
  add('untyped-implicit', 'Samples without TYPE are untyped; HELP alone is kept', [put(J, '# HELP u Only help.\nu 1\nv 2\n'), ...state()]);
  add('counter-negative', 'A negative counter value is accepted', [put(J, '# TYPE c counter\nc -1\n'), ...state()]);
}

// ---------------------------------------------------------------------------------------------
// Protobuf

const SAMPLE_FAMILIES: MetricFamily[] = [
  {
    name: 'requests_total',
    help: 'Requests.',
    type: 'COUNTER',
    metric: [
      { label: [{ name: 'code', value: '200' }], counter: { value: 10 } },
      { label: [{ name: 'code', value: '500' }], counter: { value: 1 } },
    ],
  },
  { name: 'temperature', help: 'Degrees.', type: 'GAUGE', metric: [{ gauge: { value: 21.5 } }] },
];

function protobufCases(): void {
  area('Delimited protobuf');
  add('proto-counter', 'A delimited protobuf counter with labels', [putProtobuf(J, [SAMPLE_FAMILIES[0]]), ...state()]);
  add('proto-gauge', 'A delimited protobuf gauge', [putProtobuf(J, [SAMPLE_FAMILIES[1]]), ...state()]);
  add('proto-untyped', 'A delimited protobuf untyped family without help', [putProtobuf(J, [{ name: 'u', type: 'UNTYPED', metric: [{ untyped: { value: 3 } }] }]), ...state()]);
  add('proto-histogram', 'A delimited protobuf histogram without a +Inf bucket', [
    putProtobuf(J, [
      {
        name: 'h',
        type: 'HISTOGRAM',
        metric: [
          {
            histogram: {
              sampleCount: 3,
              sampleSum: 2.5,
              bucket: [
                { upperBound: 0.5, cumulativeCount: 1 },
                { upperBound: 1, cumulativeCount: 2 },
              ],
            },
          },
        ],
      },
    ]),
    ...state(),
  ]);
  add('proto-summary', 'A delimited protobuf summary', [
    putProtobuf(J, [
      {
        name: 's',
        type: 'SUMMARY',
        metric: [
          {
            summary: {
              sampleCount: 4,
              sampleSum: 10,
              quantile: [
                { quantile: 0.5, value: 1 },
                { quantile: 0.99, value: 2 },
              ],
            },
          },
        ],
      },
    ]),
    ...state(),
  ]);
  add('proto-several-families', 'Two families in one delimited body', [putProtobuf(J, SAMPLE_FAMILIES), ...state()]);
  add('proto-job-label-overridden', 'Body job and instance labels in protobuf are overridden by the URL', [
    putProtobuf(`${J}/instance/url`, [
      {
        name: 'g',
        type: 'GAUGE',
        metric: [
          {
            label: [
              { name: 'job', value: 'body' },
              { name: 'instance', value: 'body' },
              { name: 'z', value: '1' },
            ],
            gauge: { value: 1 },
          },
        ],
      },
    ]),
    ...state(),
  ]);
  add('proto-post-replaces-family', 'A protobuf POST replaces one family of a text PUT', [put(J, 'temperature 1\nother 2\n'), putProtobuf(J, [SAMPLE_FAMILIES[1]], 'POST'), ...state()]);
  add('proto-garbage-body', 'Bytes that are not a delimited MetricFamily', [putProtobuf(J, Buffer.from('this is not protobuf\n', 'utf8')), ...state()]);
  add('proto-truncated', 'A length prefix larger than the rest of the body', [putProtobuf(J, withLengthPrefix(encodeFamily(SAMPLE_FAMILIES[1])).subarray(0, 8)), ...state()]);
  add('proto-not-delimited', 'A MetricFamily message without its length prefix', [putProtobuf(J, encodeFamily(SAMPLE_FAMILIES[1])), ...state()]);
  add('proto-empty-body', 'An empty body with the protobuf Content-Type', [putProtobuf(J, Buffer.alloc(0)), ...state()]);
  add('proto-missing-type', 'A family without a type field (defaults to COUNTER) holding a gauge value', [putProtobuf(J, [{ name: 'g', metric: [{ gauge: { value: 1 } }] }]), ...state()]);
  add('proto-type-value-mismatch', 'Type GAUGE but only a counter value', [putProtobuf(J, [{ name: 'g', type: 'GAUGE', metric: [{ counter: { value: 1 } }] }]), ...state()]);
  add('proto-invalid-metric-name', 'A metric name with "-" in protobuf', [putProtobuf(J, [{ name: 'a-b', type: 'GAUGE', metric: [{ gauge: { value: 1 } }] }]), ...state()]);
  add('proto-empty-name', 'A protobuf family without a name is accepted, and /metrics then answers an empty body', [
    putProtobuf(J, [{ type: 'GAUGE', metric: [{ gauge: { value: 1 } }] }]),
    ...state(),
  ]);
  add('proto-no-metrics', 'A family with no metrics', [putProtobuf(J, [{ name: 'empty', help: 'Nothing.', type: 'GAUGE' }]), ...state()]);
  add('proto-duplicate-label-names', 'Two labels with the same name (impossible in text)', [
    putProtobuf(J, [
      {
        name: 'g',
        type: 'GAUGE',
        metric: [
          {
            label: [
              { name: 'x', value: '1' },
              { name: 'x', value: '2' },
            ],
            gauge: { value: 1 },
          },
        ],
      },
    ]),
    ...state(),
  ]);
  add('proto-invalid-label-name', 'A label name with "-" in protobuf', [putProtobuf(J, [{ name: 'g', type: 'GAUGE', metric: [{ label: [{ name: 'a-b', value: '1' }], gauge: { value: 1 } }] }])]);
  add('proto-reserved-label-name', 'A label name starting with "__" in protobuf', [
    putProtobuf(J, [{ name: 'g', type: 'GAUGE', metric: [{ label: [{ name: '__x', value: '1' }], gauge: { value: 1 } }] }]),
  ]);
  add('proto-invalid-utf8-label-value', 'A label value that is not UTF-8 (impossible in text)', [
    putProtobuf(J, withLengthPrefix(encodeFamilyWithRawLabelValue('g', 'x', Buffer.from([0xff]), 1))),
    ...state(),
  ]);
  add('proto-summary-quantile-label', 'A summary metric with an explicit quantile label', [
    putProtobuf(J, [{ name: 's', type: 'SUMMARY', metric: [{ label: [{ name: 'quantile', value: '0.5' }], summary: { sampleCount: 1, sampleSum: 1 } }] }]),
  ]);
  add('proto-special-values', 'NaN and infinities in protobuf', [
    putProtobuf(J, [
      {
        name: 'g',
        type: 'GAUGE',
        metric: [
          { label: [{ name: 'v', value: 'nan' }], gauge: { value: Number.NaN } },
          { label: [{ name: 'v', value: 'inf' }], gauge: { value: Number.POSITIVE_INFINITY } },
        ],
      },
    ]),
    ...state(),
  ]);
  add('proto-duplicate-series', 'The same series twice in one protobuf family', [putProtobuf(J, [{ name: 'g', type: 'GAUGE', metric: [{ gauge: { value: 1 } }, { gauge: { value: 2 } }] }])]);
  add('proto-gauge-histogram', 'A GAUGE_HISTOGRAM family in protobuf is accepted, and /metrics output stops at it', [
    putProtobuf(J, [{ name: 'gh', type: 'GAUGE_HISTOGRAM', metric: [{ histogram: { sampleCount: 2, sampleSum: 3, bucket: [{ upperBound: 1, cumulativeCount: 1 }] } }] }]),
    ...state(),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Content types and encodings

function contentCases(): void {
  area('Content-Type and Content-Encoding');
  const body = '# TYPE a gauge\na 1\n';
  add('ctype-none', 'No Content-Type: parsed as text', [put(J, body, {}), ...state()]);
  add('ctype-form-urlencoded', "curl -d's application/x-www-form-urlencoded: parsed as text", [put(J, body, { 'Content-Type': 'application/x-www-form-urlencoded' }), ...state()]);
  add('ctype-json', 'application/json with a text body: parsed as text', [put(J, body, { 'Content-Type': 'application/json' }), ...state()]);
  add('ctype-garbage', 'A Content-Type that is not a media type: parsed as text', [put(J, body, { 'Content-Type': ';;;garbage' }), ...state()]);
  add('ctype-openmetrics', 'application/openmetrics-text with "# EOF": parsed as Prometheus text', [
    put(J, `${body}# EOF\n`, { 'Content-Type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' }),
    ...state(),
  ]);
  add('ctype-protobuf-with-text-body', 'The protobuf Content-Type with a text body', [put(J, body, { 'Content-Type': PROTOBUF_CONTENT_TYPE }), ...state()]);
  add('ctype-protobuf-without-encoding', 'protobuf without encoding=delimited: parsed as text', [
    put(J, body, { 'Content-Type': 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily' }),
    ...state(),
  ]);
  add('ctype-protobuf-text-encoding', 'protobuf with encoding=text: parsed as text', [
    put(J, body, { 'Content-Type': 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=text' }),
    ...state(),
  ]);
  add('ctype-protobuf-body-as-text', 'A protobuf body sent as text/plain', [put(J, protobufBodyOf(SAMPLE_FAMILIES[1])), ...state()]);
  add('ctype-protobuf-upper-case', 'The protobuf media type in upper case still selects protobuf', [
    putProtobufWithType(J, 'Application/Vnd.Google.Protobuf; Proto=io.prometheus.client.MetricFamily; Encoding=delimited'),
    ...state(),
  ]);
  add('ctype-protobuf-extra-spaces', 'The protobuf media type with spaces and another parameter order', [
    putProtobufWithType(J, 'application/vnd.google.protobuf;encoding=delimited ;  proto=io.prometheus.client.MetricFamily'),
    ...state(),
  ]);

  add('gzip-text', 'A gzip-compressed text body with Content-Encoding: gzip', [put(J, gzip(body), { 'Content-Type': TEXT_CONTENT_TYPE, 'Content-Encoding': 'gzip' }), ...state()]);
  add('gzip-protobuf', 'A gzip-compressed protobuf body', [put(J, gzip(protobufBodyOf(SAMPLE_FAMILIES[0])), { 'Content-Type': PROTOBUF_CONTENT_TYPE, 'Content-Encoding': 'gzip' }), ...state()]);
  add('gzip-corrupted', 'A truncated gzip stream', [put(J, gzip(body.repeat(20)).subarray(0, 25), { 'Content-Type': TEXT_CONTENT_TYPE, 'Content-Encoding': 'gzip' }), ...state()]);
  add('gzip-bad-checksum', 'A gzip stream with a wrong CRC', [put(J, corruptCrc(gzip(body)), { 'Content-Type': TEXT_CONTENT_TYPE, 'Content-Encoding': 'gzip' }), ...state()]);
  add('gzip-header-but-plain-body', 'Content-Encoding: gzip on a plain body', [put(J, body, { 'Content-Type': TEXT_CONTENT_TYPE, 'Content-Encoding': 'gzip' }), ...state()]);
  add('gzip-upper-case-encoding', 'Content-Encoding: GZIP (upper case) on a gzip body', [put(J, gzip(body), { 'Content-Type': TEXT_CONTENT_TYPE, 'Content-Encoding': 'GZIP' }), ...state()]);
  add('gzip-unknown-encoding', 'Content-Encoding: br on a plain body is ignored', [put(J, body, { 'Content-Type': TEXT_CONTENT_TYPE, 'Content-Encoding': 'br' }), ...state()]);
  add('gzip-without-header', 'A gzip body without Content-Encoding is parsed as text', [put(J, gzip(body)), ...state()]);
}

function protobufBodyOf(family: MetricFamily): Buffer {
  return withLengthPrefix(encodeFamily(family));
}

function putProtobufWithType(path: string, contentType: string): CaseStep {
  return put(path, protobufBodyOf(SAMPLE_FAMILIES[1]), { 'Content-Type': contentType });
}

/** Flips the bits of the CRC32 in a gzip trailer (the 8 bytes are CRC32, then the size). */
function corruptCrc(data: Buffer): Buffer {
  const copy = Buffer.from(data);
  const crc = copy.length - 8;
  copy[crc] ^= 0xff;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Methods, other endpoints, admin API, headers, scale

function methodCases(): void {
  area('Methods (405 and Allow)');
  add('method-get-push-path', 'GET on a push path', [get(J)]);
  add('method-patch-push-path', 'PATCH on a push path', [send('PATCH', J, 'a 1\n', { 'Content-Type': TEXT_CONTENT_TYPE })]);
  add('method-head-push-path', 'HEAD on a push path', [bare('HEAD', J)]);
  add('method-options-push-path', 'OPTIONS on a push path', [bare('OPTIONS', J)]);
  add('method-head-metrics', 'HEAD on /metrics', [bare('HEAD', '/metrics')]);
  add('method-head-healthy', 'HEAD on /-/healthy', [bare('HEAD', '/-/healthy')]);
  add('method-head-ready', 'HEAD on /-/ready', [bare('HEAD', '/-/ready')]);
  add('method-post-metrics', 'POST on /metrics', [post('/metrics', 'a 1\n')]);
  add('method-put-metrics', 'PUT on /metrics', [put('/metrics', 'a 1\n')]);
  add('method-delete-metrics', 'DELETE on /metrics', [del('/metrics')]);
  add('method-post-healthy', 'POST on /-/healthy', [post('/-/healthy', '')]);
  add('method-put-api-metrics', 'PUT on /api/v1/metrics', [put('/api/v1/metrics', 'a 1\n')]);
  add('method-post-api-status', 'POST on /api/v1/status', [post('/api/v1/status', '')]);
  add('method-get-wipe-admin', 'GET on the wipe endpoint with the admin API enabled', [get('/api/v1/admin/wipe')], true);
  add('method-post-wipe-admin', 'POST on the wipe endpoint with the admin API enabled', [post('/api/v1/admin/wipe', '')], true);
  add('method-unknown', 'An unknown method on a push path', [send('FROB', J, 'a 1\n')]);
}

function endpointCases(): void {
  area('Other endpoints and the admin API');
  add('api-status', 'GET /api/v1/status', [get('/api/v1/status')]);
  add('api-status-admin', 'GET /api/v1/status with the admin API enabled', [get('/api/v1/status')], true);
  add('api-metrics-empty', 'GET /api/v1/metrics and /metrics on an empty gateway', [...state()]);
  add('api-healthy', 'GET /-/healthy', [get('/-/healthy')]);
  add('api-ready', 'GET /-/ready', [get('/-/ready')]);
  add('api-unknown-path', 'An unknown path is 404', [get('/nope'), put('/nope', 'a 1\n')]);
  add('api-unknown-api-path', 'An unknown /api/v1 path is 404', [get('/api/v1/nope'), get('/api/v2/metrics')]);
  add('api-metrics-trailing-slash', 'GET /api/v1/metrics/ and /metrics/', [get('/api/v1/metrics/'), get('/metrics/')]);
  add('api-metrics-query-string', 'A query string on GET /metrics and /api/v1/metrics is ignored', [put(J, 'a 1\n'), get('/metrics?x=1'), get('/api/v1/metrics?x=1')]);
  add('api-lifecycle-disabled', 'PUT /-/quit and /-/reload without --web.enable-lifecycle', [put('/-/quit', ''), put('/-/reload', '')]);
  add('api-metrics-json-types', 'Every type in the JSON API', [
    put(
      J,
      '# TYPE c counter\nc 1\n# TYPE g gauge\ng{x="y"} 2\nu 3\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="10"} 2\nh_bucket{le="+Inf"} 3\nh_sum 4\nh_count 3\n# TYPE s summary\ns{quantile="0.5"} 5\ns_sum 6\ns_count 7\n',
    ),
    get('/api/v1/metrics'),
  ]);
  add('api-metrics-order-of-series', 'Series pushed out of order, in both views', [put(J, 'b{x="2"} 2\nb{x="1"} 1\na{x="b"} 1\na{x="a"} 1\n'), ...state()]);

  add('admin-wipe-enabled', 'The admin wipe removes every group', [put('/metrics/job/a', 'a 1\n'), put('/metrics/job/b/instance/x', 'b 1\n'), wipe(), ...state()], true);
  add('admin-wipe-disabled', 'Without --web.enable-admin-api the wipe is 404 and nothing changes', [put('/metrics/job/a', 'a 1\n'), wipe(), ...state()]);
  add('admin-wipe-empty-gateway', 'A wipe of an empty gateway', [wipe(), ...state()], true);
  add(
    'admin-wipe-then-push',
    'Pushes after a wipe work as on a fresh gateway',
    [put('/metrics/job/a', '# TYPE x gauge\nx 1\n'), wipe(), put('/metrics/job/b', '# TYPE x counter\nx 1\n'), ...state()],
    true,
  );
  add('admin-wipe-clears-collision', 'A wipe also clears the {job}/{job,instance=""} collision', [put(J, 'a 1\n'), variants(put(`${J}/instance/`, 'b 1\n'), 2), wipe(), ...state()], true);
}

function miscCases(): void {
  area('Headers, scale, sorting, unicode');
  add('misc-irrelevant-headers', 'X- headers, Authorization and Accept do not change a push', [
    post(J, 'a 1\n', { 'Content-Type': TEXT_CONTENT_TYPE, 'X-Request-Id': 'abc', 'X-Forwarded-For': '10.0.0.1', Authorization: 'Basic dTpw', Accept: 'application/json' }),
    ...state(),
  ]);
  add('misc-accept-header-on-metrics', 'GET /metrics with an OpenMetrics Accept header still answers Prometheus text', [
    put(J, 'a 1\n'),
    bare('GET', '/metrics', { Accept: 'application/openmetrics-text; version=1.0.0' }),
  ]);
  add('misc-large-body', 'A push of 5000 series (about 80 kB), then replaced by a small one', [
    put(J, `# TYPE big gauge\n${Array.from({ length: 5000 }, (_, i) => `big{i="${i}"} ${i}`).join('\n')}\n`),
    put(J, 'small 1\n'),
    ...state(),
  ]);
  add('misc-many-groups', '50 groups pushed in shuffled order, then both views', [...manyGroupPushes(), ...state()]);
  add('misc-sorting-families', 'Family and series sorting across groups in /metrics', [
    put('/metrics/job/z', 'b_metric 1\nA_metric 2\n_under 3\n'),
    put('/metrics/job/a', 'b_metric 4\na_metric 5\n'),
    put('/metrics/job/m/instance/Z', 'b_metric 6\n'),
    ...state(),
  ]);
  add('misc-unicode-everywhere', 'Non-ASCII in job, label values and HELP', [
    put('/metrics/job/%C3%A9t%C3%A9', '# HELP café Not a valid name.\ncafé 1\n'),
    put('/metrics/job/%C3%A9t%C3%A9', '# HELP cafe Caffè ☕.\ncafe{origin="Bogotá"} 1\n'),
    ...state(),
  ]);
}

/** A deterministic shuffle of 50 grouping keys over 10 jobs, each pushing two shared families and one of its own. */
function manyGroupPushes(): CaseStep[] {
  const keys = Array.from({ length: 50 }, (_, i) => ({ job: `job${i % 10}`, instance: `host-${String(Math.floor(i / 10))}`, i }));
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return keys.map(({ job, instance, i }) =>
    put(
      `/metrics/job/${job}/instance/${instance}`,
      `# HELP batch_last_success_seconds Last success.\n# TYPE batch_last_success_seconds gauge\nbatch_last_success_seconds ${1000 + i}\n# TYPE batch_items_total counter\nbatch_items_total{kind="k${i % 3}"} ${i}\nown_${i % 5}_value ${i}\n`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------

function findCasesDir(): string {
  let dir = process.cwd();
  while (!fs.existsSync(path.join(dir, GATEWAY_CORPUS_DIR))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`run this from the repository: cannot find ${GATEWAY_CORPUS_DIR} above ${process.cwd()}`);
    }
    dir = parent;
  }
  return path.join(dir, GATEWAY_CORPUS_DIR, CASES_SUBDIR);
}

function writeCases(casesDir: string): void {
  fs.mkdirSync(casesDir, { recursive: true });
  const wanted = new Set(cases.map((c) => `${c.slug}.json`));
  for (const name of fs.readdirSync(casesDir)) {
    if (name.endsWith('.json') && !wanted.has(name)) {
      fs.unlinkSync(path.join(casesDir, name));
    }
  }
  for (const named of cases) {
    const gatewayCase: GatewayCase = { description: named.description, gateway: named.gateway, steps: named.steps };
    fs.writeFileSync(path.join(casesDir, `${named.slug}.json`), `${JSON.stringify(gatewayCase, null, 2)}\n`);
  }
}

/** The README's table: cases and steps per area, with the slug prefixes used in it. */
function countsByArea(): string {
  const rows = new Map<string, { cases: number; steps: number; prefixes: Set<string> }>();
  for (const { slug, area: name, steps } of cases) {
    const row = rows.get(name) ?? { cases: 0, steps: 0, prefixes: new Set<string>() };
    row.cases++;
    row.steps += steps.length;
    row.prefixes.add(`\`${slug.split('-')[0]}-\``);
    rows.set(name, row);
  }
  const lines = [...rows.entries()].map(([name, row]) => `| ${name} | ${[...row.prefixes].sort(compareCodeUnits).join(' ')} | ${row.cases} | ${row.steps} |`);
  return ['| area | slug prefixes | cases | steps |', '| --- | --- | --: | --: |', ...lines].join('\n');
}

function main(): void {
  pushSemanticsCases();
  base64Cases();
  pathCases();
  labelCases();
  timestampCases();
  textBodyCases();
  consistencyCases();
  typeCases();
  protobufCases();
  contentCases();
  methodCases();
  endpointCases();
  miscCases();
  const casesDir = findCasesDir();
  writeCases(casesDir);
  const steps = cases.reduce((sum, c) => sum + c.steps.length, 0);
  console.log(`Wrote ${cases.length} cases (${steps} steps) to ${path.relative(process.cwd(), casesDir)}.`);
  console.log(countsByArea());
}

main();
