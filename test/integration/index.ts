// The mocha entry inside the VS Code extension host (the payload's `extensionTestsPath`).
// Runs every compiled out/test/integration/**/*.test.js, writes the results JSON named by
// TOKENHUB_TEST_RESULTS and rejects when a test fails, which makes the host exit non-zero.
import { findFiles, runMocha } from '../runner/mocha';
import { writeResults } from '../runner/results';

/** Called by VS Code once the extension under development is loaded. */
export async function run(): Promise<void> {
  // This file is compiled to out/test/integration/index.js, next to the compiled tests.
  const files = findFiles(__dirname, '.test.js');
  const results = await runMocha(files, { timeout: 20_000, color: false });
  writeResults(results);
  if (results.total === 0) throw new Error('no integration tests ran');
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}
