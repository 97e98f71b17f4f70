// The project's test command (`npm test`). Prints `N passed, N failed` as its last line and
// exits non-zero on any failure.
//   node scripts/test.js                 tools, typecheck, lint, build, then every suite
//   node scripts/test.js <suite>         build, then that suite only:
//     unit          src/core in plain Node
//     integration   mocha inside the real VS Code extension host (code-server)
//     e2e           the real workbench in headless chromium
//     package       the packaged .vsix installed into code-server with --install-extension
// A failed check (typecheck, lint, build, tools) counts as one failure in the sum, so a failing
// run never ends with "0 failed". Each suite writes its counts as JSON to the file named by
// TOKENHUB_TEST_RESULTS (see test/runner/results.ts).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const suites = ['unit', 'integration', 'e2e', 'package'];

/** Runs a command in the repository with inherited output; true when it exits with 0. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

/** Prints a banner, runs `body`, prints how long it took; returns what `body` returned. */
function step(title, body) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const value = body();
  console.log(`=== ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

/** Runs one suite's runner and reads its results; a runner without results counts as 1 failed. */
function runSuite(name) {
  const file = path.join(os.tmpdir(), `tokenhub-${name}-${process.pid}.json`);
  fs.rmSync(file, { force: true });
  const runner = name === 'integration' ? 'runIntegration.js' : 'runMocha.js';
  const ok = run(process.execPath, [path.join('out', 'test', 'runner', runner), name], {
    TOKENHUB_TEST_RESULTS: file,
  });
  let results;
  try {
    results = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    results = { passed: 0, failed: 1 };
  } finally {
    fs.rmSync(file, { force: true });
  }
  if (!ok && results.failed === 0) results.failed = 1;
  return results;
}

function main() {
  const only = process.argv[2];
  if (only !== undefined && !suites.includes(only)) {
    console.error(`usage: node scripts/test.js [${suites.join('|')}]`);
    return 2;
  }
  const selected = only ? [only] : suites;
  const totals = { passed: 0, failed: 0 };
  const failedChecks = [];
  const check = (title, command, args) => {
    if (!step(title, () => run(command, args))) failedChecks.push(title);
  };

  // Tools first: quick when they are there; otherwise it installs them (and Debian's chromium
  // and build packages, see scripts/system-packages.sh), or stops a machine that cannot install
  // them within seconds, with the command to run, rather than after lint and the unit tests.
  const needsTools = selected.some((name) => name !== 'unit');
  if (needsTools) {
    check('install tools', 'bash', [path.join('scripts', 'install-tools.sh'), '--browser']);
    if (failedChecks.length > 0) {
      console.log('\n=== summary\ninstall tools: FAILED');
      console.log('0 passed, 1 failed');
      return 1;
    }
  }
  if (!only) {
    check('typecheck', process.execPath, [
      require.resolve('typescript/bin/tsc'),
      '--noEmit',
      '-p',
      '.',
    ]);
    check('lint', 'npm', ['run', '--silent', 'lint']);
  }
  check('build extension', process.execPath, ['esbuild.js']);
  check('build tests', process.execPath, ['esbuild.js', '--tests']);
  const built = !failedChecks.some((title) => title.startsWith('build'));

  const lines = [];
  for (const name of selected) {
    if (!built) {
      lines.push(`${name}: not run`);
      continue;
    }
    const results = step(`${name} tests`, () => runSuite(name));
    totals.passed += results.passed;
    totals.failed += results.failed;
    lines.push(`${name}: ${results.passed} passed, ${results.failed} failed`);
  }
  totals.failed += failedChecks.length;

  console.log('\n=== summary');
  for (const title of failedChecks) console.log(`${title}: FAILED`);
  for (const line of lines) console.log(line);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed > 0 ? 1 : 0;
}

process.exitCode = main();
