import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  commitUntil,
  openAtCursor,
  setUserSettings,
  sleep,
  type,
} from '../editor';
import { useTestEndpoint } from '../endpoint';

describe('what is sent, and where, in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ apiKey: 'privacy-key' });

  it('never sends an excluded .env file, neither as ghost text nor from the prompt', async () => {
    endpoint.server.reply({ text: 'leaked' });
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
      assert.equal(endpoint.server.requests.length, 0, 'nothing from .env reached the server');
    } finally {
      await closeAllEditors();
      await fs.rm(file, { force: true });
    }
  });

  it('turns automatic completions off for one language only', async () => {
    endpoint.server.reply({ text: 'more' });
    await setUserSettings({ 'inline.languages': { '*': true, python: false } });
    await openAtCursor('x = █', 'python');
    await type('1');
    await sleep(400);
    assert.equal(endpoint.server.requests.length, 0, 'no automatic request in python');

    const editor = await openAtCursor('let y = █', 'typescript');
    await type('2');
    await commitUntil(editor, 'let y = 2more');
    // (Accepting may make VS Code ask again at the new position, so count only languages.)
    const languages = endpoint.server.requests.map(
      (r) => /Language: (\w+)/.exec(r.body.prompt)?.[1],
    );
    assert.ok(languages.length >= 1, 'typescript still asks');
    assert.deepEqual([...new Set(languages)], ['typescript']);
  });
});
