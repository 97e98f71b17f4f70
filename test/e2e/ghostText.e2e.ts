// End to end: a real browser on the real workbench with the extension loaded, talking to the
// project's test server. Type in a TypeScript file, see the server's text as ghost text, accept
// it with Tab and find it in the saved file.
import * as assert from 'assert';
import * as path from 'path';
import { saveScreenshot } from './screenshots';
import { apiKey, useSession } from './session';
import { stopwatch } from './stopwatch';
import {
  openFile,
  runCommand,
  saveAndWaitForText,
  waitForGhostText,
  waitForLanguage,
} from './workbench';

const completion = 'a + b;';

describe('ghost text in the real workbench', () => {
  const session = useSession();

  it('shows the completion as ghost text and Tab inserts it', async () => {
    const { endpoint, server, page } = session();
    const step = stopwatch();
    endpoint.reply({ text: completion });
    await openFile(page, 'sample.ts');
    await waitForLanguage(page, 'TypeScript');
    step('sample.ts open');

    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    // The editor closes brackets and indents on its own: type only what a person would.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('function add(a: number, b: number) {');
    await page.keyboard.press('Enter');
    await page.keyboard.type('return ');
    step('typed');

    let shown = await waitForGhostText(page, completion, 5_000);
    if (!shown) {
      // Automatic ghost text can miss (a widget in the way, typing that raced the extension's
      // start): close any widget and ask explicitly, as a user would with Alt+\.
      step('no ghost text yet; Escape and Trigger Inline Suggestion');
      await page.keyboard.press('Escape');
      await runCommand(page, 'Trigger Inline Suggestion');
      shown = await waitForGhostText(page, completion, 10_000);
    }
    assert.ok(
      shown,
      `no ghost text "${completion}" (server saw ${endpoint.requests.length} requests)`,
    );
    step('ghost text shown');
    // The fixture workspace's .vscode/settings.json names another key and endpoint: ignored.
    const keys = new Set(endpoint.requests.map((request) => request.headers.authorization));
    assert.deepStrictEqual([...keys], [`Bearer ${apiKey}`]);
    await saveScreenshot(page, 'ghost-text');

    await page.keyboard.press('Tab');
    const file = path.join(server.workspace, 'sample.ts');
    const expected = `return ${completion}`;
    const saved = await saveAndWaitForText(page, file, expected);
    assert.ok(saved.includes(expected), `saved file lacks the accepted completion:\n${saved}`);
    step('accepted and saved');
  });
});
