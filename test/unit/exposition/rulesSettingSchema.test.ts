import * as assert from 'node:assert/strict';
import packageJson from '../../../package.json';
import { DOCUMENT_CODES, PARSE_PROBLEM_CODES, RULE_CODES, SHELL_CODES, TRAP_CODES } from '../../../src/core/exposition/codes';
import { ALL_RULES } from '../../../src/core/exposition/lint';
import { lintRulesSettingSchema } from '../../../src/core/exposition/rulesSettingSchema';

interface PropertySchema {
  readonly enum: readonly string[];
  readonly default?: string;
}

const declared = packageJson.contributes.configuration.properties['pushgateway.lint.rules'] as unknown as { properties: Record<string, PropertySchema> };

describe('the schema of pushgateway.lint.rules', () => {
  it('is in package.json as generated from the code table (regenerate: node esbuild.js --tests && node out/scripts/writeLintRulesSchema.js)', () => {
    assert.deepEqual(declared, lintRulesSettingSchema());
  });

  it('has every code of codes.ts as a property, offering every severity and off', () => {
    const codes = [...new Set([...PARSE_PROBLEM_CODES, ...DOCUMENT_CODES, ...SHELL_CODES, ...RULE_CODES, ...TRAP_CODES])];
    assert.deepEqual(Object.keys(declared.properties).sort(), codes.sort());
    for (const code of codes) {
      assert.deepEqual(declared.properties[code].enum, ['error', 'warning', 'info', 'hint', 'off'], code);
    }
  });

  it('gives each code the severity it has without the setting', () => {
    const dependsOnTarget = new Set(['negative-count']);
    for (const rule of ALL_RULES.filter((rule) => !dependsOnTarget.has(rule.code))) {
      assert.equal(declared.properties[rule.code].default, rule.defaultSeverity, rule.code);
    }
    for (const code of [...PARSE_PROBLEM_CODES, 'byte-order-mark', 'push-url'].filter((code) => !dependsOnTarget.has(code))) {
      assert.equal(declared.properties[code].default, 'error', code);
    }
    assert.equal(declared.properties['honor-labels'].default, 'warning');
    assert.equal(declared.properties['crlf-line-endings'].default, undefined, 'CRLF is an error or a warning, by the lines');
    assert.equal(declared.properties['negative-count'].default, undefined, 'a negative histogram count is refused by 1.11 (a parse error), only a warning with 1.5');
  });
});
