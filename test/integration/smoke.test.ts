import * as assert from 'assert';
import * as vscode from 'vscode';

describe('extension host', () => {
  it('loads and activates tokenhub.tokenhub-inline', async () => {
    const extension = vscode.extensions.getExtension('tokenhub.tokenhub-inline');
    assert.ok(extension, 'the extension under development is not loaded');
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('reports how long activation took (a measurement, printed; not a timing assertion)', async () => {
    const stats = (await vscode.commands.executeCommand('tokenhub.showStats')) as {
      activationMs?: number;
    };
    assert.ok(typeof stats.activationMs === 'number' && stats.activationMs > 0);
    console.log(`      activation: ${stats.activationMs} ms`);
  });
});
