import * as assert from 'node:assert/strict';
import { gatewayForUrl, isListed } from '../../../src/core/gateway/gatewayForUrl';
import { GatewayConfig } from '../../../src/core/gateway/gatewayConfig';

const LISTED: GatewayConfig[] = [
  { name: 'Mock Gateway', url: 'http://127.0.0.1:9091', embedded: true },
  { name: 'prod', url: 'https://pgw.example/prefix', caFile: '/etc/ca.pem' },
];

describe('the gateway a script URL names', () => {
  it('is the listed gateway at that URL, whatever the trailing slashes, so its own options apply', () => {
    assert.deepEqual(gatewayForUrl('https://pgw.example/prefix//', LISTED), { ok: true, value: LISTED[1] });
    assert.deepEqual(gatewayForUrl('http://127.0.0.1:9091', LISTED), { ok: true, value: LISTED[0] });
  });

  it('is the URL as written, named after its host, when no listed gateway is there', () => {
    assert.deepEqual(gatewayForUrl('http://ci:pw@other:9091/', LISTED), { ok: true, value: { name: 'other:9091', url: 'http://ci:pw@other:9091' } });
  });

  it('says what is wrong with a URL that is not a gateway base URL', () => {
    const found = gatewayForUrl('ftp://pgw:9091', LISTED);
    assert.equal(found.ok, false);
    assert.match(found.ok ? '' : found.error, /must start with http:\/\/ or https:\/\//);
    assert.equal(gatewayForUrl('http://pgw:9091/?x=1', LISTED).ok, false);
  });

  it('tells a listed URL from an unlisted one', () => {
    assert.equal(isListed('https://pgw.example/prefix/', LISTED), true);
    assert.equal(isListed('http://127.0.0.1:9092', LISTED), false);
  });
});
