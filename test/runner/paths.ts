// Where the harness finds the repository, its build output and the tools from
// scripts/install-tools.sh.
import * as fs from 'fs';
import * as path from 'path';

/** The nearest folder above `dir` that holds esbuild.js: compiled files live deep in out/. */
function findRoot(dir: string): string {
  if (fs.existsSync(path.join(dir, 'esbuild.js'))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no esbuild.js above ${__dirname}`);
  return findRoot(parent);
}

/** The repository root (also the extension's development path). */
export const repoRoot = findRoot(__dirname);

/** The extension under test, as `<publisher>.<name>`. */
export const extensionId = 'tokenhub.tokenhub-inline';

/** Node 24 from scripts/install-tools.sh; code-server needs it to run. */
export const node24 = path.join(repoRoot, '.tools', 'node24', 'bin', 'node');

/** code-server's entry script from scripts/install-tools.sh. */
export const codeServerEntry = path.join(
  repoRoot,
  '.tools',
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

/** The fixture workspace; each run works on a fresh copy of it. */
export const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');

/** Screenshots and other leftovers worth looking at after a run (git-ignored). */
export const artifactsDir = path.join(repoRoot, '.test-artifacts');

/** Debian's chromium; playwright-core drives it (never download a browser). */
export const chromiumPath = '/usr/bin/chromium';
