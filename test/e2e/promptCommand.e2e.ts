// End to end: "TokenHub: Complete from Prompt…" from the command palette asks for an
// instruction and streams the server's answer into the editor under a progress notification.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { RecordedRequest, Reply } from '../support/server';
import { splitText } from '../support/server';
import { saveScreenshot } from './screenshots';
import { useSession } from './session';
import { stopwatch } from './stopwatch';
import {
  openFile,
  runCommand,
  saveAndWaitForText,
  showNotification,
  waitForLanguage,
  waitForQuickInput,
} from './workbench';

const fileName = 'shapes.ts';
const fileText =
  "// Shapes made of sample.ts's points.\nimport type { Point } from './sample';\n\n";
const instruction = 'the centroid of a list of points';
/** The answer in two parts: the server holds the stream between them for the screenshot. */
const firstPart = [
  'export function centroid(points: Point[]): Point {',
  '  let x = 0;',
  '  let y = 0;',
  '  for (const point of points) {',
  '    x += point.x;',
  '    y += point.y;',
  '',
].join('\n');
const secondPart = [
  '  }',
  '  return { x: x / points.length, y: y / points.length };',
  '}',
  '',
].join('\n');
const answer = firstPart + secondPart;
const firstChunks = splitText(firstPart);
const chunks = [...firstChunks, ...splitText(secondPart)];
/**
 * The reply: a piece every 40 ms, so the text visibly streams, and an 8 s hold after the first
 * part, so the screenshot is taken mid-stream even on a busy 2-core machine, where showing the
 * text and taking the picture took over 3 s. The session raises the extension's limit on a
 * silent stream (tokenhub.inline.idleTimeoutMs) above the hold.
 */
const streamed: Reply = {
  chunks,
  tokenDelayMs: 40,
  scenario: { stall: { afterTextEvents: firstChunks.length, ms: 8_000 } },
};

/** The prompt command's request: the only one whose prompt holds the instruction. */
function isPromptRequest(request: RecordedRequest): boolean {
  const prompt: unknown = request.body?.prompt;
  return typeof prompt === 'string' && prompt.includes(instruction);
}

describe('prompt command in the real workbench', () => {
  const session = useSession();

  it('streams the answer into the editor under a progress notification', async () => {
    const { endpoint, server, page } = session();
    const step = stopwatch();
    // Ghost text asked for while the answer arrives gets nothing, so the picture shows only it.
    endpoint.reply((request) => (isPromptRequest(request) ? streamed : { text: '' }));
    const file = path.join(server.workspace, fileName);
    fs.writeFileSync(file, fileText);
    await openFile(page, fileName);
    await waitForLanguage(page, 'TypeScript');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    step(`${fileName} open`);

    await runCommand(page, 'TokenHub: Complete from Prompt…');
    await waitForQuickInput(page, 'TokenHub: Complete from Prompt');
    await page.locator('.quick-input-widget input').fill(instruction);
    await page.keyboard.press('Enter');
    step('instruction sent');

    const notification = await showNotification(page, 'TokenHub: writing');
    await page.locator('.monaco-editor .view-lines', { hasText: 'point.y;' }).waitFor();
    await saveScreenshot(page, 'prompt-command');
    const request = endpoint.requests.find(isPromptRequest);
    assert.ok(request, 'the server saw no request with the instruction');
    // Read right after the picture, so both held while it was taken.
    const sentAfterScreenshot = request.eventsSent;
    const notificationUp = await notification.isVisible();
    step('screenshot');

    // The stream ends before any assertion: a failure here must not leave it writing into the
    // next test's editors.
    await notification.waitFor({ state: 'hidden', timeout: 30_000 });
    // The center closes itself once empty; TypeScript's own progress can keep it open.
    await page.keyboard.press('Escape');
    assert.ok(notificationUp, 'no progress notification during the stream');
    assert.ok(
      sentAfterScreenshot <= firstChunks.length,
      'the screenshot shows the whole answer, not the stream in progress',
    );
    assert.strictEqual(request.eventsSent, chunks.length);
    assert.ok(!request.aborted, 'the extension aborted the stream');
    const saved = await saveAndWaitForText(page, file, answer);
    assert.strictEqual(saved, fileText + answer);
    step('answer complete and saved');
  });
});
