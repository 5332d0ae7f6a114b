import * as assert from 'node:assert/strict';
import { statusTarget } from '../../../src/core/gateway/statusTarget';

describe('the target a gateway status names', () => {
  it('follows the version and the switches the gateway lists', () => {
    assert.deepEqual(statusTarget({ version: '1.11.2', adminApiEnabled: false, flags: { 'push.enable-utf8-names': 'true', 'push.disable-consistency-check': 'false' } }), {
      version: '1.11',
      utf8Names: true,
      consistencyCheckDisabled: false,
    });
    assert.deepEqual(statusTarget({ version: '1.9.0', adminApiEnabled: false, flags: { 'push.enable-utf8-names': 'false', 'push.disable-consistency-check': 'true' } }), {
      version: '1.11',
      utf8Names: false,
      consistencyCheckDisabled: true,
    });
  });

  it('reads a 1.5 gateway as 1.5, without UTF-8 names whatever a flag says', () => {
    assert.deepEqual(statusTarget({ version: '1.5.1', adminApiEnabled: false, flags: { 'push.enable-utf8-names': 'true' } }), {
      version: '1.5',
      utf8Names: false,
      consistencyCheckDisabled: false,
    });
  });

  it('knows nothing without a version it knows or without flags', () => {
    assert.equal(statusTarget({ adminApiEnabled: false }), undefined);
    assert.equal(statusTarget({ version: '0.9.0', adminApiEnabled: false }), undefined);
    assert.deepEqual(statusTarget({ version: 'v1.10.1', adminApiEnabled: false }), { version: '1.11', utf8Names: false, consistencyCheckDisabled: false });
  });
});
