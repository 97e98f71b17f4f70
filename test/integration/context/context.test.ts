import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitUntil } from '../../support/wait';
import { commitUntil, openAtCursor, setUserSettings } from '../editor';
import { useTestEndpoint } from '../endpoint';

const definition = 'export function areaOfCircle(radius: number): number {';
const geometry = `${definition}\n  return Math.PI * radius * radius;\n}\n`;
const callSite = 'import { areaOfCircle } from "../geometry";\nconst area = areaOfCircle(█';

describe('context from other open files, in a real VS Code', function () {
  this.timeout(30_000);
  const endpoint = useTestEndpoint({ apiKey: 'context-key' });
  const folder = () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'tests run with a workspace folder open');
    return first.uri;
  };
  const written: string[] = [];

  /** Writes a file into the workspace folder (removed after the test) and opens it beside. */
  async function openBeside(relativePath: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(folder(), relativePath);
    await fs.mkdir(path.dirname(uri.fsPath), { recursive: true });
    await fs.writeFile(uri.fsPath, text);
    written.push(uri.fsPath);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  /** Completes at the call site and returns the prompt of the request sent for it. */
  async function promptAt(marked: string, language = 'typescript'): Promise<string> {
    endpoint.server.reply({ text: '2);' });
    const editor = await openAtCursor(marked, language);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitUntil(editor, marked.replace('█', '2);'));
    const prompt = endpoint.server.requests[0]?.body.prompt;
    assert.equal(typeof prompt, 'string');
    return prompt as string;
  }

  /** Everything sent so far in this test, every request's prompt. */
  const everything = () => endpoint.server.requests.map((r) => String(r.body.prompt)).join('\n');

  afterEach(async () => {
    for (const file of written.splice(0)) await fs.rm(file, { force: true });
  });

  it('sends a snippet of the open file that defines the function called at the cursor', async () => {
    await openBeside('geometry.ts', geometry);
    const prompt = await promptAt(callSite);
    assert.ok(prompt.includes('// Compare this snippet from geometry.ts:\n'), prompt);
    assert.ok(prompt.includes(`// ${definition}\n`), prompt);
  });

  it('never sends an excluded file open beside it: .env, or a workspace tokenhub.exclude pattern', async () => {
    const settingsFile = path.join(folder().fsPath, '.vscode', 'settings.json');
    const original = await fs.readFile(settingsFile, 'utf8');
    try {
      await fs.writeFile(settingsFile, JSON.stringify({ 'tokenhub.exclude': ['**/private/**'] }));
      await waitUntil(
        () =>
          JSON.stringify(
            vscode.workspace.getConfiguration('tokenhub').inspect('exclude')?.workspaceValue,
          ) === '["**/private/**"]',
        'VS Code to read the workspace exclusions',
      );
      await openBeside('.env', 'AREA_OF_CIRCLE_TOKEN=env-secret-value\n');
      await openBeside('private/circle.ts', 'export const areaOfCircleSecret = "private-value";\n');
      await openBeside('geometry.ts', geometry);
      const prompt = await promptAt(callSite);
      assert.ok(prompt.includes(definition), 'context works in this very request');
      assert.ok(!everything().includes('env-secret-value'), prompt);
      assert.ok(!everything().includes('private-value'), prompt);
    } finally {
      await fs.writeFile(settingsFile, original);
    }
  });

  it('never sends an untitled buffer, a file outside the workspace or a .vscode file', async () => {
    const outside = path.join(os.tmpdir(), `tokenhub-outside-${process.pid}.ts`);
    await fs.writeFile(
      outside,
      'export function areaOfCircleOutside(r: number) { return "outside-value"; }\n',
    );
    written.push(outside);
    await vscode.window.showTextDocument(vscode.Uri.file(outside), { preview: false });
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({
        language: 'typescript',
        content: 'export function areaOfCircleDraft(r: number) { return "untitled-value"; }\n',
      }),
      { preview: false },
    );
    await openBeside(
      '.vscode/tasks.ts',
      'export const areaOfCircleTask = "vscode-folder-value";\n',
    );
    await openBeside('geometry.ts', geometry);
    const prompt = await promptAt(callSite);
    assert.ok(prompt.includes(definition), 'context works in this very request');
    for (const value of ['outside-value', 'untitled-value', 'vscode-folder-value']) {
      assert.ok(!everything().includes(value), `${value} was sent: ${prompt}`);
    }
  });

  it('never sends a settings file open beside it, the workspace’s or the user’s', async () => {
    // The fixture's .vscode/settings.json holds "workspace-key"; user settings hold the key the
    // endpoint fixture wrote. A plain JSON file beside them shows JSON context is sent at all.
    await vscode.window.showTextDocument(
      vscode.Uri.joinPath(folder(), '.vscode', 'settings.json'),
      { preview: false },
    );
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    await waitUntil(
      () => vscode.workspace.textDocuments.some((d) => d.getText().includes('context-key')),
      'the user settings to be open',
    );
    await openBeside('endpoints.json', '{\n  "tokenhub.baseUrl": "http://public.example/v1"\n}\n');
    const prompt = await promptAt('{\n  "tokenhub.apiKey": "█"\n}', 'jsonc');
    assert.ok(prompt.includes('public.example'), 'an ordinary JSON file is context');
    assert.ok(!everything().includes('workspace-key'), prompt);
    assert.ok(!everything().includes('context-key'), prompt);
  });

  it('sends no snippet with tokenhub.context.enabled off, even if the workspace turns it on', async () => {
    await setUserSettings({ 'context.enabled': false });
    const config = vscode.workspace.getConfiguration('tokenhub');
    await config.update('context.enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      await openBeside('geometry.ts', geometry);
      const prompt = await promptAt(callSite);
      assert.ok(!everything().includes(definition), prompt);
      assert.ok(!everything().includes('geometry.ts:'), prompt);
    } finally {
      await config.update('context.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
