import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { HostTestResult, RESULTS_ENV } from '../results';

/**
 * Entry point that VS Code calls inside the extension host (`extensionTestsPath`). Runs every
 * `*.test.js` beside this file, in name order, and writes the results where the runner asked.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false });
  const testFiles = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const file of testFiles) {
    mocha.addFile(path.join(__dirname, file));
  }
  const resultsFile = process.env[RESULTS_ENV];
  const tests: HostTestResult[] = [];
  const save = (finished: boolean) => {
    if (resultsFile) {
      fs.writeFileSync(resultsFile, JSON.stringify({ tests, finished }, null, 2));
    }
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      save(true);
      if (failures > 0) {
        reject(new Error(`${failures} host test(s) failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', (test) => {
      tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      save(false);
    });
    runner.on('fail', (test, error: Error) => {
      tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) });
      save(false);
    });
    runner.on('pending', (test) => {
      tests.push({ title: test.fullTitle(), state: 'skipped' });
      save(false);
    });
  });
}
