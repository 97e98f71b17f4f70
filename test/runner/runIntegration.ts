// Runs the integration suite inside a real VS Code extension host:
// `node out/test/runner/runIntegration.js`. Starts code-server, opens the workbench in chromium
// with a payload that loads the extension and out/test/integration/index, streams the host's
// console to stdout and fails on a non-zero exit, a failed test, no result, zero tests or a
// timeout. Writes the verdict to the results file named by TOKENHUB_TEST_RESULTS, if set.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { launchBrowser } from './browser';
import { CodeServer } from './codeServer';
import { artifactsDir, repoRoot } from './paths';
import { crashed, readResults, resultsEnv, type SuiteResults, writeResults } from './results';

const timeoutMs = 5 * 60_000;
const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index');

/** Runs the suite once; resolves with the host's results and exit code (undefined: timeout). */
async function runInHost(): Promise<{ results?: SuiteResults; exitCode?: number }> {
  // The test index in the host writes here (env vars on code-server reach the extension host).
  const hostResults = path.join(os.tmpdir(), `tokenhub-integration-${process.pid}.json`);
  const server = await CodeServer.start({ env: { [resultsEnv]: hostResults } });
  const browser = await launchBrowser();
  let exitCode: number | undefined;
  let results: SuiteResults | undefined;
  try {
    const page = await browser.newPage();
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    // Both must exist before the workbench loads: it looks them up once, at start.
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      console.log(util.format(...args));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    await page.goto(server.payloadUrl({ extensionTestsPath: testsIndex }));
    exitCode = await withTimeout(exited, timeoutMs);
  } finally {
    await browser.close();
    results = readResults(hostResults);
    fs.rmSync(hostResults, { force: true });
    if (exitCode !== 0 || !results || results.failed > 0) {
      server.saveLogs(path.join(artifactsDir, 'integration-logs'));
    }
    await server.stop();
  }
  return { ...(results && { results }), ...(exitCode !== undefined && { exitCode }) };
}

/** The suite's results, turned into a failure when the host's exit code or counts say so. */
function verdict(results: SuiteResults | undefined, exitCode: number | undefined): SuiteResults {
  if (exitCode === undefined) return crashed('integration', `no exit after ${timeoutMs} ms`);
  if (!results) return crashed('integration', `the host exited with ${exitCode} and no results`);
  if (results.total === 0) return crashed('integration', 'the suite holds no test');
  if (exitCode !== 0 && results.failed === 0) {
    const failures = [{ title: 'integration', error: `the host exited with ${exitCode}` }];
    return { ...results, failed: 1, failures };
  }
  return results;
}

/** `promise`'s value, or undefined when it takes longer than `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let expire: (value: undefined) => void = () => undefined;
  const timeout = new Promise<undefined>((resolve) => (expire = resolve));
  const timer = setTimeout(() => expire(undefined), ms);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

runInHost()
  .then(({ results, exitCode }) => verdict(results, exitCode))
  .catch((error: unknown) => {
    console.error(error);
    return crashed('integration runner', String(error));
  })
  .then((results) => {
    writeResults(results);
    for (const failure of results.failures) {
      console.log(`  failed: ${failure.title}: ${failure.error}`);
    }
    console.log(`integration: ${results.passed} passed, ${results.failed} failed`);
    process.exit(results.failed > 0 ? 1 : 0);
  });
