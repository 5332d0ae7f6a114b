import * as assert from 'node:assert/strict';
import { RepeatFilter } from '../../../src/core/repeatFilter';

describe('repeat filter', () => {
  it('lets a message about a subject through once, again after another message or a clear', () => {
    const filter = new RepeatFilter();
    assert.equal(filter.passes('caFile:prod', 'cannot read a.pem'), true);
    assert.equal(filter.passes('caFile:prod', 'cannot read a.pem'), false, 'repeated at the next refresh');
    assert.equal(filter.passes('caFile:staging', 'cannot read a.pem'), true, 'another subject is not held back');
    assert.equal(filter.passes('caFile:prod', 'cannot read b.pem'), true);
    assert.equal(filter.passes('caFile:prod', 'cannot read b.pem'), false);
    filter.clear('caFile:prod');
    assert.equal(filter.passes('caFile:prod', 'cannot read b.pem'), true, 'the file was fixed, then broke again');
  });
});
