import * as assert from 'node:assert/strict';
import { lintExposition } from '../../../src/core/exposition/lint';
import { parseExposition } from '../../../src/core/exposition/parser';
import { GatewayTarget } from '../../../src/core/protocol/gatewayTarget';
import { Span, Token } from '../../../src/core/exposition/model';

/** Findings as `line:column code`, 0-based. */
function findings(text: string, groupingLabels: string[] = []): string[] {
  return lintExposition(text, { groupingLabels }).diagnostics.map((d) => `${d.span.line}:${d.span.start} ${d.code}`);
}

const labels = (count: number, extra = '') => Array.from({ length: count }, (_, i) => `l${String(i).padStart(2, '0')}="v"`).join(',') + extra;

// The parser's fast paths (a set of label names from 16 labels on, the previous line's strings
// reused, the duplicate-series index): each case has a plain answer the gateway would give too.
describe('parser and rule fast paths', () => {
  it('finds a duplicate label name past the 16th label, and accepts 40 distinct ones', () => {
    assert.deepEqual(findings(`# HELP a A.\n# TYPE a gauge\na{${labels(20, ',l17="again"')}} 1\n`), ['2:162 duplicate-label-name']);
    assert.deepEqual(findings(`# HELP a A.\n# TYPE a gauge\na{${labels(40)}} 1\n`), []);
  });

  it('does not reuse the previous value where it is only a prefix of the new one', () => {
    const document = parseExposition('a{x="x"} 1\na{x="xy"} 2\na{x="x\\"y"} 3\na{x="x"} 4\n');
    assert.deepEqual(
      document.samples.map((sample) => sample.labels[0].value),
      ['x', 'xy', 'x"y', 'x'],
    );
    assert.deepEqual(
      document.samples.map((sample) => [sample.labels[0].valueSpan.start, sample.labels[0].valueSpan.end]),
      [
        [4, 7],
        [4, 8],
        [4, 10],
        [4, 7],
      ],
    );
  });

  it('finds duplicate series with many labels in another order, and counts instance="" as no instance', () => {
    const many = labels(18);
    const reversed = many.split(',').reverse().join(',');
    assert.deepEqual(findings(`# HELP a A.\n# TYPE a gauge\na{${many}} 1\na{${reversed}} 2\n`), ['3:0 duplicate-series']);
    assert.deepEqual(findings('# HELP a A.\n# TYPE a gauge\na{instance=""} 1\na 2\n'), ['3:0 duplicate-series']);
    // promtool 3 (the default 1.11 target) also reports the first of two equal series.
    assert.deepEqual(findings('# HELP a A.\n# TYPE a gauge\na{x="1"} 1\na{x="2"} 2\na{x="1"} 3\n'), ['2:0 metric-not-unique', '4:0 duplicate-series']);
  });

  it('judges histogram buckets given out of order, and decreasing counts', () => {
    const outOfOrder = '# HELP h H.\n# TYPE h histogram\nh_bucket{le="+Inf"} 5\nh_bucket{le="1"} 2\nh_bucket{le="0.5"} 1\nh_sum 3\nh_count 5\n';
    assert.deepEqual(findings(outOfOrder), []);
    const decreasing = '# HELP h H.\n# TYPE h histogram\nh_bucket{le="0.5"} 3\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 5\nh_sum 3\nh_count 5\n';
    assert.deepEqual(
      findings(decreasing).map((finding) => finding.split(' ')[1]),
      ['histogram-not-cumulative'],
    );
  });

  it('serialises samples with their names and values (they are their own tokens)', () => {
    const [sample] = parseExposition('a{x="1"} 2 3\n').samples;
    assert.deepEqual(JSON.parse(JSON.stringify(sample)), {
      name: { text: 'a', span: { line: 0, start: 0, end: 1 } },
      familyName: 'a',
      labels: [{ name: { text: 'x', span: { line: 0, start: 2, end: 3 } }, value: '1', valueSpan: { line: 0, start: 4, end: 7 } }],
      value: { text: '2', span: { line: 0, start: 9, end: 10 } },
      numericValue: 2,
      timestamp: { text: '3', span: { line: 0, start: 11, end: 12 } },
      line: 0,
    });
  });
});

/** The parse as plain JSON, without the line count (which the appended comment changes). */
function parsedAsJson(text: string, target: GatewayTarget): unknown {
  const { families, samples, problems } = parseExposition(text, { target });
  return JSON.parse(JSON.stringify({ families, samples, problems: problems.map(({ code, message, goError, span }) => ({ code, message, goError, span })) }));
}

// The same document with both shortcuts off, read by the general reader alone: an invalid UTF-8
// byte anywhere (here in a comment, which Go never reads) turns the sample-line shortcut off, and a
// tab after the hash of a HELP or TYPE line (which Go skips as it does a blank, so every span stays
// where it was) the HELP/TYPE one.
function withoutShortcuts(document: string): string {
  return `${document.replace(/^# (HELP|TYPE) /gm, '#\t$1 ')}# \udc80\n`;
}

function assertReadAsByTheGeneralReader(document: string, target: GatewayTarget): void {
  assert.deepEqual(parsedAsJson(document, target), parsedAsJson(withoutShortcuts(document), target), document);
}

