// Small steps on the real VS Code workbench in a playwright page.
import type { Page } from 'playwright-core';

/**
 * Waits for the workbench, then opens `fileName` (at the workspace's top level) from the
 * Explorer. Quick Open would wait for the remote file search, which is ready much later.
 */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName });
  await row.first().click({ timeout: 60_000 });
  await page.locator(`.tab[data-resource-name="${fileName}"]`).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/**
 * Waits until the status bar names the editor's language: before that the editor neither closes
 * brackets nor indents, so typed text comes out differently.
 */
export async function waitForLanguage(page: Page, language: string): Promise<void> {
  await page.locator('#status\\.editor\\.mode', { hasText: language }).waitFor({ timeout: 60_000 });
}

/** Runs a command by its title through the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * The ghost text the editor shows on the cursor's line, with the rendered U+00A0 spaces turned
 * back. The editor renders it as one span per syntax token.
 */
export async function ghostText(page: Page): Promise<string> {
  const parts = await page.locator('.monaco-editor .ghost-text-decoration').allTextContents();
  return parts.join('').replace(/\u00a0/g, ' ');
}

/** Polls the ghost text until it contains `expected`; false after `timeoutMs`. */
export async function waitForGhostText(
  page: Page,
  expected: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await ghostText(page)).includes(expected)) return true;
    await page.waitForTimeout(100);
  }
  return false;
}
