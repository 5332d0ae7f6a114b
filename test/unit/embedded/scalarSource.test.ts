import * as assert from 'node:assert/strict';
import { isMap, parseDocument } from 'yaml';
import { scalarSource, SourcedText } from '../../../src/core/embedded/scalarSource';

/** The scalar under `key` of a one-map YAML document, through `scalarSource`. */
function sourceOf(yaml: string, key = 'run') {
  const document = parseDocument(yaml, { keepSourceTokens: true });
  assert.ok(isMap(document.contents));
  return scalarSource(document.contents.get(key, true), yaml);
}

function mapped(yaml: string, key = 'run'): SourcedText {
  const source = sourceOf(yaml, key);
  assert.ok(source.ok, source.ok ? '' : source.reason);
  return source.value;
}

/** Each value character next to the YAML text it was written as. */
function writtenAs(yaml: string, text: SourcedText): string[] {
  return text.text.split('').map((char, index) => `${JSON.stringify(char)}=${JSON.stringify(yaml.slice(text.starts[index], text.ends[index]))}`);
}

describe('YAML scalars mapped character by character onto their source', () => {
  it('maps a | block past its indentation, each line break onto the end of its line', () => {
    const yaml = 'run: |\n    echo a\n      b\n\n    c\n';
    const text = mapped(yaml);
    assert.equal(text.text, 'echo a\n  b\n\nc\n');
    assert.equal(yaml.slice(text.starts[0], text.starts[0] + 6), 'echo a');
    assert.equal(text.starts[7], yaml.indexOf('  b'));
    assert.equal(text.starts[12], yaml.indexOf('c\n'));
    assert.deepEqual(writtenAs(yaml, text).slice(6, 7), ['"\\n"="\\n"']);
  });

  it('follows chomping: |- strips the final line breaks, |+ keeps them', () => {
    assert.equal(mapped('run: |-\n  a\n\n').text, 'a');
    assert.equal(mapped('run: |+\n  a\n\n').text, 'a\n\n');
  });

  it('maps a block with CRLF line breaks, each \\n onto its \\r\\n', () => {
    const yaml = 'run: |\r\n  a\r\n  b\r\n';
    const text = mapped(yaml);
    assert.equal(text.text, 'a\nb\n');
    assert.equal(yaml.slice(text.starts[1], text.ends[1]), '\r\n');
  });

  it('maps each escape of a double-quoted scalar onto the whole escape', () => {
    const yaml = 'run: "a\\tb \\"c\\" \\x41\\u00e9\\U0001F600\\\\"\n';
    const text = mapped(yaml);
    assert.equal(text.text, 'a\tb "c" A\u00e9\u{1F600}\\');
    assert.deepEqual(writtenAs(yaml, text), [
      '"a"="a"',
      '"\\t"="\\\\t"',
      '"b"="b"',
      '" "=" "',
      '"\\""="\\\\\\""',
      '"c"="c"',
      '"\\""="\\\\\\""',
      '" "=" "',
      '"A"="\\\\x41"',
      '"é"="\\\\u00e9"',
      '"\\ud83d"="\\\\U0001F600"',
      '"\\ude00"="\\\\U0001F600"',
      '"\\\\"="\\\\\\\\"',
    ]);
  });

  it("maps a single-quoted scalar's '' onto both quotes, and a plain scalar one to one", () => {
    const yaml = "run: 'it''s'\nplain: echo hi   # comment\n";
    assert.deepEqual(writtenAs(yaml, mapped(yaml)), ['"i"="i"', '"t"="t"', `"'"="''"`, '"s"="s"']);
    const plain = mapped(yaml, 'plain');
    assert.equal(plain.text, 'echo hi');
    assert.equal(yaml.slice(plain.starts[0], plain.ends[6]), 'echo hi');
  });

  it('takes a > block whose folding changes nothing, refuses one that joins lines', () => {
    assert.equal(mapped('run: >\n  one line\n').text, 'one line\n');
    const joined = sourceOf('run: >\n  echo a |\n  curl b\n');
    assert.deepEqual(joined, { ok: false, reason: 'a folded (>) block scalar joins its lines with spaces' });
  });

  it('refuses plain and quoted scalars over several lines (YAML folds them), and indentation indicators', () => {
    for (const yaml of ['run: echo a\n  more\n', 'run: "echo a\n  more"\n', "run: 'echo a\n  more'\n"]) {
      const source = sourceOf(yaml);
      assert.equal(source.ok, false, yaml);
      assert.match(source.ok ? '' : source.reason, /over several lines is folded/);
    }
    assert.deepEqual(sourceOf('run: |2\n    a\n'), { ok: false, reason: 'a block scalar with an indentation indicator' });
  });

  it('refuses what is not a string scalar', () => {
    assert.equal(sourceOf('run: 12\n').ok, false);
    assert.equal(sourceOf('run: [a]\n').ok, false);
  });
});
