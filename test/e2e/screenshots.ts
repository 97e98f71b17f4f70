// Screenshots of the real workbench. Each lands in .test-artifacts/ for a look after any run; with
// TOKENHUB_UPDATE_SCREENSHOTS=1 it also replaces the committed copy in docs/images/ that the
// README shows, so the README's pictures are always ones a passing test took.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { artifactsDir, repoRoot } from '../runner/paths';

/** Set to 1 to rewrite docs/images/*.png. */
const updateScreenshotsEnv = 'TOKENHUB_UPDATE_SCREENSHOTS';

const docsImages = path.join(repoRoot, 'docs', 'images');

/**
 * Saves the page as `.test-artifacts/e2e-<name>.png` and, when asked to, as
 * `docs/images/<name>.png`. Takes one picture for both so they never differ.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot();
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, `e2e-${name}.png`), png);
  if (process.env[updateScreenshotsEnv] === '1') {
    fs.mkdirSync(docsImages, { recursive: true });
    fs.writeFileSync(path.join(docsImages, `${name}.png`), png);
  }
}
