import * as fs from 'node:fs';

/** What the in-host suite writes to the file named by PGW_HOST_RESULTS, and the runners read. */
export interface HostTestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'skipped';
  readonly durationMs?: number;
  readonly error?: string;
}

export interface HostResults {
  readonly tests: HostTestResult[];
  readonly finished: boolean;
}

export const RESULTS_ENV = 'PGW_HOST_RESULTS';

export function readResults(file: string): HostResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as HostResults;
  } catch {
    return undefined;
  }
}

/**
 * Prints one line per test, the failures in full, and the closing `N passed, N failed` line.
 * Returns the number of failures, counting a run that did not finish as one.
 */
export function reportResults(results: HostResults | undefined, problem?: string): number {
  const tests = results?.tests ?? [];
  for (const test of tests) {
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
    const duration = test.durationMs !== undefined ? ` (${test.durationMs} ms)` : '';
    console.log(`  ${mark} ${test.title}${test.state === 'skipped' ? ' (skipped)' : duration}`);
  }
  for (const test of tests.filter((t) => t.state === 'failed')) {
    console.log(`\nFAILED: ${test.title}\n${test.error ?? ''}`);
  }
  let failed = tests.filter((t) => t.state === 'failed').length;
  const passed = tests.filter((t) => t.state === 'passed').length;
  const skipped = tests.filter((t) => t.state === 'skipped').length;
  if (problem || !results?.finished) {
    console.log(`\nHost suite did not finish: ${problem ?? 'no complete results were written'}`);
    failed += 1;
  } else if (tests.length === 0) {
    console.log('\nHost suite ran no test.');
    failed += 1;
  }
  console.log(`\nhost: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed;
}
