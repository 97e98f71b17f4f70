// The results every suite (unit, integration, e2e) reports, written as JSON to the file named by
// TOKENHUB_TEST_RESULTS so scripts/test.js can add them up.
import * as fs from 'fs';

/** Outcome of one suite run. */
export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  total: number;
  failures: { title: string; error: string }[];
}

/** The environment variable that names the JSON results file. */
export const resultsEnv = 'TOKENHUB_TEST_RESULTS';

/** Writes `results` to the file named by TOKENHUB_TEST_RESULTS, if it is set. */
export function writeResults(results: SuiteResults): void {
  const file = process.env[resultsEnv];
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
}

/** Reads a results file; undefined when it is missing or unreadable. */
export function readResults(file: string): SuiteResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
  } catch {
    return undefined;
  }
}

/** A one-test failure for a suite that could not report results of its own. */
export function crashed(title: string, error: string): SuiteResults {
  return { passed: 0, failed: 1, pending: 0, total: 1, failures: [{ title, error }] };
}
