import * as assert from 'assert';
import * as vscode from 'vscode';

describe('extension host', () => {
  it('loads and activates tokenhub.tokenhub-inline', async () => {
    const extension = vscode.extensions.getExtension('tokenhub.tokenhub-inline');
    assert.ok(extension, 'the extension under development is not loaded');
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
