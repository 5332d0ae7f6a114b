import * as assert from 'node:assert/strict';
import { Diagnostic } from '../../../src/core/exposition/diagnostic';
import { ExpositionLintByFamily } from '../../../src/core/exposition/lintByFamily';
import { heapUsedAfterCollection } from '../../support/collectGarbage';

// Linting a document a piece at a time keeps memory for its findings, not for its input: a finding
// whose message quotes the text (a bad value, a quantile) must not keep the piece it was found in.

const MiB = 1024 * 1024;
const PIECES = 200;
/** Comment lines of each piece: read, nothing of them kept. */
const PADDING = `# ${'p'.repeat(1000)}\n`.repeat(100);
/** Far below the 20 MiB of input, far above what 400 findings take. */
const RETAINED_BOUND_BYTES = 4 * MiB;

/** A piece with one line the parser rejects and one rule finding, both quoting 13+ characters of it. */
function piece(index: number): string {
  const family = `job${index}_duration_seconds`;
  return [
    PADDING,
    `broken${index}_total not_a_number_${index}_at_all\n`,
    `# HELP ${family} Duration of job ${index}.\n# TYPE ${family} summary\n`,
    `${family}{quantile="${1e15 + index}"} 1\n${family}_sum 1\n${family}_count 1\n`,
  ].join('');
}

describe('lint family by family: what the findings keep', () => {
  it("keeps no piece of the input through the findings' messages", () => {
    const before = heapUsedAfterCollection();
    const lint = new ExpositionLintByFamily();
    for (let index = 0; index < PIECES; index++) {
      lint.write(piece(index));
    }
    const diagnostics: Diagnostic[] | undefined = lint.end('');
    const retained = heapUsedAfterCollection() - before;

    assert.ok(diagnostics !== undefined);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      Array.from({ length: PIECES }, () => ['invalid-value', 'quantile-out-of-range']).flat(),
    );
    assert.ok(retained < RETAINED_BOUND_BYTES, `${(retained / MiB).toFixed(1)} MiB stay used for ${diagnostics.length} findings after ${PIECES} pieces of 100 KB`);
  });

  it('checks and drops families without samples in batches as it goes, as it does families with samples', () => {
    // 2 000 families of a 10 KB HELP line each (20 MiB), in pieces of 10 families.
    const help = 'h'.repeat(10_000);
    const before = heapUsedAfterCollection();
    const lint = new ExpositionLintByFamily();
    for (let index = 0; index < 2000; index += 10) {
      let text = '';
      for (let family = index; family < index + 10; family++) {
        text += `# HELP family${family}_total ${help}\n# TYPE family${family}_total counter\n`;
      }
      lint.write(text);
    }
    const retained = heapUsedAfterCollection() - before;
    assert.deepEqual(lint.end(''), []);
    assert.ok(retained < RETAINED_BOUND_BYTES, `${(retained / MiB).toFixed(1)} MiB stay used while linting 2 000 families of 10 KB without samples`);
  });
});
