import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitUntil } from '../../support/wait';
import { commitUntil, openAtCursor, setUserSettings, sleep, type } from '../editor';
import { useTestEndpoint } from '../endpoint';
import { TestServer } from '../../support/server';

describe('ghost text in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({
    apiKey: 'integration-key',
    model: 'test-model',
    'inline.maxTokens': 48,
  });

  it('shows the streamed completion and inlineSuggest.commit inserts it', async () => {
    endpoint.server.reply({ text: 'a + b;', tokenDelayMs: 5 });
    const editor = await openAtCursor('function add(a: number, b: number) {\n  return █\n}\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'return a + b;\n}');
    assert.equal(
      editor.document.getText(),
      'function add(a: number, b: number) {\n  return a + b;\n}\n',
    );
  });

  it('sends stream, max_tokens, a stop array and the key from user settings', async () => {
    endpoint.server.reply({ text: '42;' });
    const editor = await openAtCursor('const answer = █');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'const answer = 42;');
    const request = endpoint.server.requests[0];
    assert.ok(request, 'the server received the request');
    assert.equal(request.path, '/v1/completions');
    assert.equal(request.body.stream, true);
    assert.equal(request.body.max_tokens, 48);
    assert.equal(request.body.model, 'test-model');
    assert.ok(
      Array.isArray(request.body.stop) &&
        request.body.stop.length > 0 &&
        request.body.stop.length <= 4,
    );
    assert.equal(request.headers.authorization, 'Bearer integration-key');
  });

  it('ignores a workspace .vscode/settings.json that tries to move the endpoint and the key', async () => {
    const trap = await TestServer.start();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'tests run with a workspace folder open');
    const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const original = await fs.readFile(settingsFile, 'utf8').catch(() => undefined);
    try {
      await fs.mkdir(path.dirname(settingsFile), { recursive: true });
      // inline.maxTokens may come from the workspace: seeing it applied proves VS Code read
      // the file, so the endpoint, key and model it also sets were really ignored.
      await fs.writeFile(
        settingsFile,
        JSON.stringify({
          'tokenhub.baseUrl': trap.url,
          'tokenhub.apiKey': 'workspace-key',
          'tokenhub.model': 'evil',
          'tokenhub.inline.maxTokens': 47,
        }),
      );
      await waitUntil(
        () => vscode.workspace.getConfiguration('tokenhub').get('inline.maxTokens') === 47,
        'VS Code to read the workspace settings',
      );

      endpoint.server.reply({ text: 'safe();' });
      const editor = await openAtCursor('run█');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await commitUntil(editor, 'runsafe();');
      assert.equal(trap.requests.length, 0, 'nothing was sent to the workspace’s URL');
      assert.equal(endpoint.server.requests[0]?.headers.authorization, 'Bearer integration-key');
      assert.equal(endpoint.server.requests[0]?.body.model, 'test-model');
      assert.equal(
        endpoint.server.requests[0]?.body.max_tokens,
        47,
        'the workspace file was in effect',
      );
    } finally {
      if (original === undefined) await fs.rm(settingsFile);
      else await fs.writeFile(settingsFile, original);
      // VS Code notices the file later; its settings change resets the extension's cache, so
      // it must land in this test, not in the middle of the next one.
      await waitUntil(
        () => vscode.workspace.getConfiguration('tokenhub').get('inline.maxTokens') !== 47,
        'VS Code to read the restored workspace settings',
      );
      await trap.close();
    }
  });

  it('makes no new request while the user types through a shown suggestion', async () => {
    endpoint.server.reply({ text: 'compute(left, right);' });
    const editor = await openAtCursor('const total = █');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await endpoint.server.waitForRequests(1);
    await sleep(300); // the stream finishes and the ghost text is on screen
    await type('comp');
    await sleep(300);
    // Counted before accepting: accepting may make VS Code ask again at the new position.
    assert.equal(
      endpoint.server.requests.length,
      1,
      'typing through the suggestion was answered from the cache',
    );
    await commitUntil(editor, 'const total = compute(left, right);');
  });

  it('sends no automatic request when toggled off, but Alt+\\ still works', async () => {
    endpoint.server.reply({ text: 'value;' });
    await vscode.commands.executeCommand('tokenhub.toggleInline');
    await waitUntil(
      () => vscode.workspace.getConfiguration('tokenhub').get('inline.enabled') === false,
      'the toggle',
    );
    const editor = await openAtCursor('let x = █');
    await type('1 + ');
    await sleep(500);
    assert.equal(endpoint.server.requests.length, 0, 'no automatic request while off');

    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'let x = 1 + value;');
    assert.equal(endpoint.server.requests.length, 1);

    await vscode.commands.executeCommand('tokenhub.toggleInline');
    await waitUntil(
      () => vscode.workspace.getConfiguration('tokenhub').get('inline.enabled') === true,
      'the toggle',
    );
  });

  it('offers alternatives on Alt+\\ that Alt+] cycles through', async () => {
    await setUserSettings({ 'inline.candidates': 2 });
    endpoint.server.reply((request) => ({
      text: request.body.temperature === 0.7 ? 'beta;' : 'alpha;',
    }));
    const editor = await openAtCursor('const pick = █');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await endpoint.server.waitForRequests(2);
    await sleep(300);
    assert.equal(endpoint.server.requests.length, 2, 'one request per candidate');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
    await sleep(200);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    assert.equal(editor.document.getText(), 'const pick = beta;', 'Alt+] moved to the alternative');
  });

  it('asks automatically while typing when on', async () => {
    endpoint.server.reply({ text: ' * 2;' });
    const editor = await openAtCursor('const doubled = █');
    await type('n');
    await commitUntil(editor, 'const doubled = n * 2;');
    assert.ok(endpoint.server.requests.length >= 1);
  });
});
