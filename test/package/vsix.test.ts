// The package a user installs: `npm run package` writes tokenhub-inline.vsix, code-server
// installs it with `--install-extension` exactly as a user would, and the extension activates in
// the workbench from the installed copy (no development payload, no repository files).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../runner/browser';
import { CodeServer } from '../runner/codeServer';
import { artifactsDir, extensionId, repoRoot } from '../runner/paths';

/** What `npm run package` writes (its --out in package.json). */
const vsix = path.join(repoRoot, 'tokenhub-inline.vsix');

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  icon: string;
};

describe('the packaged .vsix', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  /** The folder code-server unpacked the package into. */
  let installed = '';
  let failed = false;

  before(() => {
    fs.rmSync(vsix, { force: true });
    const result = spawnSync('npm', ['run', '--silent', 'package'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.strictEqual(
      result.status,
      0,
      `npm run package failed:\n${result.stdout}${result.stderr}`,
    );
    assert.ok(fs.existsSync(vsix), 'npm run package wrote no tokenhub-inline.vsix');
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async () => {
    await browser?.close();
    if (server && failed) server.saveLogs(path.join(artifactsDir, 'package-logs'));
    await server?.stop();
  });

  it('installs into code-server with --install-extension', async () => {
    server = await CodeServer.start({ install: [vsix] });
    installed = path.join(server.extensionsDir, `${extensionId}-${manifest.version}`);
    assert.ok(fs.existsSync(path.join(installed, 'package.json')), `nothing in ${installed}`);
  });

  it('holds the bundle, the icon and the README (vsce names it readme.md), and none of the sources', () => {
    assert.ok(installed, 'not installed');
    for (const file of ['dist/extension.js', manifest.icon, 'readme.md']) {
      assert.ok(fs.existsSync(path.join(installed, file)), `the package lacks ${file}`);
    }
    for (const folder of ['src', 'test', 'bench', 'node_modules', 'out']) {
      assert.ok(!fs.existsSync(path.join(installed, folder)), `the package ships ${folder}/`);
    }
  });

  it('activates in the workbench from the installed copy', async () => {
    assert.ok(server, 'code-server did not start');
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(server.workspaceUrl());
    // The extension host starts once a workbench connects; activation is onStartupFinished.
    await server.waitForActivation(extensionId, 150_000);
    // activate() built the status item: the installed bundle runs, not just loads.
    await page.locator('.statusbar-item', { hasText: 'TokenHub' }).first().waitFor();
  });
});
