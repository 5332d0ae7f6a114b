import * as assert from 'node:assert/strict';
import { decodeExposition } from '../../../src/core/exposition/decode';
import { lintExposition } from '../../../src/core/exposition/lint';
import { Span } from '../../../src/core/exposition/model';
import { parseExposition } from '../../../src/core/exposition/parser';
import { GatewayTarget } from '../../../src/core/protocol/gatewayTarget';

// The parser on each target: what the 1.11 parser reads differently from the 1.5 one (the texts are
// those recorded from the real binaries, test/fixtures/README-today.md), and the model it builds.

const V1_5: GatewayTarget = { version: '1.5', utf8Names: false, consistencyCheckDisabled: false };
const V1_11: GatewayTarget = { version: '1.11', utf8Names: false, consistencyCheckDisabled: false };
const UTF8: GatewayTarget = { version: '1.11', utf8Names: true, consistencyCheckDisabled: false };

function spanOf({ line, start, end }: Span): Span {
  return { line, start, end };
}

/** The first problem as the gateway words it (without the line prefix), or 'ok'. */
function verdict(text: string, target: GatewayTarget): string {
  const [first] = parseExposition(text, { target }).problems;
  return first === undefined ? 'ok' : `${first.code}: ${first.goError.replace(/^text format parsing error in line \d+: /, '')}`;
}

