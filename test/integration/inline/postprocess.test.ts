import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commitUntil, openAtCursor } from '../editor';
import { useTestEndpoint } from '../endpoint';

describe('post-processed ghost text in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ apiKey: 'integration-key', model: 'test-model' });

  it('replaces the auto-closed paren the completion types, leaving none dangling', async () => {
    endpoint.server.reply({ text: 'input: string): Ast {' });
    const editor = await openAtCursor('function parse(█)\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'Ast {');
    assert.equal(editor.document.getText(), 'function parse(input: string): Ast {\n');
  });

  it('shows the body after a brace at the end of a line, indented with the editor’s tabs', async () => {
    endpoint.server.reply({ text: '\n    const sum = a + b;\n    return sum;\n}\n' });
    const editor = await openAtCursor('function add(a: number, b: number) {█\n}\n');
    editor.options = { insertSpaces: false, tabSize: 4 };
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'return sum;');
    assert.equal(
      editor.document.getText(),
      'function add(a: number, b: number) {\n\tconst sum = a + b;\n\treturn sum;\n}\n',
    );
  });
});
