import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { atCursor } from '../support/cursor';

const touchedSettings = new Set<string>();

/** Settings written to the user (global) level, where the extension reads them. */
export async function setUserSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('tokenhub');
  for (const [key, value] of Object.entries(values)) {
    touchedSettings.add(key);
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** Removes every user setting `setUserSettings` wrote, so the next suite starts clean. */
export async function restoreUserSettings(): Promise<void> {
  await setUserSettings(Object.fromEntries([...touchedSettings].map((key) => [key, undefined])));
  touchedSettings.clear();
}

/** Opens an untitled document holding `marked` with the cursor at its `█`. */
export async function openAtCursor(
  marked: string,
  language = 'typescript',
): Promise<vscode.TextEditor> {
  const { prefix, suffix } = atCursor(marked);
  const document = await vscode.workspace.openTextDocument({ language, content: prefix + suffix });
  const editor = await vscode.window.showTextDocument(document);
  const position = document.positionAt(prefix.length);
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

/** Types as the user does (through the `type` command, so VS Code asks for ghost text). */
export async function type(text: string): Promise<void> {
  for (const character of text) {
    await vscode.commands.executeCommand('type', { text: character });
  }
}

/**
 * Accepts the ghost text with VS Code's own command, retrying until `expected` is in the
 * document (ghost text appears asynchronously after the provider answers).
 */
export async function commitUntil(
  editor: vscode.TextEditor,
  expected: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!editor.document.getText().includes(expected)) {
    if (Date.now() > deadline) {
      assert.fail(
        `ghost text ${JSON.stringify(expected)} never committed; document is ${JSON.stringify(editor.document.getText())}`,
      );
    }
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Closes every editor without saving (documents are scratch buffers), so no dialog can block. */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
