import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitUntil } from '../../support/wait';
import { commitUntil, openAtCursor, setUserSettings, sleep, type } from '../editor';
import { useTestEndpoint } from '../endpoint';

describe('a failing endpoint in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ apiKey: 'rejected-key-123', model: 'test-model' });
  let errorMessages: string[] = [];
  const realShowErrorMessage = vscode.window.showErrorMessage;

  before(() => {
    // Tests and the extension under development share one `vscode` API object, so this sees
    // the notifications the extension raises (and keeps them from piling up on screen).
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string) => {
      errorMessages.push(message);
      return Promise.resolve(undefined);
    };
  });

  beforeEach(() => {
    errorMessages = [];
  });

  after(() => {
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = realShowErrorMessage;
  });

  it('says a rejected key once and stops asking until the key changes', async () => {
    endpoint.server.reply({ status: 401, body: '{"error":{"message":"Invalid API key"}}' });
    await openAtCursor('let value = █');
    for (const character of 'abcdef') {
      await type(character);
      await sleep(150);
    }
    await sleep(200);
    assert.equal(endpoint.server.requests.length, 1, 'a rejected key is not sent again and again');
    assert.equal(errorMessages.length, 1, `notifications: ${JSON.stringify(errorMessages)}`);
    assert.match(errorMessages[0] ?? '', /127\.0\.0\.1:\d+ rejected the API key/);
    assert.match(errorMessages[0] ?? '', /Invalid API key/);
    assert.ok(!errorMessages[0]?.includes('rejected-key-123'));

    endpoint.server.reply({ text: ' + 1;' });
    await setUserSettings({ apiKey: 'better-key-456' });
    await type('g');
    await waitUntil(() => endpoint.server.requests.length === 2, 'a request with the new key');
    assert.equal(endpoint.server.requests[1]?.headers.authorization, 'Bearer better-key-456');
  });

  it('sends nothing automatically before a 429’s Retry-After, then resumes by itself', async () => {
    endpoint.server.reply({
      status: 429,
      headers: { 'retry-after-ms': '1500', 'content-type': 'application/json' },
      body: '{"error":{"message":"Rate limit reached"}}',
    });
    const editor = await openAtCursor('const rate = █');
    await type('1');
    await endpoint.server.waitForRequests(1);
    endpoint.server.reply({ text: ' * factor;' });
    await type(' +');
    await sleep(300);
    assert.equal(endpoint.server.requests.length, 1, 'no request while backing off');
    assert.equal(errorMessages.length, 0, 'a rate limit is shown in the status bar only');

    await sleep(1300);
    await type(' 2');
    await commitUntil(editor, 'const rate = 1 + 2 * factor;');
    assert.ok(endpoint.server.requests.length >= 2, 'requests resumed after the wait');
  });
});
