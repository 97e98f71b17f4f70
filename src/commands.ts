import * as vscode from 'vscode';
import type { Config } from './settings/config';
import type { CompletionEngine } from './core/engine';
import type { Log } from './settings/log';
import { selectModel } from './settings/modelPicker';
import type { PromptCommand } from './prompt/promptCommand';
import type { ApiKeys } from './apiKey/apiKeys';
import { showStats } from './usage/statsCommand';
import { showMenu } from './status/statusMenu';
import type { UsageTracker } from './usage/usageTracker';

/** The objects the commands act on. */
export interface CommandDeps {
  readonly config: Config;
  readonly keys: ApiKeys;
  readonly log: Log;
  readonly engine: CompletionEngine;
  readonly usage: UsageTracker;
  readonly prompt: PromptCommand;
}

/** Registers every command of the extension (the contract names in package.json). */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { config, keys, log, engine, usage, prompt } = deps;
  return [
    vscode.commands.registerCommand('tokenhub.prompt', (argument?: { prompt?: unknown }) =>
      prompt.run(argument),
    ),
    vscode.commands.registerCommand('tokenhub.selectModel', () => selectModel(config, keys, log)),
    vscode.commands.registerCommand('tokenhub.setApiKey', (argument?: { key?: unknown }) =>
      setApiKey(keys, log, argument),
    ),
    vscode.commands.registerCommand('tokenhub.clearApiKey', () => clearApiKey(keys, log)),
    vscode.commands.registerCommand('tokenhub.toggleInline', toggleInline),
    vscode.commands.registerCommand('tokenhub.showMenu', () => showMenu(config, keys, engine)),
    vscode.commands.registerCommand('tokenhub.showStats', () => showStats(engine, usage, log)),
    vscode.commands.registerCommand('tokenhub.showLog', () => log.show()),
  ];
}

/** Asks for the key in a password box, or takes `{ key }` (for scripts and tests). */
async function setApiKey(keys: ApiKeys, log: Log, argument?: { key?: unknown }): Promise<void> {
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