const TARGETS: GatewayTarget[] = [
  { version: '1.11', utf8Names: false, consistencyCheckDisabled: false },
  { version: '1.11', utf8Names: true, consistencyCheckDisabled: false },
  { version: '1.5', utf8Names: false, consistencyCheckDisabled: false },
];

const FAMILY_HEADS = [
  '',
  '# TYPE m counter\n',
  '# TYPE m histogram\n',
  '# TYPE m summary\n',
  '# TYPE m gaugehistogram\n',
  '# HELP m Help.\n',
  '# HELP m Help.\n# HELP m Again.\n# TYPE m gauge\n# TYPE m counter\n',
  '# HELP m  Two blanks.\n# TYPE m Counter\n',
  '# HELP m \n# TYPE m untyped \n',
  '# HELP m_count Count.\n# TYPE m summary\n# HELP m Help with a \\\\ and a "quote".\n',
  '# TYPE m_bucket gauge\n# TYPE m histogram\n',
];
const SAMPLE_NAMES = ['m', ' m', 'm_bucket', 'm_count', 'm_sum', 'n:sub_total', '_x1'];
const MANY_LABELS = Array.from({ length: 17 }, (_, i) => `l${i}="${i}"`).join(',');
const LABEL_SETS = [
  '',
  '{a="1"}',
  '{ab="1"}',
  '{a="12"}',
  '{a="1",b="x y"}',
  '{le="0.5"}',
  '{le="+Inf",a=""}',
  '{quantile="0.9"}',
  '{quantile="x"}',
  '{le="1",le="2"}',
  '{quantile="0.5",a="1",quantile="0.9",a="2"}',
  '{a="1",a="2"}',
  '{__name__="m"}',
  '{a="1",}',
  '{ a="1"}',
  '{a="\\n"}',
  '{a="é"}',
  '{"q"="1"}',
  '{a=1}',
  `{${MANY_LABELS}}`,
  `{${MANY_LABELS},l3="again"}`,
];
const VALUES = [' 1', ' -1', ' 1.5e3', ' NaN', ' +Inf', ' 0x1', ' 1_0', ' ', '  2', ' 1 1700000000000', ' 1 ', ' 1\r', ''];

describe('the plain-line shortcuts', () => {
  for (const target of TARGETS) {
    const version = `${target.version}${target.utf8Names ? ', UTF-8 names' : ''}`;
    it(`read every sample, HELP and TYPE line as the general reader does (${version})`, () => {
      for (const head of FAMILY_HEADS) {
        for (const name of SAMPLE_NAMES) {
          for (const labelSet of LABEL_SETS) {
            const lines = VALUES.map((value) => `${name}${labelSet}${value}\n`).join('');
            assertReadAsByTheGeneralReader(`${head}${lines}m{a="9"} 9\n# TYPE m gauge\n`, target);
          }
        }
      }
    });

    it(`read each line after another as the general reader does, strings of the line before reused or not (${version})`, () => {
      for (const head of FAMILY_HEADS) {
        for (const name of SAMPLE_NAMES) {
          assertReadAsByTheGeneralReader(head + LABEL_SETS.map((labelSet) => `${name}${labelSet} 1\n`).join(''), target);
        }
      }
    });
  }

  it('read HELP and TYPE lines as the general reader does, or leave them to it', () => {
    const at = ({ line, start, end }: Span) => `${line}:${start}-${end}`;
    const token = ({ text, span }: Token) => `${text}@${at(span)}`;
    const document = parseExposition('# HELP a Some help.\n# TYPE a counter\na 1\n# HELP b  two blanks\\\\ and an escape\n# TYPE b gauge\n');
    const [a, b] = document.families;
    assert.deepEqual([a.help?.text, a.help?.line, token(a.help!.name), at(a.help!.textSpan)], ['Some help.', 0, 'a@0:7-8', '0:9-19']);
    assert.deepEqual([a.type?.type, a.type?.line, token(a.type!.name), token(a.type!.typeToken)], ['counter', 1, 'a@1:7-8', 'counter@1:9-16']);
    assert.deepEqual(a.lines, [0, 1, 2]);
    assert.deepEqual([b.help?.text, at(b.help!.textSpan), b.type?.type], ['two blanks\\ and an escape', '3:10-36', 'gauge']);
  });

  it('leave duplicate, unknown and empty HELP and TYPE lines to the general reader', () => {
    const codes = (text: string) => parseExposition(text).problems.map((problem) => `${problem.span.line} ${problem.code}`);
    assert.deepEqual(codes('# HELP a A.\n# HELP a B.\n'), ['1 duplicate-help']);
    assert.deepEqual(codes('# TYPE a gauge\n# TYPE a counter\n'), ['1 duplicate-type']);
    assert.deepEqual(codes('a 1\n# TYPE a gauge\n'), ['1 duplicate-type']);
    assert.deepEqual(codes('# TYPE a gauges\n'), ['0 unknown-type']);
    assert.deepEqual(parseExposition('# HELP a \n').families[0].help, undefined);
  });
});
