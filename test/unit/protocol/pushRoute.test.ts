import * as assert from 'node:assert/strict';
import { decodeBase64Segment } from '../../../src/core/protocol/base64Segment';
import { GO_TEXT, parsePushPath, UTF8_TEXT } from '../../../src/core/protocol/groupingKey';
import { explainedMessage, gatewayMessage, readRouteGrouping, SegmentText } from '../../../src/core/protocol/pushRoute';

function problemOf(job: string, labels: string, jobBase64 = false, text: SegmentText = UTF8_TEXT) {
  const result = readRouteGrouping(Buffer.from(job, 'utf8').toString('latin1'), Buffer.from(labels, 'utf8').toString('latin1'), jobBase64, text);
  assert.ok(!result.ok, `expected ${job}${labels} to be refused`);
  return result.error;
}

describe('the @base64 segment decoder', () => {
  it('ignores trailing padding and CR/LF like Go', () => {
    assert.deepEqual(decodeBase64Segment(Buffer.from('YWJj\n')), { ok: true, value: Buffer.from('abc') });
    assert.deepEqual(decodeBase64Segment(Buffer.from('YWI==')), { ok: true, value: Buffer.from('ab') });
  });

  it('rejects padding in the middle', () => {
    assert.equal(decodeBase64Segment(Buffer.from('YQ==YQ')).ok, false);
  });

  it('decodes bytes that are not text', () => {
    assert.deepEqual(decodeBase64Segment(Buffer.from('__4')), { ok: true, value: Buffer.from([0xff, 0xfe]) });
  });

  it('counts the skipped CR and LF in the offset Go reports, as Go does', () => {
    assert.deepEqual(decodeBase64Segment(Buffer.from('YW\nJ!')), { ok: false, error: { offset: 4, truncated: false, decodedBefore: Buffer.alloc(0) } });
    assert.deepEqual(decodeBase64Segment(Buffer.from('YWJjZ')), { ok: false, error: { offset: 4, truncated: true, decodedBefore: Buffer.from('abc') } });
  });

  it('quotes what decoded before the error for a job name and the segment for a label, as Pushgateway 1.11.2 and 1.5.1 answer', () => {
    // Recorded 2026-12-02 from both: the handler overwrites the job with DecodeString's partial result.
    const answers: [string, string, string][] = [
      ['YWJj!', '', 'invalid base64 encoding in job name "abc": illegal base64 data at input byte 4'],
      ['!!!', '', 'invalid base64 encoding in job name "": illegal base64 data at input byte 0'],
      ['YWJjZGVmZ2hp!x', '', 'invalid base64 encoding in job name "abcdefghi": illegal base64 data at input byte 12'],
      ['__79!', '', 'invalid base64 encoding in job name "\\xff\\xfe\\xfd": illegal base64 data at input byte 4'],
      ['j', '/a@base64/YWJj!', 'invalid base64 encoding for label a="YWJj!": illegal base64 data at input byte 4'],
    ];
    for (const [job, labels, answer] of answers) {
      assert.equal(gatewayMessage(problemOf(job, labels, labels === '', GO_TEXT)), answer);
    }
  });

  it('names the offending character of a path a person wrote by its UTF-8 byte offset', () => {
    assert.deepEqual(parsePushPath('/metrics/job/j/a@base64/YWé'), {
      ok: false,
      error: 'invalid base64 encoding for label a="YWé": illegal base64 data at input byte 2 ("é" is not in the URL-safe alphabet A-Z a-z 0-9 - _)',
    });
  });
});

describe('the grouping key of a push route', () => {
  it('words one problem the gateway way and the explained way', () => {
    const cases: Array<[ReturnType<typeof problemOf>, string, string]> = [
      [problemOf('j', '/a'), 'odd number of components in label string "/a"', 'odd number of components in label string "/a": every label name needs a value'],
      [problemOf('j', '/__a/x'), 'improper label name "__a"', 'improper label name "__a": names starting with "__" are reserved'],
      [
        problemOf('j', '/a@base64/Y'),
        'invalid base64 encoding for label a="Y": illegal base64 data at input byte 0',
        'invalid base64 encoding for label a="Y": illegal base64 data at input byte 0 (truncated input)',
      ],
      [
        problemOf('!', '', true),
        'invalid base64 encoding in job name "": illegal base64 data at input byte 0',
        'invalid base64 encoding in job name "!": illegal base64 data at input byte 0 ("!" is not in the URL-safe alphabet A-Z a-z 0-9 - _)',
      ],
      [problemOf('', '/a/1'), 'job name is required', 'job name is required'],
    ];
    for (const [problem, gateway, explained] of cases) {
      assert.equal(gatewayMessage(problem), gateway);
      assert.equal(explainedMessage(problem), explained);
    }
  });

  it('checks the labels before the job, in the gateway order', () => {
    assert.equal(problemOf('', '/a').kind, 'odd-components');
  });

  it('refuses a decoded value the reader does not take as text', () => {
    assert.deepEqual(problemOf('j', '/a@base64/__4'), { kind: 'invalid-base64', label: 'a', segment: '__4', corrupt: undefined });
  });
});
