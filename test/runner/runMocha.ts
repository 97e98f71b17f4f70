// Runs a plain-Node mocha suite: `node out/test/runner/runMocha.js unit|e2e|package`.
// Prints mocha's spec output and `N passed, N failed`, writes the results JSON named by
// TOKENHUB_TEST_RESULTS, and exits non-zero on a failure or when the suite holds no test.
import * as fs from 'fs';
import * as path from 'path';
import { findFiles, runMocha } from './mocha';
import { repoRoot } from './paths';
import { crashed, type SuiteResults, writeResults } from './results';

/** The timeout in .mocharc.json, which `npx mocha` reads; mocha's API does not. */
function mocharcTimeout(): number | undefined {
  const file = path.join(repoRoot, '.mocharc.json');
  if (!fs.existsSync(file)) return undefined;
  const timeout: unknown = JSON.parse(fs.readFileSync(file, 'utf8')).timeout;
  return typeof timeout === 'number' ? timeout : undefined;
}

/** What each suite runs: compiled files under out/test/<suite>/ and a per-test timeout. */
const suites: Record<string, { suffix: string; timeout: number }> = {
  unit: { suffix: '.test.js', timeout: mocharcTimeout() ?? 10_000 },
  // One e2e test starts code-server and a browser; the first start of the workbench is slow.
  e2e: { suffix: '.e2e.js', timeout: 180_000 },
  // Packaging runs the production build and vsce; activation starts code-server and a browser.
  package: { suffix: '.test.js', timeout: 180_000 },
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const suite = suites[name];
  if (!suite) throw new Error(`usage: runMocha.js ${Object.keys(suites).join('|')}`);
  const files = findFiles(path.join(repoRoot, 'out', 'test', name), suite.suffix);
  let results: SuiteResults;
  if (files.length === 0) {
    results = crashed(`${name} suite`, `no out/test/${name}/**/*${suite.suffix} files`);
  } else {
    results = await runMocha(files, { timeout: suite.timeout, color: process.stdout.isTTY });
    if (results.total === 0) results = crashed(`${name} suite`, 'the suite holds no test');
  }
  writeResults(results);
  console.log(`${name}: ${results.passed} passed, ${results.failed} failed`);
  // Exit explicitly (like mocha's --exit): a handle a test forgot to close must not hang the run.
  process.exit(results.failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  writeResults(crashed('runMocha', String(error)));
  console.error(error);
  process.exit(1);
});
