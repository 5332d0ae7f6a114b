import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULE_CODES } from '../../src/core/exposition/lint';
import packageJson from '../../package.json';

const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

/** The first cell of every table row of the README, without backticks. */
function firstCells(): Set<string> {
  return new Set(
    README.split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|')[1].trim().replace(/`/g, '')),
  );
}

describe('README', () => {
  it('documents every diagnostic code in a table row', () => {
    const documented = firstCells();
    assert.deepEqual(
      ALL_RULE_CODES.filter((code) => !documented.has(code)),
      [],
    );
  });

  it('lists exactly the settings that package.json declares', () => {
    const declared = Object.keys(packageJson.contributes.configuration.properties).sort();
    const documented = [...firstCells()].filter((cell) => cell.startsWith('pushgateway.')).sort();
    assert.deepEqual(documented, declared);
  });
});
