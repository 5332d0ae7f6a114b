import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULE_CODES, lintExposition } from '../../../src/core/exposition/lint';
import { judgeDocument, lintTargetOf, readDocument, readVerdicts } from './targetVerdicts';

// Replays the lint corpora recorded from the real binaries on each target (test/fixtures/README-today.md):
// the today corpus on 1.5 (Pushgateway 1.5.1 + promtool 2.42), 1.11, 1.11-utf8 and 1.11-unchecked
// (Pushgateway 1.11.2 plain, with --push.enable-utf8-names, with --push.disable-consistency-check,
// + promtool 3.5.3), and the 1.5.1 corpus on the 1.11 targets. Each document must agree in full: the
// linter errs exactly when the gateway refuses the push, a gateway parse error reads like our first
// parse problem, and promtool's verdict is ours. (The 1.5.1 corpus on 1.5 is replayed by
// differential.test.ts.)

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/exposition');

interface Replay {
  readonly corpus: string;
  readonly verdicts: string;
  readonly target: string;
}

const REPLAYS: readonly Replay[] = [
  { corpus: 'today', verdicts: 'verdicts-1.5.json', target: '1.5' },
  { corpus: 'today', verdicts: 'verdicts-1.11.json', target: '1.11' },
  { corpus: 'today', verdicts: 'verdicts-1.11-utf8.json', target: '1.11-utf8' },
  { corpus: '.', verdicts: 'verdicts-1.11.json', target: '1.11' },
  { corpus: 'today', verdicts: 'verdicts-1.11-unchecked.json', target: '1.11-unchecked' },
  { corpus: '.', verdicts: 'verdicts-1.11-utf8.json', target: '1.11-utf8' },
  { corpus: '.', verdicts: 'verdicts-1.11-unchecked.json', target: '1.11-unchecked' },
];

/**
 * Documents whose recorded verdict the linter deliberately does not match, by `<target> <slug>`, each
 * with the reason. Empty: every recorded document agrees.
 */
const KNOWN_EXCEPTIONS: ReadonlyMap<string, string> = new Map<string, string>([]);

for (const replay of REPLAYS) {
  const corpusDir = path.join(FIXTURES, replay.corpus);
  const { cases } = readVerdicts(path.join(corpusDir, replay.verdicts));
  const target = lintTargetOf(replay.target);
  const slugs = Object.keys(cases).sort();

  describe(`lint replay: ${replay.corpus === '.' ? '1.5.1 corpus' : `${replay.corpus} corpus`} on target ${replay.target}`, () => {
    it('has every recorded document, and only documented codes are raised', () => {
      assert.ok(slugs.length >= 150, `only ${slugs.length} cases`);
      const known = new Set(ALL_RULE_CODES);
      const unknown = new Set<string>();
      for (const slug of slugs) {
        assert.ok(fs.existsSync(path.join(corpusDir, 'cases', `${slug}.prom`)), `${slug}.prom is missing`);
        for (const diagnostic of lintExposition(readDocument(corpusDir, slug), { target }).diagnostics) {
          if (!known.has(diagnostic.code)) {
            unknown.add(diagnostic.code);
          }
        }
      }
      assert.deepEqual([...unknown], []);
    });

    for (const slug of slugs) {
      const verdict = cases[slug];
      const exception = KNOWN_EXCEPTIONS.get(`${replay.target} ${slug}`);
      const title = `${slug}: gateway ${verdict.pushgateway.status}, promtool exit ${verdict.promtool.exitCode}`;
      if (exception !== undefined) {
        it.skip(`${title} (known exception: ${exception})`);
        continue;
      }
      it(title, () => {
        const judgement = judgeDocument(readDocument(corpusDir, slug), verdict, target);
        assert.deepEqual(judgement.details, []);
        assert.ok(judgement.gateway && judgement.parseMessage && judgement.promtool);
      });
    }
  });
}
