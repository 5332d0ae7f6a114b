import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULE_CODES, hasErrors, lintExposition } from '../../../src/core/exposition/lint';
import { parseExposition } from '../../../src/core/exposition/parser';
import { PARSE_ERROR_PREFIX, isDeterministic, lintTargetOf, readDocument, readVerdicts } from './targetVerdicts';

// Replays the corpus whose verdicts were recorded from the real promtool 2.42 and Pushgateway 1.5.1
// (scripts/recordExpositionVerdicts.ts) and requires the same answers from our parser and linter.

/** The corpus was recorded from 1.5.1 and 2.42: it is replayed on that target. */
const TARGET = lintTargetOf('1.5');

const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/exposition');

const recorded = readVerdicts(path.join(CORPUS, 'verdicts.json'));

describe('differential corpus (recorded from promtool 2.42 and Pushgateway 1.5.1)', () => {
  const slugs = Object.keys(recorded.cases).sort();

  it('has at least 150 recorded documents, each with its file', () => {
    assert.ok(slugs.length >= 150, `only ${slugs.length} cases`);
    for (const slug of slugs) {
      assert.ok(fs.existsSync(path.join(CORPUS, 'cases', `${slug}.prom`)), `${slug}.prom is missing`);
    }
  });

  it('uses only documented diagnostic codes', () => {
    const known = new Set(ALL_RULE_CODES);
    const unknown = new Set(slugs.flatMap((slug) => lintExposition(readDocument(CORPUS, slug), { target: TARGET }).diagnostics.map((d) => d.code)).filter((code) => !known.has(code)));
    assert.deepEqual([...unknown], []);
  });

  for (const slug of slugs) {
    const verdict = recorded.cases[slug];
    describe(slug, () => {
      it(`gateway ${verdict.pushgateway.status}: the linter reports an error exactly when the gateway refuses the push`, () => {
        const { diagnostics } = lintExposition(readDocument(CORPUS, slug), { target: TARGET });
        const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line + 1}:${d.span.start + 1} ${d.code} ${d.message}`);
        if (verdict.pushgateway.status === 200) {
          assert.deepEqual(errors, [], 'the gateway accepted this document');
        } else {
          assert.ok(hasErrors(diagnostics), `the gateway answered ${verdict.pushgateway.status} ${verdict.pushgateway.body.trim()}, the linter found no error`);
        }
      });

      if (verdict.pushgateway.body.startsWith(PARSE_ERROR_PREFIX)) {
        it("the first parse error reads exactly like the gateway's", () => {
          const [first] = parseExposition(readDocument(CORPUS, slug), { target: TARGET }).problems;
          assert.equal(first?.goError, verdict.pushgateway.body.trim());
        });
      }

      it(`promtool exit ${verdict.promtool.exitCode}: the parser rejects the document exactly when promtool cannot parse it`, () => {
        const [first] = parseExposition(readDocument(CORPUS, slug), { target: TARGET }).problems;
        if (verdict.promtool.exitCode === 1) {
          assert.ok(first, `promtool: ${verdict.promtool.stderr.trim()}`);
          assert.ok(verdict.promtool.stderr.includes(first.goError), `promtool said ${verdict.promtool.stderr.trim()}, we said ${first.goError}`);
        } else {
          assert.equal(first, undefined, 'promtool parsed this document');
        }
      });

      if (verdict.promtool.exitCode !== 1) {
        it("the promlint findings are promtool's, metric by metric and rule by rule", () => {
          const ours = lintExposition(readDocument(CORPUS, slug), { target: TARGET })
            .diagnostics.flatMap((d) => (d.reference ? [d.reference] : []))
            .filter(isDeterministic);
          const theirs = verdict.promtool.stderr
            .split('\n')
            .filter((line) => line !== '')
            .filter(isDeterministic);
          assert.deepEqual(ours.sort(), theirs.sort());
        });
      }
    });
  }
});
