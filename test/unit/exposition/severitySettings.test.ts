import * as assert from 'node:assert/strict';
import { ALL_RULE_CODES, lintExposition } from '../../../src/core/exposition/lint';
import { parseRuleSeverities } from '../../../src/core/exposition/severitySettings';

const KNOWN = new Set(ALL_RULE_CODES);

describe('rule severity settings', () => {
  it('reads valid entries', () => {
    assert.deepEqual(parseRuleSeverities({ 'no-help': 'off', timestamp: 'warning' }, KNOWN), {
      severities: { 'no-help': 'off', timestamp: 'warning' },
      problems: [],
    });
  });

  it('reports unknown rules and bad severities, and keeps the rest', () => {
    const { severities, problems } = parseRuleSeverities({ 'no-such-rule': 'off', 'no-help': 'loud', 'missing-type': 'error' }, KNOWN);
    assert.deepEqual(severities, { 'missing-type': 'error' });
    assert.deepEqual(problems, ['pushgateway.lint.rules: there is no rule "no-such-rule"', 'pushgateway.lint.rules: "no-help" must be one of error, warning, info, hint, off, not "loud"']);
  });

  it('reports a setting that is not an object', () => {
    assert.equal(parseRuleSeverities(['no-help'], KNOWN).problems.length, 1);
    assert.deepEqual(parseRuleSeverities(undefined, KNOWN), { severities: {}, problems: [] });
  });

  it('is applied by the linter: off silences, another severity replaces the default', () => {
    const text = 'size_bytes 1 1700000000000\n';
    const codes = (severities: Record<string, 'off' | 'warning'>) => lintExposition(text, { severities }).diagnostics.map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(codes({}), ['no-help:warning', 'missing-type:info', 'timestamp:error']);
    assert.deepEqual(codes({ 'no-help': 'off', timestamp: 'warning' }), ['missing-type:info', 'timestamp:warning']);
  });
});
