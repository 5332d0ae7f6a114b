import * as assert from 'node:assert/strict';
import { checkGatewayUrl, parseGatewayList } from '../../../src/core/gateway/gatewayConfig';

describe('gateway settings', () => {
  it('reads valid entries and normalises their URLs', () => {
    const list = parseGatewayList([
      { name: 'prod', url: 'http://pgw.example:9091/' },
      { name: ' staging ', url: 'https://gw/prefix//' },
    ]);
    assert.deepEqual(list, {
      gateways: [
        { name: 'prod', url: 'http://pgw.example:9091' },
        { name: 'staging', url: 'https://gw/prefix' },
      ],
      problems: [],
    });
  });

  it('names an entry without a name after its host', () => {
    assert.deepEqual(parseGatewayList([{ url: 'http://127.0.0.1:9091' }]).gateways, [{ name: '127.0.0.1:9091', url: 'http://127.0.0.1:9091' }]);
  });

  it('reads the per-gateway options and rejects a bad threshold', () => {
    const list = parseGatewayList([
      { name: 'tls', url: 'https://gw', staleAfterHours: 2, caFile: '/etc/ca.pem', allowInsecureTls: true },
      { name: 'bad', url: 'http://x', staleAfterHours: -1 },
      { name: 'bad', url: 'http://y' },
    ]);
    assert.deepEqual(list.gateways, [
      { name: 'tls', url: 'https://gw', staleAfterHours: 2, caFile: '/etc/ca.pem', allowInsecureTls: true },
      { name: 'bad', url: 'http://y' },
    ]);
    assert.deepEqual(list.problems, ['pushgateway.gateways entry 2: "staleAfterHours" must be a positive number of hours']);
  });

  it('lists a gateway whose URL carries user:password without them, and says why', () => {
    const list = parseGatewayList([{ name: 'prod', url: 'https://ci:s3cret@pgw.example' }]);
    assert.deepEqual(list.gateways, [{ name: 'prod', url: 'https://pgw.example' }]);
    assert.equal(list.problems.length, 1);
    assert.match(list.problems[0], /^pushgateway\.gateways entry 1: the user:password in its URL is not used .*Set Credentials/);
    assert.doesNotMatch(list.problems[0], /s3cret/);
  });

  it('treats a missing setting as no gateways', () => {
    assert.deepEqual(parseGatewayList(undefined), { gateways: [], problems: [] });
  });

  it('reports each bad entry by position and keeps the good ones', () => {
    const list = parseGatewayList([
      'http://x',
      { name: 'a' },
      { name: 'b', url: 'ftp://x' },
      { name: 'c', url: 'not a url' },
      { name: 'ok', url: 'http://ok:9091' },
      { name: 'ok', url: 'http://other:9091' },
      { name: 'q', url: 'http://x/?a=1' },
    ]);
    assert.deepEqual(list.gateways, [{ name: 'ok', url: 'http://ok:9091' }]);
    assert.deepEqual(list.problems, [
      'pushgateway.gateways entry 1 must be an object with "name" and "url"',
      'pushgateway.gateways entry 2 has no "url"',
      'pushgateway.gateways entry 3: "ftp://x" must start with http:// or https://',
      'pushgateway.gateways entry 4: "not a url" is not a URL; expected something like http://pushgateway:9091',
      'pushgateway.gateways entry 6: the name "ok" is used twice',
      'pushgateway.gateways entry 7: "http://x/?a=1" must not have a query or fragment',
    ]);
  });

  it('reports a setting that is not a list', () => {
    assert.equal(parseGatewayList({ url: 'http://x' }).problems.length, 1);
  });

  it('accepts http and https URLs only', () => {
    assert.equal(checkGatewayUrl('http://localhost:9091'), undefined);
    assert.equal(checkGatewayUrl('https://gw.example'), undefined);
    assert.match(checkGatewayUrl('localhost:9091') ?? '', /must start with http/);
  });

  it('reads a per-gateway target and reports a bad one, keeping the gateway', () => {
    const list = parseGatewayList([
      { name: 'old', url: 'http://old:9091', gatewayVersion: '1.5' },
      { name: 'utf8', url: 'http://new:9091', utf8Names: true },
      { name: 'typo', url: 'http://typo:9091', gatewayVersion: '1.10' },
    ]);
    assert.deepEqual(list.gateways, [
      { name: 'old', url: 'http://old:9091', target: { version: '1.5' } },
      { name: 'utf8', url: 'http://new:9091', target: { utf8Names: true } },
      { name: 'typo', url: 'http://typo:9091' },
    ]);
    assert.deepEqual(list.problems, ['pushgateway.gateways entry 3: gatewayVersion must be "1.11" or "1.5", not "1.10"; ignored']);
  });
});
