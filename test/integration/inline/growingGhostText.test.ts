import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { splitText } from '../../support/server';
import { waitUntil } from '../../support/wait';
import { commitUntil, openAtCursor, sleep, type } from '../editor';
import { useTestEndpoint } from '../endpoint';

/** Streamed 150 ms per ~4-character piece: 'alph', 'a be', 'ta g', 'amma', ' del', … */
const words = 'alpha beta gamma delta epsilon zeta eta;';
const tokenDelayMs = 150;

describe('ghost text that grows while its stream runs, in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ 'inline.maxTokens': 48 });

  it('shows the first words before the stream ends, and more of them with no keystroke', async () => {
    endpoint.server.reply({ text: words, tokenDelayMs });
    const editor = await openAtCursor('const words =█');
    await type(' ');
    await endpoint.server.waitForRequests(1);
    const request = endpoint.server.requests[0];
    assert.ok(request);
    // " del" (the 5th piece) settles "gamma"; nobody types after the first keystroke, so only
    // the extension's own refreshes can have brought it to the screen.
    await waitUntil(() => request.eventsSent >= 6, 'six pieces streamed', 10_000);
    // Retried: each step of growth blanks the suggestion for a round trip to the host.
    await commitUntil(editor, 'const words = alpha beta gamma', 2000);
    assert.ok(
      !request.aborted && request.eventsSent < splitText(words).length,
      'the server was still streaming when the ghost text was accepted',
    );
    const line = editor.document.lineAt(0).text;
    assert.ok(!line.includes('eta;'), 'and only to them: the stream had not ended');
    assert.equal(endpoint.server.requests.length, 1, 'growing it asked the server nothing new');
  });

  it('grows to the whole answer when the stream ends, with no keystroke', async () => {
    endpoint.server.reply({ text: words, tokenDelayMs: 40 });
    // Each test types at its own spot: the engine's cache and in-flight request are shared.
    const editor = await openAtCursor('const all =█');
    await type(' ');
    await endpoint.server.waitForRequests(1);
    const request = endpoint.server.requests[0];
    assert.ok(request);
    await waitUntil(
      () => request.eventsSent === splitText(words).length,
      'the whole stream',
      10_000,
    );
    await sleep(500);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    assert.equal(editor.document.lineAt(0).text, `const all = ${words}`);
  });

  for (const fault of ['cut', 'reset'] as const) {
    it(`shows nothing once a stream breaks off (${fault})`, async () => {
      // Four pieces settle "alpha beta" on screen; then the stream breaks off.
      endpoint.server.reply({
        text: words,
        tokenDelayMs,
        scenario: { fault: { kind: fault, afterTextEvents: 4 } },
      });
      const editor = await openAtCursor(`const ${fault} =█`);
      await type(' ');
      await endpoint.server.waitForRequests(1);
      const request = endpoint.server.requests[0];
      assert.ok(request);
      await waitUntil(() => request.eventsSent >= 4, 'four pieces streamed', 10_000);
      // The break reaches the client, the extension asks VS Code again, the answer is nothing.
      await sleep(tokenDelayMs + 600);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      await sleep(100);
      assert.equal(
        editor.document.getText(),
        `const ${fault} = `,
        'no ghost text is left of a stream that broke off',
      );
      assert.equal(endpoint.server.requests.length, 1, 'and it was not asked again');
    });
  }
});
