import * as assert from 'node:assert/strict';
import { compareGoStrings, formatExpositionFloat, formatGoFloat, formatProtoTextFloat, goFloatToUint64, goJsonString, goStringBytes } from '../../../src/core/goemu/goFormat';
import { decodeExposition } from '../../../src/core/exposition/decode';

/**
 * [pushed text value, GET /metrics value, /api/v1/metrics value], as the real Pushgateway 1.5.1
 * wrote them for a gauge pushed with that value (expfmt's writeFloat, fmt.Sprint).
 */
const RECORDED_FLOATS: [string, string, string][] = [
  ['0', '0', '0'],
  ['-0', '0', '-0'],
  ['1', '1', '1'],
  ['-1', '-1', '-1'],
  ['0.5', '0.5', '0.5'],
  ['1e6', '1e+06', '1e+06'],
  ['1234567', '1.234567e+06', '1.234567e+06'],
  ['100000', '100000', '100000'],
  ['123456.7', '123456.7', '123456.7'],
  ['0.0001', '0.0001', '0.0001'],
  ['0.00001', '1e-05', '1e-05'],
  // Fractions on both sides of the fixed-notation range (recorded from 1.5.1 on 2026-12-02).
  ['-0.00015', '-0.00015', '-0.00015'],
  ['0.000123456789', '0.000123456789', '0.000123456789'],
  ['999999.999999', '999999.999999', '999999.999999'],
  ['12345.6789012345', '12345.6789012345', '12345.6789012345'],
  ['-999999.5', '-999999.5', '-999999.5'],
  ['0.00009999', '9.999e-05', '9.999e-05'],
  ['2.5e5', '250000', '250000'],
  ['1e21', '1e+21', '1e+21'],
  ['1e-7', '1e-07', '1e-07'],
  ['18446744073709551616', '1.8446744073709552e+19', '1.8446744073709552e+19'],
  ['1.7976931348623157e308', '1.7976931348623157e+308', '1.7976931348623157e+308'],
  ['5e-324', '5e-324', '5e-324'],
  ['NaN', 'NaN', 'NaN'],
  ['+Inf', '+Inf', '+Inf'],
  ['-Inf', '-Inf', '-Inf'],
  ['1795613336.5224338', '1.7956133365224338e+09', '1.7956133365224338e+09'],
  ['21.5', '21.5', '21.5'],
  ['0.30000000000000004', '0.30000000000000004', '0.30000000000000004'],
  ['1e100', '1e+100', '1e+100'],
  ['123e-20', '1.23e-18', '1.23e-18'],
  ['-1.5e-5', '-1.5e-05', '-1.5e-05'],
  ['999999', '999999', '999999'],
  ['9999999', '9.999999e+06', '9.999999e+06'],
  ['0.000123', '0.000123', '0.000123'],
  ['1.5e300', '1.5e+300', '1.5e+300'],
  ['2.5e-310', '2.5e-310', '2.5e-310'],
  ['12345678901234567890', '1.2345678901234567e+19', '1.2345678901234567e+19'],
  ['-123456789.125', '-1.23456789125e+08', '-1.23456789125e+08'],
  ['3.0000000000000004', '3.0000000000000004', '3.0000000000000004'],
  ['1e-4', '0.0001', '0.0001'],
  ['999999.9999999999', '999999.9999999999', '999999.9999999999'],
  ['-2.5', '-2.5', '-2.5'],
  ['1e20', '1e+20', '1e+20'],
  ['123456789012345680000', '1.2345678901234568e+20', '1.2345678901234568e+20'],
];

function parse(text: string): number {
  return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
}

describe('mock gateway: Go formatting', () => {
  describe('floats as the real gateway writes them', () => {
    for (const [pushed, exposition, api] of RECORDED_FLOATS) {
      it(`${pushed} → ${exposition} in /metrics, ${api} in the API`, () => {
        assert.equal(formatExpositionFloat(parse(pushed)), exposition);
        assert.equal(formatGoFloat(parse(pushed)), api);
      });
    }
  });

  it('writes the specials of the proto text format', () => {
    assert.deepEqual([NaN, Infinity, -Infinity, 0, 1.79e9].map(formatProtoTextFloat), ['nan', 'inf', '-inf', '0', '1.79e+09']);
  });

  it('converts floats to uint64 like Go on amd64 (wrap, truncation, 2^63 for what cannot be converted)', () => {
    const cases: [number, bigint][] = [
      [3, 3n],
      [2.7, 2n],
      [-0.5, 0n],
      [-1, 18446744073709551615n],
      [-2.5, 18446744073709551614n],
      [NaN, 9223372036854775808n],
      [Infinity, 9223372036854775808n],
      [-Infinity, 9223372036854775808n],
      [1e19, 10000000000000000000n],
      [2 ** 64, 9223372036854775808n],
      [-1e19, 9223372036854775808n],
      [-(2 ** 63), 9223372036854775808n],
    ];
    for (const [value, expected] of cases) {
      assert.equal(goFloatToUint64(value), expected, String(value));
    }
  });

  it('compares strings by their UTF-8 bytes, as Go does', () => {
    assert.ok(compareGoStrings('\uffff', '😀') < 0, 'U+FFFF (EF BF BF) sorts before U+1F600 (F0 ...)');
    assert.ok(compareGoStrings('😀', '\uffff') > 0);
    assert.ok(compareGoStrings('A', 'a') < 0);
    assert.ok(compareGoStrings('', 'a') < 0);
    assert.equal(compareGoStrings('é', 'é'), 0);
    const invalid = decodeExposition(Buffer.from([0x61, 0xff]));
    assert.ok(compareGoStrings(invalid, 'a\u00ff') > 0, 'a raw 0xFF byte sorts after the two-byte ÿ (C3 BF)');
  });

  it('writes invalid UTF-8 back as the original bytes', () => {
    const text = decodeExposition(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0xf0, 0x9f, 0x98, 0x80]));
    assert.deepEqual([...goStringBytes(text)], [0x63, 0x61, 0x66, 0xe9, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('encodes JSON strings like encoding/json (HTML-safe, invalid bytes as U+FFFD)', () => {
    assert.equal(goJsonString('plain ☃ text'), '"plain ☃ text"');
    assert.equal(goJsonString('<a href="x">&</a>'), '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
    assert.equal(goJsonString('tab\tnl\nbell\u0007\u2028'), '"tab\\tnl\\nbell\\u0007\\u2028"');
    assert.equal(goJsonString(decodeExposition(Buffer.from([0xff, 0xfe]))), '"\\ufffd\\ufffd"');
  });
});
