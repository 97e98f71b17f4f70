import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commitUntil, openAtCursor, setUserSettings, sleep, type } from '../editor';
import { useTestEndpoint } from '../endpoint';

interface Stats {
  readonly requestsStarted: number;
  readonly accepted: number;
  readonly today: { readonly promptTokens: number; readonly completionTokens: number };
}

const stats = async () => (await vscode.commands.executeCommand('tokenhub.showStats')) as Stats;
const todayTotal = (s: Stats) => s.today.promptTokens + s.today.completionTokens;

describe('usage and the daily budget in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ apiKey: 'usage-key' });

  it('counts requests, acceptances and tokens (from usage or estimated)', async () => {
    const before = await stats();
    endpoint.server.reply({ text: 'counted;' });
    const editor = await openAtCursor('const n = █');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'const n = counted;');
    const after = await stats();
    // At least: accepting may make VS Code ask again at the new position.
    assert.ok(after.requestsStarted >= before.requestsStarted + 1, 'the request was counted');
    assert.equal(after.accepted, before.accepted + 1, 'the commit counted as an acceptance');
    assert.ok(todayTotal(after) > todayTotal(before), 'today’s tokens grew');
  });

  it('pauses automatic requests once the daily budget is used up, Alt+\\ still works', async () => {
    endpoint.server.reply({ text: 'spent;' });
    await setUserSettings({ dailyTokenBudget: todayTotal(await stats()) + 1 });
    const editor = await openAtCursor('let a = █');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'let a = spent;');
    assert.equal(endpoint.server.requests.length, 1);

    await type(' b');
    await sleep(400);
    assert.equal(endpoint.server.requests.length, 1, 'over budget: no automatic request');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, 'let a = spent; bspent;');
    assert.equal(endpoint.server.requests.length, 2, 'an explicit trigger still goes out');
  });
});