describe('parser targets', () => {
  it('reads a quoted name inside, before, after the labels and outside the braces with 1.11; 1.5 refuses each', () => {
    for (const text of ['{"backup_bytes", host="db-1"} 1\n', '{host="db-1", "backup_bytes"} 1\n', '{ "backup_bytes" , host="db-1" , } 1\n', '"backup_bytes"{host="db-1"} 1\n']) {
      const { samples, problems } = parseExposition(text, { target: V1_11 });
      assert.deepEqual(problems, [], text);
      assert.deepEqual(
        samples.map((sample) => [sample.name.text, sample.familyName, sample.labels.map((label) => `${label.name.text}=${label.value}`)]),
        [['backup_bytes', 'backup_bytes', ['host=db-1']]],
        text,
      );
      assert.equal(verdict(text, V1_5), 'invalid-metric-name: invalid metric name', text);
    }
  });

  it('says whether some name was quoted (when none is, lint skips the parse with the legacy rules)', () => {
    for (const text of ['a{b="c"} 1\n# HELP a x\n', 'a{b=c} 1\n', '{b} 1\n', '']) {
      assert.equal(parseExposition(text, { target: UTF8 }).quotedNames, false, text);
    }
    for (const text of ['{"a.b"} 1\n', 'a{"b.c"="d"} 1\n', '# HELP "a.b" x\n', 'a{b"c"="d"} 1\n']) {
      assert.equal(parseExposition(text, { target: UTF8 }).quotedNames, true, text);
      assert.equal(parseExposition(text, { target: V1_11 }).quotedNames, true, text);
    }
    assert.ok(lintExposition('{"a.b"} 1\n', { target: UTF8 }).diagnostics.some((d) => d.code === 'utf8-name'));
  });

  it('carries a quoted name unescaped, with the span of the name as written', () => {
    const { samples } = parseExposition('{"backup.size\\"x", "host.name"="db-1"} 1\n', { target: UTF8 });
    const [sample] = samples;
    assert.equal(sample.name.text, 'backup.size"x');
    assert.deepEqual(spanOf(sample.name.span), { line: 0, start: 1, end: 17 });
    assert.equal(sample.labels[0].name.text, 'host.name');
    assert.deepEqual(spanOf(sample.labels[0].name.span), { line: 0, start: 19, end: 30 });
    assert.deepEqual(JSON.parse(JSON.stringify(sample)).name, { text: 'backup.size"x', span: { line: 0, start: 1, end: 17 } });
    assert.equal(parseExposition('"a" 1\n', { target: V1_11 }).samples[0].name.span.end, 3);
  });

  it('validates names by the legacy rules, or as UTF-8 with utf8Names', () => {
    assert.equal(verdict('{"backup.size.bytes"} 1\n', V1_11), 'invalid-metric-name: invalid metric name "backup.size.bytes"');
    assert.equal(verdict('{"backup.size.bytes"} 1\n', UTF8), 'ok');
    assert.equal(verdict('g{"host.name"="db-1"} 1\n', V1_11), 'invalid-label-name: invalid label name "host.name"');
    assert.equal(verdict('g{"host.name"="db-1"} 1\n', UTF8), 'ok');
    assert.equal(verdict('g{"host.name"="db-1"} 1\n', V1_5), 'invalid-label-name: invalid label name for metric "g"');
    const invalidUtf8 = decodeExposition(Buffer.from('{"a\xff"} 1\n', 'latin1'));
    assert.match(verdict(invalidUtf8, UTF8), /^invalid-metric-name: invalid metric name "a\\xff"$/);
  });

  it('words the 1.11 parser errors as Go does', () => {
    assert.equal(verdict('{"g", "c"} 1\n', V1_11), 'multiple-metric-names: multiple metric names for metric "g"');
    assert.equal(verdict('{"backup": 1}\n', V1_11), "unexpected-after-metric-name: unexpected end of metric name ':'");
    assert.equal(verdict('g{"g"} 1\n', V1_11), "expected-equals: expected '=' after label name, found '}'");
    assert.equal(verdict('{__name__="g"} 1\n', V1_11), 'reserved-label-name: label name "__name__" is reserved');
    assert.equal(verdict('{,} 1\n', V1_11), 'invalid-label-name: invalid label name for metric ""');
    assert.equal(verdict('# TYPE "g gauge\n', V1_11), 'unescaped-newline: metric name "g gauge" contains unescaped new-line');
    assert.equal(verdict('{"g} 1\n', V1_11), 'unescaped-newline: label name "g} 1" contains unescaped new-line');
    assert.equal(verdict('{"a\\t"} 1\n', V1_11), "invalid-escape: invalid escape sequence '\\t'");
  });

  it('refuses {} 1 saying that 1.11.2 drops the connection, and labels without a name as Go does', () => {
    const [problem] = parseExposition('{} 1\n', { target: V1_11 }).problems;
    assert.equal(problem.code, 'braces-without-name');
    assert.equal(problem.goError, 'text format parsing error in line 1: invalid metric name');
    assert.match(problem.message, /drops the connection/);
    assert.equal(problem.dropsConnection, true);
    assert.equal(verdict('{x="y"} 1\n', V1_11), 'invalid-metric-name: invalid metric name');
    // Go crashes as well on labels without a name after a TYPE line, and on a trailing comma.
    assert.equal(parseExposition('# TYPE g gauge\n{x="y"} 1\n', { target: V1_11 }).problems[0].dropsConnection, true);
    assert.equal(parseExposition('{x="y",} 1\n', { target: V1_11 }).problems[0].dropsConnection, true);
    // After a sample, 1.11.2 gives the labels and value to that sample's series instead (then a duplicate: 400).
    const [afterSample] = parseExposition('g 1\n{x="y"} 2\n', { target: V1_11 }).problems;
    assert.equal(afterSample.code, 'braces-without-name');
    assert.equal(afterSample.dropsConnection, undefined);
    assert.match(afterSample.message, /series of the sample before it/);
  });

  it('takes quoted HELP/TYPE names, \\" in HELP and gaugehistogram only with 1.11', () => {
    const document = parseExposition('# HELP "g" Size of the \\"full\\" backup.\n# TYPE "g" gauge\ng 1\n', { target: V1_11 });
    assert.deepEqual(document.problems, []);
    assert.equal(document.families[0].help?.text, 'Size of the "full" backup.');
    assert.equal(document.families[0].effectiveType, 'gauge');
    assert.equal(verdict('# HELP g a \\"b\\"\n', V1_5), "invalid-escape: invalid escape sequence '\\\"'");
    assert.equal(verdict('# TYPE "g" gauge\n', V1_5), 'invalid-metric-name: invalid metric name in comment');
    assert.equal(verdict('# TYPE q gaugehistogram\n', V1_5), 'unknown-type: unknown metric type "gaugehistogram"');
    assert.match(parseExposition('# TYPE q info\n', { target: V1_11 }).problems[0].message, /knows counter, gauge, histogram, gaugehistogram, summary and untyped$/);
    assert.match(parseExposition('# TYPE q info\n', { target: V1_5 }).problems[0].message, /knows counter, gauge, histogram, summary and untyped$/);
  });

  it("joins a gauge histogram's _bucket, _count and _sum lines with 1.11, as for a histogram", () => {
    const text = '# TYPE q GAUGEHISTOGRAM\nq_bucket{le="1"} 1\nq_bucket{le="+Inf"} 2\nq_gcount 2\nq_count 2\n';
    const modern = parseExposition(text, { target: V1_11 });
    assert.deepEqual(
      modern.families.map((family) => [family.name, family.effectiveType, family.samples.length, family.gaugeHistogramAsHistogram ?? false]),
      [
        ['q', 'gauge_histogram', 3, true],
        ['q_gcount', 'untyped', 1, false],
      ],
    );
    const old = parseExposition(text.replace('GAUGEHISTOGRAM', 'gauge_histogram'), { target: V1_5 });
    assert.deepEqual(
      old.families.map((family) => [family.name, family.samples.length]),
      [
        ['q', 0],
        ['q_bucket', 2],
        ['q_gcount', 1],
        ['q_count', 1],
      ],
    );
  });

  it('joins _count and _sum to a summary, also _bucket to a histogram, only of that very name (Go: setOrCreateCurrentMF)', () => {
    const text = [
      '# TYPE s summary',
      's{quantile="0.5"} 1',
      's_bucket 1',
      's_count 1',
      's_sum 1',
      // s_count is s's: s_count_count is not s's too, nor a family's of the name s_count.
      's_count_count 1',
      '# TYPE h histogram',
      'h_bucket{le="+Inf"} 1',
      'h_count 1',
      'h_sum 1',
      'h_total 1',
      'h_bucket_count 1',
      'u 1',
      'u_count 1',
      '',
    ].join('\n');
    for (const target of [V1_5, V1_11]) {
      const { families, problems } = parseExposition(text, { target });
      assert.deepEqual(problems, [], target.version);
      assert.deepEqual(
        families.map((family) => [family.name, family.samples.map((sample) => sample.name.text)]),
        [
          ['s', ['s', 's_count', 's_sum']],
          ['s_bucket', ['s_bucket']],
          ['s_count_count', ['s_count_count']],
          ['h', ['h_bucket', 'h_count', 'h_sum']],
          ['h_total', ['h_total']],
          ['h_bucket_count', ['h_bucket_count']],
          ['u', ['u']],
          ['u_count', ['u_count']],
        ],
        target.version,
      );
    }
  });

  it('refuses negative histogram bucket counts and _count with 1.11, not -0, a negative _sum or a summary', () => {
    const histogram = (line: string) => `# TYPE h histogram\n${line}\n`;
    assert.equal(verdict(histogram('h_bucket{le="+Inf"} -1'), V1_11), 'negative-count: negative bucket population for histogram "h"');
    assert.equal(verdict(histogram('h_count -Inf'), V1_11), 'negative-count: negative count for histogram "h"');
    assert.equal(verdict(histogram('h_count -1e-300'), V1_11), 'negative-count: negative count for histogram "h"');
    assert.equal(verdict(histogram('h_bucket{le="1"} -0'), V1_11), 'ok');
    assert.equal(verdict(histogram('h_sum -1'), V1_11), 'ok');
    assert.equal(verdict(histogram('h_bucket{le="1"} 1.5'), V1_11), 'ok');
    assert.equal(verdict('# TYPE s summary\ns_count -1\n', V1_11), 'ok');
    assert.equal(verdict(histogram('h_bucket{le="+Inf"} -1'), V1_5), 'ok');
    // 1.5 accepts it: the negative-count rule warns there.
    assert.deepEqual(
      lintExposition(histogram('h_count -1'), { target: V1_5 })
        .diagnostics.filter((d) => d.code === 'negative-count')
        .map((d) => d.severity),
      ['warning'],
    );
  });

  it('reads a plain document the same on every target', () => {
    const text = '# HELP a A.\n# TYPE a histogram\na_bucket{le="1",x="y"} 1\na_bucket{le="+Inf",x="y"} 2\na_sum{x="y"} 3\na_count{x="y"} 2\nb{c="d"} 1\n';
    const json = (target: GatewayTarget) => JSON.stringify(parseExposition(text, { target }));
    assert.equal(json(V1_11), json(V1_5));
    assert.equal(json(UTF8), json(V1_5));
  });
});

