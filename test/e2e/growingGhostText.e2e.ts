// End to end: ghost text that grows while its stream runs, watched frame by frame in the real
// workbench. The extension asks VS Code again when more words have settled (hiding the
// suggestion and fetching it at once, src/inline/ghostTextRefresh.ts): what the user sees must
// only grow from the same start. The frames where it is blank between two steps (one round
// trip to the extension host per step) are measured and printed, not asserted: their number
// depends on the machine's load.
import * as assert from 'assert';
import { useSession } from './session';
import { stopwatch } from './stopwatch';
import { openFile, waitForLanguage } from './workbench';

const words = 'alpha beta gamma delta epsilon zeta eta theta;';
const tokenDelayMs = 120;

describe('growing ghost text in the real workbench', () => {
  const session = useSession();

  it('grows in steps from the same start to the whole answer, with one request', async () => {
    const { endpoint, page } = session();
    const step = stopwatch();
    endpoint.reply({ text: words, tokenDelayMs });
    await openFile(page, 'sample.ts');
    await waitForLanguage(page, 'TypeScript');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('const words = ');
    step('typed');

    // Every animation frame until the stream has ended and settled on screen.
    const streamMs = (words.length / 4 + 2) * tokenDelayMs + 1500;
    const frames = await page.evaluate(
      (ms) =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const end = performance.now() + ms;
          const frame = () => {
            const parts = document.querySelectorAll('.monaco-editor .ghost-text-decoration');
            seen.push(
              Array.from(parts, (part) => part.textContent ?? '')
                .join('')
                .replace(/\u00a0/g, ' '),
            );
            if (performance.now() < end) requestAnimationFrame(frame);
            else resolve(seen);
          };
          requestAnimationFrame(frame);
        }),
      streamMs,
    );
    step(`${frames.length} frames watched`);

    const first = frames.findIndex((text) => text !== '');
    assert.ok(first !== -1, 'ghost text appeared');
    const shown = frames.slice(first);
    const distinct = shown.filter((text, i) => text !== '' && text !== shown[i - 1]);
    const blank = shown.filter((text) => text === '').length;
    step(`${distinct.length} steps, blank in ${blank} of ${shown.length} frames between them`);
    for (let i = 1; i < distinct.length; i++) {
      const [before, after] = [distinct[i - 1] ?? '', distinct[i] ?? ''];
      assert.ok(
        after.startsWith(before),
        `grew from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
      );
    }
    assert.ok(distinct.length >= 3, `grew in steps while streaming: ${JSON.stringify(distinct)}`);
    assert.equal(distinct[distinct.length - 1], words, 'and ended whole');
    assert.equal(endpoint.requests.length, 1, 'one request, however often it grew');
  });
});
