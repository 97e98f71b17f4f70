// End to end: the status bar item opens the extension's menu, the quick pick that gathers what
// a user adjusts while working.
import * as assert from 'assert';
import { saveScreenshot } from './screenshots';
import { useSession } from './session';
import { stopwatch } from './stopwatch';
import { openFile, quickPickRows, waitForLanguage, waitForQuickInput } from './workbench';

/** Entries the menu offers whatever the state (automatic completions are on in this run). */
const entries = [
  'Turn automatic completions off',
  'Select Model…',
  'Set API Key…',
  'Show Usage and Stats',
  'Open Log',
];

describe('status menu in the real workbench', () => {
  const session = useSession();

  it('opens from the status bar item and lists the settings and commands', async () => {
    const { page } = session();
    const step = stopwatch();
    // With a TypeScript editor open the menu also offers the per-language switch.
    await openFile(page, 'sample.ts');
    await waitForLanguage(page, 'TypeScript');
    step('sample.ts open');

    await page.locator('.statusbar-item', { hasText: 'TokenHub' }).first().click();
    await waitForQuickInput(page, 'TokenHub Inline');
    const rows = await quickPickRows(page);
    for (const entry of [...entries, 'Turn off for typescript']) {
      assert.ok(
        rows.some((row) => row.includes(entry)),
        `no "${entry}" in the menu:\n${rows.join('\n')}`,
      );
    }
    step('menu open');
    await saveScreenshot(page, 'status-menu');

    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });
});