describe('promtool rules on each target', () => {
  const references = (text: string, target: GatewayTarget) =>
    lintExposition(text, { target })
      .diagnostics.flatMap((d) => (d.reference ? [`${d.span.line + 1} ${d.reference}`] : []))
      .sort();
  const HEAD = '# HELP a A.\n# TYPE a gauge\n';

  it('reports metric not unique with 1.11 once per series that comes again, labels in the same order only', () => {
    assert.deepEqual(references(`${HEAD}a 1\na 2\na 3\n`, V1_11), ['3 a metric not unique', '4 a metric not unique']);
    assert.deepEqual(references(`${HEAD}a{x="1",y="2"} 1\na{y="2",x="1"} 2\n`, V1_11), []);
    assert.deepEqual(references(`${HEAD}a{ab="c"} 1\na{a="bc"} 2\n`, V1_11), []);
    assert.deepEqual(references('# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="1"} 1\n', V1_11), []);
    assert.deepEqual(references(`${HEAD}a 1\na 2\n`, V1_5), []);
  });

  it("flags only the family's own type in its name with 1.11, every type word with 1.5", () => {
    const gauge = '# HELP latency_histogram L.\n# TYPE latency_histogram gauge\nlatency_histogram 1\n';
    assert.deepEqual(references(gauge, V1_11), []);
    assert.deepEqual(references(gauge, V1_5), ["2 latency_histogram metric name should not include type 'histogram'"]);
    const own = '# HELP disk_gauge D.\n# TYPE disk_gauge gauge\ndisk_gauge 1\n';
    assert.deepEqual(references(own, V1_11), ["2 disk_gauge metric name should not include type 'gauge'"]);
  });
});
