import * as assert from 'node:assert/strict';
import { negotiateFormat, negotiateGzip } from '../../../src/core/mock/output/negotiate';

describe('mock gateway: what GET /metrics answers in', () => {
  const text = 'text/plain; version=0.0.4; charset=utf-8';
  const proto = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

  it('1.11 names the escaping: underscores unless a known one is asked for, also by an OpenMetrics entry', () => {
    assert.equal(negotiateFormat(undefined, '1.11').contentType, `${text}; escaping=underscores`);
    assert.equal(negotiateFormat('text/plain; version=1.0.0; escaping=dots', '1.11').contentType, `${text}; escaping=dots`);
    assert.equal(negotiateFormat('text/plain; version=1.0.0; escaping=quotes', '1.11').contentType, `${text}; escaping=underscores`);
    assert.equal(negotiateFormat('application/openmetrics-text; version=1.0.0; escaping=allow-utf-8', '1.11').contentType, `${text}; escaping=allow-utf-8`);
    const protobuf = negotiateFormat(`${proto}; escaping=allow-utf-8`, '1.11');
    assert.deepEqual(protobuf, { protobuf: true, escaping: 'allow-utf-8', contentType: `${proto}; escaping=allow-utf-8` });
  });

  it('1.5 has no escaping, and serves delimited protobuf when asked for it', () => {
    assert.deepEqual(negotiateFormat('text/plain; version=1.0.0; escaping=dots', '1.5'), { protobuf: false, contentType: text });
    assert.deepEqual(negotiateFormat(proto, '1.5'), { protobuf: true, contentType: proto });
  });

  it('reads a hexadecimal q-value as strconv.ParseFloat does (what 1.5.1 and 1.11.2 answered)', () => {
    const delimited = 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited';
    const cases: [string, boolean][] = [
      [`${delimited};q=0x1p-1, text/plain;q=0x1.8p-1`, false],
      [`text/plain;q=0x1p-1, ${delimited};q=0x1.8p-1`, true],
      [`text/plain;q=0.6, ${delimited};q=0x1p-1`, false],
      [`text/plain;q=0.4, ${delimited};q=0x_1p-1`, true],
      [`text/plain;q=0.4, ${delimited};q=0x1.p-1`, true],
      [`text/plain;q=0.4, ${delimited};q=0x.8p0`, true],
      // No exponent: a syntax error, so q=0.
      [`text/plain;q=0.4, ${delimited};q=0x1.8`, false],
    ];
    for (const version of ['1.11', '1.5'] as const) {
      for (const [accept, protobuf] of cases) {
        assert.equal(negotiateFormat(accept, version).protobuf, protobuf, `${version}: ${accept}`);
      }
    }
  });

  it('reads Accept like goautoneg: exactly one slash, spaces (not tabs) trimmed, the q-value untrimmed', () => {
    for (const version of ['1.11', '1.5'] as const) {
      // `q= 0.9` is a syntax error to strconv.ParseFloat, so q=0 and the protobuf entry comes first.
      assert.equal(negotiateFormat(`text/plain;q= 0.9, ${proto};q=0.5`, version).protobuf, true, version);
      assert.equal(negotiateFormat(`text/plain;q=0.9, ${proto};q=0.5`, version).protobuf, false, version);
      // A tab is not trimmed: `\ttext/plain` is not text/plain, so the protobuf entry after it is served.
      assert.equal(negotiateFormat(`${proto};q=0.5,\ttext/plain`, version).protobuf, true, version);
      assert.equal(negotiateFormat(`${proto};q=0.5, text/plain`, version).protobuf, false, version);
    }
    // Two slashes: the entry is skipped, its escaping with it.
    assert.equal(negotiateFormat('text/plain/x; escaping=dots', '1.11').escaping, 'underscores');
    assert.equal(negotiateFormat('text/plain; escaping=dots', '1.11').escaping, 'dots');
  });

  it('1.11 honours Accept-Encoding q-values; 1.5 gzips for any gzip entry', () => {
    const cases: [string, boolean, boolean][] = [
      ['gzip', true, true],
      ['gzip;q=0', false, true],
      ['gzip ; q=0.9', true, false],
      ['gzip;q=0.5, *;q=0', true, true],
      ['identity;q=1, gzip;q=0.5', false, true],
      ['br, gzip;q=0.8', true, true],
      ['*', false, false],
      ['GZIP', false, false],
      ['x-gzip', false, false],
    ];
    for (const [header, v111, v15] of cases) {
      assert.equal(negotiateGzip(header, '1.11'), v111, `1.11: ${header}`);
      assert.equal(negotiateGzip(header, '1.5'), v15, `1.5: ${header}`);
    }
  });
});
