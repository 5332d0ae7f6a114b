import * as assert from 'node:assert/strict';
import { withGatewayEntry } from '../../../src/core/gateway/gatewayEntries';

describe('withGatewayEntry (Remove Gateway, Edit Gateway)', () => {
  const entries = [{ name: 'bad' }, { name: 'prod', url: 'http://prod:9091', staleAfterHours: 2 }, { url: 'http://staging:9091/' }];

  it('removes the entry listed under the name and keeps the others, invalid ones included', () => {
    assert.deepEqual(withGatewayEntry(entries, 'prod'), [{ name: 'bad' }, { url: 'http://staging:9091/' }]);
  });

  it("finds an entry without a name by its URL's host, as the explorer lists it", () => {
    assert.deepEqual(withGatewayEntry(entries, 'staging:9091'), [{ name: 'bad' }, { name: 'prod', url: 'http://prod:9091', staleAfterHours: 2 }]);
  });

  it('edits name and URL and keeps the entry’s other fields and place', () => {
    assert.deepEqual(withGatewayEntry(entries, 'prod', { name: 'production', url: 'https://prod:9443' }), [
      { name: 'bad' },
      { name: 'production', url: 'https://prod:9443', staleAfterHours: 2 },
      { url: 'http://staging:9091/' },
    ]);
    assert.equal(entries[1].name, 'prod', 'the setting value it was given changed');
  });

  it('is undefined when the scope does not list that gateway, or is not a list', () => {
    assert.equal(withGatewayEntry(entries, 'nowhere'), undefined);
    assert.equal(withGatewayEntry(undefined, 'prod'), undefined);
    assert.equal(withGatewayEntry({ name: 'prod' }, 'prod'), undefined);
  });
});
