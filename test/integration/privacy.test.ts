import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TestServer } from '../support/server';
import { closeAllEditors, commitUntil, openAtCursor, setUserSettings, sleep, type } from './editor';

describe('what is sent, and where, in a real VS Code', function () {
  this.timeout(30_000);
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
    await vscode.extensions.getExtension('tokenhub.tokenhub-inline')?.activate();
  });

  beforeEach(async () => {
    server.reset();
    await setUserSettings({
      baseUrl: server.url,
      apiKey: 'privacy-key',
      'inline.enabled': true,
      'inline.debounceMs': 0,
    });
  });

  afterEach(closeAllEditors);

  after(async () => {
    await setUserSettings({
      baseUrl: undefined,
      apiKey: undefined,
      'inline.enabled': undefined,
      'inline.debounceMs': undefined,
      'inline.languages': undefined,
    });
    await server.close();
  });

  it('never sends an excluded .env file, neither as ghost text nor from the prompt', async () => {
    server.reply({ text: 'leaked' });
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = path.join(folder.uri.fsPath, '.env');
    await fs.writeFile(file, 'API_TOKEN=\n');
    try {
      const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, '.env'));
      editor.selection = new vscode.Selection(0, 10, 0, 10);
      await type('abc');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await vscode.commands.executeCommand('tokenhub.prompt', { prompt: 'fill it in' });
      await sleep(500);
      assert.equal(server.requests.length, 0, 'nothing from .env reached the server');
    } finally {
      await closeAllEditors();
      await fs.rm(file, { force: true });
    }
  });

  it('turns automatic completions off for one language only', async () => {
    server.reply({ text: 'more' });
    await setUserSettings({ 'inline.languages': { '*': true, python: false } });
    await openAtCursor('x = █', 'python');
    await type('1');
    await sleep(400);
    assert.equal(server.requests.length, 0, 'no automatic request in python');

    const editor = await openAtCursor('let y = █', 'typescript');
    await type('2');
    await commitUntil(editor, 'let y = 2more');
    assert.equal(server.requests.length, 1, 'typescript still asks');
  });
});
