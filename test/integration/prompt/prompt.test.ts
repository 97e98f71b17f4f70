import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitUntil } from '../../support/wait';
import { closeAllEditors, openAtCursor } from '../editor';
import { useTestEndpoint } from '../endpoint';

describe('tokenhub.prompt in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ apiKey: 'prompt-key', model: 'test-model' });

  it('streams the answer in at the cursor, and one undo restores the document', async () => {
    endpoint.server.reply({ text: 'return a + b;\n', tokenDelayMs: 10 });
    const original = 'def add(a, b):\n    \n';
    const editor = await openAtCursor('def add(a, b):\n    █\n', 'python');
    await vscode.commands.executeCommand('tokenhub.prompt', { prompt: 'add the numbers' });
    assert.equal(editor.document.getText(), 'def add(a, b):\n    return a + b;\n\n');
    const request = endpoint.server.requests[0];
    assert.ok(request);
    assert.match(request.body.prompt, /# add the numbers\n {4}$/);
    assert.equal(request.body.max_tokens, 512);
    assert.equal(request.headers.authorization, 'Bearer prompt-key');
    assert.ok((request.eventsSent ?? 0) > 1, 'the answer arrived in several pieces');

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  it('replaces the selection with the answer', async () => {
    endpoint.server.reply({ text: 'total = sum(values)' });
    const editor = await openAtCursor(
      '█total = 0\nfor v in values: total += v\nprint(total)\n',
      'python',
    );
    const end = new vscode.Position(1, 'for v in values: total += v'.length);
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), end);
    await vscode.commands.executeCommand('tokenhub.prompt', { prompt: 'use sum' });
    assert.equal(editor.document.getText(), 'total = sum(values)\nprint(total)\n');
    assert.match(endpoint.server.requests[0]?.body.prompt ?? '', /```\ntotal = 0\nfor v in values/);
  });

  it('keeps its place while the user edits above the insertion', async () => {
    endpoint.server.reply({ chunks: ['one', ' two', ' three'], tokenDelayMs: 150 });
    const editor = await openAtCursor('header\n\nbody █\n', 'plaintext');
    const running = vscode.commands.executeCommand('tokenhub.prompt', { prompt: 'count' });
    await waitUntil(() => editor.document.getText().includes('one'), 'the first piece');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'NEW '));
    await running;
    assert.equal(editor.document.getText(), 'NEW header\n\nbody one two three\n');
  });

  it('keeps writing into its document when another editor comes to the front', async () => {
    endpoint.server.reply({ chunks: ['alpha', ' beta', ' gamma'], tokenDelayMs: 150 });
    const editor = await openAtCursor('words: █\n', 'plaintext');
    const running = vscode.commands.executeCommand('tokenhub.prompt', { prompt: 'three words' });
    await waitUntil(() => editor.document.getText().includes('alpha'), 'the first piece');
    await openAtCursor('another file█', 'plaintext');
    await running;
    assert.equal(editor.document.getText(), 'words: alpha beta gamma\n');
  });

  it('stops the request when the document is closed', async () => {
    endpoint.server.reply({ chunks: Array(100).fill('x'), tokenDelayMs: 50 });
    await openAtCursor('start █', 'plaintext');
    const running = vscode.commands.executeCommand('tokenhub.prompt', { prompt: 'many x' });
    await endpoint.server.waitForRequests(1);
    await closeAllEditors();
    await running;
    await waitUntil(
      () => endpoint.server.requests[0]?.aborted === true,
      'the request to be aborted',
    );
  });
});
