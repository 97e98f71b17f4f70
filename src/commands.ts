import * as vscode from 'vscode';
import type { Config } from './config';
import type { Log } from './log';
import { selectModel } from './modelPicker';
import type { ApiKeys } from './secrets';

/** Registers the small commands: model, key management, the on/off toggle and the log. */
export function registerCommands(config: Config, keys: ApiKeys, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tokenhub.selectModel', () => selectModel(config, keys, log)),
    vscode.commands.registerCommand('tokenhub.setApiKey', () => setApiKey(keys, log)),
    vscode.commands.registerCommand('tokenhub.clearApiKey', () => clearApiKey(keys, log)),
    vscode.commands.registerCommand('tokenhub.toggleInline', toggleInline),
    vscode.commands.registerCommand('tokenhub.showLog', () => log.show()),
  ];
}

async function setApiKey(keys: ApiKeys, log: Log): Promise<void> {
  const key = await vscode.window.showInputBox({
    title: 'TokenHub: Set API Key',
    prompt:
      "Stored in VS Code's encrypted secret storage; it takes precedence over the tokenhub.apiKey setting.",
    placeHolder: 'Paste your API key',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) =>
      /\s/.test(value.trim()) ? 'An API key has no spaces in it.' : undefined,
  });
  if (key === undefined || key.trim() === '') return; // dismissed: nothing changes
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

async function clearApiKey(keys: ApiKeys, log: Log): Promise<void> {
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

/** Flips `tokenhub.inline.enabled` where it is set: the workspace if it sets it, else the user. */
async function toggleInline(): Promise<void> {
  const config = vscode.workspace.getConfiguration('tokenhub');
  const enabled = config.get<boolean>('inline.enabled') !== false;
  const target =
    config.inspect('inline.enabled')?.workspaceValue !== undefined
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update('inline.enabled', !enabled, target);
}
