import * as assert from 'node:assert/strict';
import { applyTargetOverride, parseTargetOverride } from '../../../src/core/gateway/targetSettings';
import { DEFAULT_GATEWAY_TARGET } from '../../../src/core/protocol/gatewayTarget';

describe('target settings', () => {
  it('reads a version and the switches', () => {
    assert.deepEqual(parseTargetOverride({ gatewayVersion: '1.5', utf8Names: false, disableConsistencyCheck: true }, 'pushgateway.mock.'), {
      override: { version: '1.5', utf8Names: false, consistencyCheckDisabled: true },
      problems: [],
    });
    assert.deepEqual(parseTargetOverride({}, 'pushgateway.lint.'), { override: {}, problems: [] });
  });

  it('reports a bad value, naming the setting, and leaves it out', () => {
    assert.deepEqual(parseTargetOverride({ gatewayVersion: '1.9', utf8Names: 'yes' }, 'pushgateway.lint.'), {
      override: {},
      problems: ['pushgateway.lint.gatewayVersion must be "1.11" or "1.5", not "1.9"', 'pushgateway.lint.utf8Names must be true or false, not "yes"'],
    });
    assert.deepEqual(parseTargetOverride({ gatewayVersion: 1.11 }, 'pushgateway.gateways entry 2: ').problems, ['pushgateway.gateways entry 2: gatewayVersion must be "1.11" or "1.5", not 1.11']);
  });

  it('applies what an override sets over a base, with no UTF-8 names for 1.5', () => {
    assert.deepEqual(applyTargetOverride(DEFAULT_GATEWAY_TARGET, undefined), DEFAULT_GATEWAY_TARGET);
    assert.deepEqual(applyTargetOverride(DEFAULT_GATEWAY_TARGET, { utf8Names: true }), { version: '1.11', utf8Names: true, consistencyCheckDisabled: false });
    assert.deepEqual(applyTargetOverride({ version: '1.11', utf8Names: true, consistencyCheckDisabled: false }, { version: '1.5' }), {
      version: '1.5',
      utf8Names: false,
      consistencyCheckDisabled: false,
    });
  });
});
