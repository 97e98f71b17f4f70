// The two commands that change the stored key: TokenHub: Set API Key and Clear API Key.
import * as vscode from 'vscode';
import type { Log } from '../settings/log';
import type { ApiKeys } from './apiKeys';

/** Asks for the key in a password box, or takes `{ key }` (for scripts and tests). */
export async function setApiKey(
  keys: ApiKeys,
  log: Log,
  argument?: { key?: unknown },
): Promise<void> {
  const given = typeof argument?.key === 'string' ? argument.key : undefined;
  const key =
    given ??
    (await vscode.window.showInputBox({
      title: 'TokenHub: Set API Key',
      prompt:
        "Stored in VS Code's encrypted secret storage; it takes precedence over the tokenhub.apiKey setting.",
      placeHolder: 'Paste your API key',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) =>
        /\s/.test(value.trim()) ? 'An API key has no spaces in it.' : undefined,
    }));
  if (key === undefined || key.trim() === '') return; // dismissed: nothing changes
  if (/\s/.test(key.trim())) {
    void vscode.window.showErrorMessage(
      'TokenHub: an API key has no spaces in it. Nothing was saved.',
    );
    return;
  }
  try {
    await keys.store(key.trim());
    log.info('API key stored in secret storage');
    void vscode.window.showInformationMessage('TokenHub: API key stored in secret storage.');
  } catch (error) {
    log.error(`could not store the API key: ${String(error)}`);
    void vscode.window.showErrorMessage(
      `TokenHub: could not store the key in secret storage (${String(error)}). Nothing was saved.`,
    );
  }
}

/** Removes the key from secret storage and says which key, if any, is used instead. */
export async function clearApiKey(keys: ApiKeys, log: Log): Promise<void> {
  try {
    await keys.clear();
    log.info('API key removed from secret storage');
    const fallback = keys.source();
    void vscode.window.showInformationMessage(
      fallback
        ? `TokenHub: key removed from secret storage; the key from ${fallback} is used now.`
        : 'TokenHub: key removed from secret storage.',
    );
  } catch (error) {
    log.error(`could not remove the API key: ${String(error)}`);
    void vscode.window.showErrorMessage(`TokenHub: could not remove the key (${String(error)}).`);
  }
}
