import * as assert from 'node:assert/strict';
import { describeGatewayTarget, gatewayVersionOf, isGatewayVersion } from '../../../src/core/protocol/gatewayTarget';

describe('gateway target', () => {
  it('maps a gateway version to the release line whose behaviour it has', () => {
    assert.deepEqual(['1.11.2', 'v1.10.1', '1.9.0', '1.8.0', '1.5.1', '1.5', '1.11.0-rc.0', '1.4.3', '2.0.0', 'latest', ''].map(gatewayVersionOf), [
      '1.11',
      '1.11',
      '1.11',
      '1.5',
      '1.5',
      '1.5',
      '1.11',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('knows the supported versions only', () => {
    assert.deepEqual(['1.11', '1.5', '1.9', 1.11].map(isGatewayVersion), [true, true, false, false]);
  });

  it('describes a target with its switches', () => {
    assert.equal(describeGatewayTarget({ version: '1.5', utf8Names: false, consistencyCheckDisabled: false }), 'Pushgateway 1.5');
    assert.equal(describeGatewayTarget({ version: '1.11', utf8Names: true, consistencyCheckDisabled: true }), 'Pushgateway 1.11 with UTF-8 names, without the consistency check');
  });
});
