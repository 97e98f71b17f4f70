// Small steps on the real VS Code workbench in a playwright page.
import * as fs from 'fs';
import type { Locator, Page } from 'playwright-core';

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

/**
 * Waits for the quick pick (or input box) titled `title`, e.g. one an extension opened, to be
 * shown and done fading in: a screenshot taken during the fade shows the editor through it.
 */
export async function waitForQuickInput(page: Page, title: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  await page.locator('.quick-input-widget').evaluate((widget) =>
    Promise.all(
      // A cancelled animation rejects `finished`; it is over all the same.
      widget.getAnimations().map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** The rows the open quick pick lists (label and description each), with U+00A0 turned back. */
export async function quickPickRows(page: Page): Promise<string[]> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor();
  return (await rows.allTextContents()).map((row) => row.replace(/\u00a0/g, ' '));
}

/**
 * Saves the active editor (Ctrl+S) and polls `file` on disk until it contains `expected` or
 * `timeoutMs` passes; returns the file's last text. The saved file is the exact text, where the
 * rendered editor shows only the visible lines.
 */
export async function saveAndWaitForText(
  page: Page,
  file: string,
  expected: string,
  timeoutMs = 10_000,
): Promise<string> {
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes(expected) || Date.now() > deadline) return text;
    await page.waitForTimeout(100);
  }
}

/**
 * Opens the notification center (the bell in the status bar) and waits for the notification
 * that contains `text`. The smoke-test driver that loads the extension also turns notification
 * toasts off, so the center is the one place a notification shows.
 */
export async function showNotification(page: Page, text: string): Promise<Locator> {
  await page.locator('#status\\.notifications').click();
  // Off the bell to an empty spot of the title bar: the bell's hover would cover the notification.
  await page.mouse.move(200, 15);
  const notification = page.locator('.notifications-center .notification-list-item', {
    hasText: text,
  });
  await notification.waitFor();
  return notification;
}
