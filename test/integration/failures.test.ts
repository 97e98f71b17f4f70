import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TestServer } from '../support/server';
import { waitUntil } from '../support/wait';
import { closeAllEditors, commitUntil, openAtCursor, setUserSettings, sleep, type } from './editor';

describe('a failing endpoint in a real VS Code', function () {
  this.timeout(30_000);
  let server: TestServer;
  let errorMessages: string[];
  const realShowErrorMessage = vscode.window.showErrorMessage;

  before(async () => {
    server = await TestServer.start();
    await vscode.extensions.getExtension('tokenhub.tokenhub-inline')?.activate();
    // Tests and the extension under development share one `vscode` API object, so this sees
    // the notifications the extension raises (and keeps them from piling up on screen).
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string) => {
      errorMessages.push(message);
      return Promise.resolve(undefined);
    };
  });

  beforeEach(async () => {
    errorMessages = [];
    server.reset();
    await setUserSettings({
      baseUrl: server.url,
      apiKey: 'rejected-key-123',
      model: 'test-model',
      'inline.enabled': true,
      'inline.debounceMs': 0,
    });
  });

  afterEach(closeAllEditors);

  after(async () => {
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = realShowErrorMessage;
    await setUserSettings({
      baseUrl: undefined,
      apiKey: undefined,
      model: undefined,
      'inline.enabled': undefined,
      'inline.debounceMs': undefined,
    });
    await server.close();
  });

  it('says a rejected key once and stops asking until the key changes', async () => {
    server.reply({ status: 401, body: '{"error":{"message":"Invalid API key"}}' });
    await openAtCursor('let value = █');
    for (const character of 'abcdef') {
      await type(character);
      await sleep(150);
    }
    await sleep(200);
    assert.equal(server.requests.length, 1, 'a rejected key is not sent again and again');
    assert.equal(errorMessages.length, 1, `notifications: ${JSON.stringify(errorMessages)}`);
    assert.match(errorMessages[0] ?? '', /127\.0\.0\.1:\d+ rejected the API key/);
    assert.match(errorMessages[0] ?? '', /Invalid API key/);
    assert.ok(!errorMessages[0]?.includes('rejected-key-123'));

    server.reply({ text: ' + 1;' });
    await setUserSettings({ apiKey: 'better-key-456' });
    await type('g');
    await waitUntil(() => server.requests.length === 2, 'a request with the new key');
    assert.equal(server.requests[1]?.headers.authorization, 'Bearer better-key-456');
  });

  it('sends nothing automatically before a 429’s Retry-After, then resumes by itself', async () => {
    server.reply({
      status: 429,
      headers: { 'retry-after-ms': '1500', 'content-type': 'application/json' },
      body: '{"error":{"message":"Rate limit reached"}}',
    });
    const editor = await openAtCursor('const rate = █');
    await type('1');
    await server.waitForRequests(1);
    server.reply({ text: ' * factor;' });
    await type(' +');
    await sleep(300);
    assert.equal(server.requests.length, 1, 'no request while backing off');
    assert.equal(errorMessages.length, 0, 'a rate limit is shown in the status bar only');

    await sleep(1300);
    await type(' 2');
    await commitUntil(editor, 'const rate = 1 + 2 * factor;');
    assert.equal(server.requests.length, 2);
  });
});
