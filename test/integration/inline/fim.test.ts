import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commitUntil, openAtCursor, setUserSettings } from '../editor';
import { useTestEndpoint } from '../endpoint';

/** The StarCoder2 prompt for `function add(…) {\n  return █\n}\n` in an untitled document. */
const STARCODER2_PROMPT =
  /^<repo_name>[^<]*<file_sep><fim_prefix>Untitled-\d+\nfunction add\(a: number, b: number\) \{\n {2}return <fim_suffix>\n\}\n<fim_middle>$/;

describe('fill-in-the-middle in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ model: 'bigcode/starcoder2-3b' });

  it('writes StarCoder2’s FIM tokens into the prompt from the first request on a llama.cpp server that refuses suffix', async () => {
    // llama.cpp's dialect answers any `suffix` key with 500 "Unsupported param: suffix".
    endpoint.server.reply({ style: 'llamacpp', text: 'a + b;<|endoftext|>', honourStop: false });
    const editor = await openAtCursor('function add(a: number, b: number) {\n  return █\n}\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'return a + b;\n}');

    const first = endpoint.server.requests[0];
    assert.ok(first, 'a request was sent');
    assert.match(first.body.prompt, STARCODER2_PROMPT);
    assert.ok(!('suffix' in first.body), 'no suffix key at all');
    assert.deepEqual(first.body.stop, ['\n\n\n', '<|endoftext|>', '<file_sep>', '<fim_prefix>']);
    assert.ok(
      endpoint.server.requests.every((request) => request.suffix === 'absent'),
      'no request was refused',
    );
    assert.equal(
      editor.document.getText(),
      'function add(a: number, b: number) {\n  return a + b;\n}\n',
    );
  });

  it('keeps completing with the model’s own format when tokenhub.inline.fimTemplate is invalid', async () => {
    await setUserSettings({ 'inline.fimTemplate': '{prefix}{cursor}' });
    endpoint.server.reply({ style: 'llamacpp', text: 'a * b;' });
    const editor = await openAtCursor('function add(a: number, b: number) {\n  return █\n}\n');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'return a * b;');
    assert.match(endpoint.server.requests[0]?.body.prompt, STARCODER2_PROMPT);
  });
});
