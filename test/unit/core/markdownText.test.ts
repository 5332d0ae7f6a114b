import * as assert from 'node:assert/strict';
import { markdownText } from '../../../src/core/markdownText';

describe('markdownText (tooltips that wrap between words)', () => {
  it('escapes Markdown syntax and keeps the spaces, so that a hover wraps between words', () => {
    assert.equal(
      markdownText('the last push failed 3 min ago; the gateway still serves the values of the push before it'),
      'the last push failed 3 min ago; the gateway still serves the values of the push before it',
    );
    assert.equal(markdownText('backup_db_last_success_unixtime says *x* [y](z) <b> #1 a|b'), 'backup\\_db\\_last\\_success\\_unixtime says \\*x\\* \\[y\\]\\(z\\) \\<b\\> \\#1 a\\|b');
  });
});
