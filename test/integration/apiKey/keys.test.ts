import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TestServer } from '../../support/server';
import {
  closeAllEditors,
  commitUntil,
  openAtCursor,
  restoreUserSettings,
  setUserSettings,
} from '../editor';

describe('the API key in a real VS Code', function () {
  this.timeout(30_000);
  let first: TestServer;
  let second: TestServer;

  before(async () => {
    [first, second] = await Promise.all([TestServer.start(), TestServer.start()]);
    await vscode.extensions.getExtension('tokenhub.tokenhub-inline')?.activate();
    await setUserSettings({ baseUrl: first.url, apiKey: undefined, 'inline.debounceMs': 0 });
  });

  afterEach(closeAllEditors);

  after(async () => {
    await vscode.commands.executeCommand('tokenhub.clearApiKey');
    await restoreUserSettings();
    await Promise.all([first.close(), second.close()]);
  });

  async function complete(server: TestServer, text: string) {
    server.reply({ text });
    const editor = await openAtCursor('const k = █');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, `const k = ${text}`);
    return server.requests.at(-1);
  }

  it('sends the key from secret storage, and not to another origin the base URL moves to', async () => {
    await vscode.commands.executeCommand('tokenhub.setApiKey', { key: 'stored-key-789' });
    const toFirst = await complete(first, 'one;');
    assert.equal(toFirst?.headers.authorization, 'Bearer stored-key-789');

    await setUserSettings({ baseUrl: second.url });
    const toSecond = await complete(second, 'two;');
    assert.ok(toSecond, 'the loopback server was still asked, without a key');
    assert.equal(toSecond.headers.authorization, undefined, 'the old key stayed home');

    await setUserSettings({ baseUrl: first.url });
    const backToFirst = await complete(first, 'three;');
    assert.equal(backToFirst?.headers.authorization, 'Bearer stored-key-789');
  });
});
