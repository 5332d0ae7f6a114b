import * as assert from 'node:assert/strict';
import { ParseProblemCode, PARSE_PROBLEM_CODES, RULE_CODES } from '../../../src/core/exposition/codes';
import { decodeExposition } from '../../../src/core/exposition/decode';
import { ALL_RULES } from '../../../src/core/exposition/lint';
import { parseExposition } from '../../../src/core/exposition/parser';

/** A document the parser rejects with each code, and with nothing else. */
const REJECTED_WITH: Record<ParseProblemCode, string> = {
  'invalid-metric-name': '9lives 1\n',
  'invalid-label-name': 'a{1x="y"} 1\n',
  'reserved-label-name': 'a{__name__="x"} 1\n',
  'expected-equals': 'a{x:"y"} 1\n',
  'duplicate-label-name': 'a{x="1",x="2"} 1\n',
  'expected-quote': 'a{x=1} 1\n',
  'invalid-escape': 'a{x="\\t"} 1\n',
  'unescaped-newline': 'a{x="1\n',
  'invalid-label-value': decodeExposition(Buffer.from('a{x="\xff"} 1\n', 'latin1')),
  'invalid-bucket-bound': '# TYPE h histogram\nh_bucket{le="big"} 1\n',
  'invalid-quantile': '# TYPE s summary\ns{quantile="p99"} 1\n',
  'unexpected-after-label-value': 'a{x="1" y="2"} 1\n',
  'invalid-value': 'a 1_000\n',
  'invalid-timestamp': 'a 1 1.5\n',
  'text-after-timestamp': 'a 1 123 x\n',
  'duplicate-help': '# HELP a one\n# HELP a two\n',
  'duplicate-type': 'a 1\n# TYPE a gauge\n',
  'unknown-type': '# TYPE a info\n',
  'missing-final-newline': 'a 1',
  'multiple-metric-names': '{"a", b} 1\n',
  'unexpected-after-metric-name': '{"a": 1}\n',
  'braces-without-name': '{} 1\n',
  'negative-count': '# TYPE h histogram\nh_count -1\n',
};

describe('diagnostic codes', () => {
  it('has one lint rule per rule code, in the order lint runs them', () => {
    assert.deepEqual(
      ALL_RULES.map((rule) => rule.code),
      [...RULE_CODES],
    );
  });

  for (const code of PARSE_PROBLEM_CODES) {
    it(`is raised by the parser: ${code}`, () => {
      assert.deepEqual(
        parseExposition(REJECTED_WITH[code]).problems.map((problem) => problem.code),
        [code],
      );
    });
  }
});
