import * as assert from 'node:assert/strict';
import { Diagnostic } from '../../../src/core/exposition/diagnostic';
import { lintExposition, LintOptions } from '../../../src/core/exposition/lint';
import { ExpositionLintByFamily } from '../../../src/core/exposition/lintByFamily';
import { Random, seededRandom } from '../../support/seededRandom';
import { allCorpora } from './allCorpora';
import { pick, randomInt } from './fuzzDocuments';
import { lintTargetOf } from './targetVerdicts';

// Linting family by family, a piece of lines at a time, must give exactly lintExposition's
// diagnostics: on every corpus, on seeded random documents made of what stresses the checks across
// families, on every target and with severity overrides and grouping labels.

const OPTIONS: ReadonlyArray<{ name: string; options: LintOptions }> = [
  { name: '1.5', options: { target: lintTargetOf('1.5') } },
  { name: '1.11', options: { target: lintTargetOf('1.11') } },
  { name: '1.11-utf8', options: { target: lintTargetOf('1.11-utf8') } },
  { name: '1.11-unchecked', options: { target: lintTargetOf('1.11-unchecked') } },
  {
    name: '1.11, overrides and grouping labels',
    options: { target: lintTargetOf('1.11'), severities: { 'no-help': 'off', 'missing-type': 'error', timestamp: 'hint', 'utf8-name': 'off' }, groupingLabels: ['instance', 'region'] },
  },
  { name: '1.11-utf8, utf8-name off, file BOM', options: { target: lintTargetOf('1.11-utf8'), severities: { 'utf8-name': 'off' }, fileHasByteOrderMark: true } },
];

/** The text in pieces of whole lines (1 to `maxLines` lines each) and the rest after the last new-line. */
function pieces(random: Random, text: string, maxLines: number): { lines: string[]; rest: string } {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    let end = start;
    const count = 1 + randomInt(random, maxLines);
    for (let i = 0; i < count; i++) {
      const newline = text.indexOf('\n', end);
      if (newline < 0) {
        break;
      }
      end = newline + 1;
    }
    if (end === start) {
      return { lines, rest: text.slice(start) };
    }
    lines.push(text.slice(start, end));
    start = end;
  }
}

/** The by-family diagnostics, or undefined when it handed the document back. */
function lintInPieces(random: Random, text: string, options: LintOptions, maxLines: number): Diagnostic[] | undefined {
  const lint = new ExpositionLintByFamily(options);
  const { lines, rest } = pieces(random, text, maxLines);
  for (const piece of lines) {
    lint.write(piece);
    if (lint.needsWholeDocument) {
      return undefined;
    }
  }
  return lint.end(rest);
}

interface Tally {
  byFamily: number;
  handedBack: number;
}

function assertSameDiagnostics(random: Random, name: string, text: string, options: LintOptions, tally: Tally): void {
  const expected = lintExposition(text, options).diagnostics;
  for (const maxLines of [1, 5, 10_000]) {
    const actual = lintInPieces(random, text, options, maxLines);
    if (actual === undefined) {
      tally.handedBack++;
      continue;
    }
    tally.byFamily++;
    assert.deepEqual(actual, expected, `${name}, pieces of up to ${maxLines} lines:\n${text}`);
  }
}

// --- seeded random documents -------------------------------------------------------------------------

const NAMES = ['jobs_total', 'backup_size_bytes', 'req_seconds', 'rpc_seconds', 'queueLength', 'go_goroutines', 'push_time_seconds', 'x', 'x_count', 'x_bucket', 'h_sum', 'a:b'];
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gauge_histogram', 'info'];
const LABELS = ['a="1"', 'a="2"', 'job="j"', 'instance="i"', 'le="0.5"', 'quantile="2"', 'dbName="x"', '__x="y"', 'region="eu"', 'a="\\"q\\\\"'];

function sampleLine(random: Random, name: string, type: string): string {
  const labels = Array.from({ length: randomInt(random, 3) }, () => pick(random, LABELS));
  let suffix = '';
  if (type === 'histogram' || type === 'gauge_histogram') {
    suffix = pick(random, ['_bucket', '_bucket', '_count', '_sum', '']);
    if (suffix === '_bucket') {
      labels.push(`le="${pick(random, ['0.1', '1', '+Inf', '1', 'x'])}"`);
    }
  } else if (type === 'summary') {
    suffix = pick(random, ['', '', '_count', '_sum']);
    if (suffix === '') {
      labels.push(`quantile="${pick(random, ['0.5', '0.99', '2'])}"`);
    }
  }
  const quoted = random() < 0.05;
  const braces = labels.length > 0 || quoted ? `{${quoted ? `"${name}${suffix}.é"${labels.length > 0 ? ',' : ''}` : ''}${labels.join(',')}}` : '';
  const value = pick(random, ['1', '2', '-3', '0', 'NaN', '+Inf', '1e3', 'bad']);
  const timestamp = random() < 0.05 ? ' 1700000000000' : '';
  return `${quoted ? '' : name + suffix}${braces} ${value}${timestamp}`;
}

