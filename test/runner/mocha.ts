// mocha 11 through its programmatic API, shared by the plain-Node suites (unit, e2e) and by the
// integration suite inside the VS Code extension host.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import type { SuiteResults } from './results';

/** Options for one mocha run. */
export interface RunOptions {
  /** Per-test timeout in milliseconds. */
  timeout: number;
  /** Colour the spec reporter's output; off where output is not a terminal. */
  color: boolean;
}

/** Every file under `dir` (recursively) whose name ends with `suffix`, sorted. */
export function findFiles(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .map((name) => path.join(dir, name))
    .sort();
}

/** Runs `files` with the spec reporter and returns the counts and failures. */
export async function runMocha(files: string[], options: RunOptions): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', timeout: options.timeout, color: options.color });
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const failures: SuiteResults['failures'] = [];
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      const passed = stats?.passes ?? 0;
      const failed = stats?.failures ?? failures.length;
      const pending = stats?.pending ?? 0;
      resolve({ passed, failed, pending, total: passed + failed + pending, failures });
    });
    runner.on('fail', (test, error: Error) => {
      failures.push({ title: test.fullTitle(), error: error?.message ?? String(error) });
    });
  });
}
