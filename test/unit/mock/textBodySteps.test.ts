import * as assert from 'node:assert/strict';
import { textBodyFamilies, textBodyFamiliesInSteps } from '../../../src/core/mock/body/fromText';
import { DEFAULT_GATEWAY_TARGET, GATEWAY_TARGET_1_5 } from '../../../src/core/protocol/gatewayTarget';
import { allCorpora } from '../exposition/allCorpora';

// A push body parsed a slice of lines at a time, each family converted as the parser hands it over,
// must give what the whole-body parse gives: the same families or the same refusal, on every corpus
// document, for both gateway versions, also when the body's reader ended with an error.

const TARGETS = [GATEWAY_TARGET_1_5, DEFAULT_GATEWAY_TARGET];
const SLICES = [1, 3, 1000];
const STREAM_ERRORS: [string | undefined, boolean][] = [
  [undefined, false],
  ['unexpected EOF', false],
  ['unexpected EOF', true],
];

describe('mock gateway: a text body parsed in steps', () => {
  const documents = allCorpora(400);

  for (const target of TARGETS) {
    it(`gives the whole parse's families or refusal in slices of ${SLICES.join(', ')} lines (${documents.length} documents, target ${target.version})`, async () => {
      let refused = 0;
      for (const document of documents) {
        const bytes = Buffer.from(document.text, 'utf8');
        for (const [streamError, atLineStart] of STREAM_ERRORS) {
          const whole = textBodyFamilies(bytes, streamError, atLineStart, target);
          refused += whole.ok ? 0 : 1;
          for (const slice of SLICES) {
            const stepped = await textBodyFamiliesInSteps(bytes, streamError, atLineStart, target, () => Promise.resolve(), slice);
            assert.deepEqual(stepped, whole, `${document.name}, slices of ${slice}, stream error ${streamError ?? 'none'}${atLineStart ? ' at a line start' : ''}`);
          }
        }
      }
      // Both answers occur: the comparison covers refusals and accepted bodies.
      assert.ok(refused > 0 && refused < documents.length * STREAM_ERRORS.length, `${refused} refusals`);
    });
  }

  it('parses a body whose family comes back after another family as one family, as Go merges it', async () => {
    const body = Buffer.from('# TYPE a gauge\na{x="1"} 1\nb 2\na{x="2"} 3\n', 'utf8');
    const stepped = await textBodyFamiliesInSteps(body, undefined, false, DEFAULT_GATEWAY_TARGET, () => Promise.resolve(), 1);
    assert.ok(stepped.ok);
    assert.deepEqual(
      stepped.value.map((family) => [family.name, family.metrics.length]),
      [
        ['a', 2],
        ['b', 1],
      ],
    );
  });
});
