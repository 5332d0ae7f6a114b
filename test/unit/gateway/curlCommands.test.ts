import * as assert from 'node:assert/strict';
import { curlCommandsFor } from '../../../src/core/gateway/curlCommands';
import { groupingKeyOf } from '../../../src/core/protocol/groupingKey';

describe('curl commands for a group', () => {
  it('builds push and delete commands with base64 segments where needed, shell-quoted', () => {
    const commands = curlCommandsFor('http://gw:9091/prefix/', groupingKeyOf({ job: "it's", path: '/var/log', instance: '' }));
    assert.ok(commands.ok);
    assert.match(commands.value, /^curl --fail-with-body -X PUT --data-binary @- 'http:\/\/gw:9091\/prefix\/metrics\/job\/it'\\''s\/path@base64\/L3Zhci9sb2c\/instance@base64\/=' <<'EOF'$/m);
    assert.match(commands.value, /^curl --fail-with-body -X DELETE 'http:\/\/gw:9091\/prefix\/metrics\/job\/it'\\''s\/path@base64\/L3Zhci9sb2c\/instance@base64\/='$/m);
  });

  it('reports a group it cannot address', () => {
    assert.deepEqual(curlCommandsFor('http://gw:9091', groupingKeyOf({ instance: 'x' })), { ok: false, error: 'job name is required' });
  });
});