function randomFamily(random: Random, name: string): string[] {
  const type = pick(random, TYPES);
  const lines: string[] = [];
  if (random() < 0.7) {
    lines.push(`# HELP ${name} Help text ${randomInt(random, 3)}.`);
  }
  if (random() < 0.1) {
    lines.push(`# HELP ${name} Again.`);
  }
  if (random() < 0.7) {
    lines.push(`# TYPE ${name} ${type}`);
  }
  const count = randomInt(random, 6);
  for (let i = 0; i < count; i++) {
    lines.push(sampleLine(random, name, type));
  }
  return lines;
}

/** A family whose lines stay together (none comes back), with what the family checks find now and then. */
function contiguousFamily(random: Random, name: string): string[] {
  const type = pick(random, ['counter', 'gauge', 'histogram', 'summary']);
  const lines = random() < 0.8 ? [`# HELP ${name} Help.`, `# TYPE ${name} ${type}`] : [`# TYPE ${name} ${type}`];
  for (let series = 0; series < 1 + randomInt(random, 4); series++) {
    const labels = `job="j${randomInt(random, 3)}",dbName="d${series}"`;
    const value = pick(random, ['1', '5', '-1', '0']);
    if (type === 'histogram') {
      lines.push(`${name}_bucket{${labels},le="1"} ${value}`, `${name}_bucket{${labels},le="+Inf"} 2`, `${name}_count{${labels}} 2`, `${name}_sum{${labels}} 1`);
    } else if (type === 'summary') {
      lines.push(`${name}{${labels},quantile="${pick(random, ['0.5', '2'])}"} 1`, `${name}_count{${labels}} ${value}`, `${name}_sum{${labels}} 1`);
    } else {
      lines.push(`${name}{${labels}} ${value}${random() < 0.05 ? ' 1700000000000' : ''}`);
    }
  }
  return lines;
}

const ODD_LINES = ['# EOF', '# UNIT x seconds', '', '# plain comment', 'bad-name 1', 'a{b=1} 1', '{} 1', 'open{a="never', '# TYPE', 'x 1 2 3'];

function randomDocument(random: Random): string {
  const lines: string[] = [];
  const families = 1 + randomInt(random, 8);
  for (let i = 0; i < families; i++) {
    lines.push(...randomFamily(random, random() < 0.6 ? pick(random, NAMES) : `family_${randomInt(random, 50)}_total`));
    if (random() < 0.15) {
      lines.push(pick(random, ODD_LINES));
    }
  }
  let text = lines.join('\n') + (random() < 0.9 ? '\n' : '');
  if (random() < 0.05) {
    text = text.replace(/\n/g, '\r\n');
  }
  if (random() < 0.05) {
    text = '\ufeff' + text;
  }
  return text;
}

describe('linting family by family', () => {
  const documents = allCorpora(300);

  for (const { name, options } of OPTIONS) {
    it(`gives lintExposition's diagnostics on every corpus (${documents.length} documents, ${name})`, () => {
      const random = seededRandom(0x1a7e);
      const tally: Tally = { byFamily: 0, handedBack: 0 };
      for (const document of documents) {
        assertSameDiagnostics(random, document.name, document.text, options, tally);
      }
      // Handing every document back would pass without testing anything.
      assert.ok(tally.byFamily > 4 * tally.handedBack, `linted by family ${tally.byFamily} times, handed back ${tally.handedBack}`);
    });

    it(`gives lintExposition's diagnostics on seeded random documents (${name})`, () => {
      const random = seededRandom(0xfa31);
      const tally: Tally = { byFamily: 0, handedBack: 0 };
      for (let i = 0; i < 1500; i++) {
        assertSameDiagnostics(random, `random document ${i}`, randomDocument(random), options, tally);
      }
      // Many of them are handed back on purpose (families that come back, CRLF, quoted names).
      assert.ok(tally.byFamily >= 1000, `linted by family ${tally.byFamily} times, handed back ${tally.handedBack}`);
    });
  }

  it("gives lintExposition's diagnostics on a document of thousands of families, checked in many batches", () => {
    const random = seededRandom(0xba7c);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      lines.push(...contiguousFamily(random, `f${i}_${pick(random, ['jobs_total', 'backupSize_bytes', 'latency_ms', 'runs', 'req_seconds', 'go_threads'])}`));
    }
    const text = `${lines.join('\n')}\n`;
    const codes = new Set(lintExposition(text).diagnostics.map((diagnostic) => diagnostic.code));
    assert.ok(codes.size >= 8, `findings of ${[...codes].join(', ')}`);
    for (const { name, options } of OPTIONS.slice(0, 2)) {
      const tally: Tally = { byFamily: 0, handedBack: 0 };
      assertSameDiagnostics(random, `3 000 families (${name})`, text, options, tally);
      assert.deepEqual(tally, { byFamily: 3, handedBack: 0 });
    }
  });

  it('hands back a document whose family comes back after another, with CRLF, or with quoted names to check against promtool', () => {
    const handedBack = (text: string, options: LintOptions = {}) => lintInPieces(seededRandom(1), text, options, 1) === undefined;
    assert.equal(handedBack('a 1\nb 1\na 2\n'), true);
    assert.equal(handedBack('a 1\r\nb 1\r\n'), true);
    assert.equal(handedBack('{"a.b"} 1\n', { target: lintTargetOf('1.11-utf8') }), true);
    assert.equal(handedBack('{"a.b"} 1\n', { target: lintTargetOf('1.11-utf8'), severities: { 'utf8-name': 'off' } }), false);
    assert.equal(handedBack('a 1\na 2\nb 1\n'), false);
  });
});
