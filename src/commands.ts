import * as vscode from 'vscode';
import type { Config } from './settings/config';
import type { CompletionEngine } from './core/engine';
import type { Log } from './settings/log';
import { selectModel } from './settings/modelPicker';
import type { PromptCommand } from './prompt/promptCommand';
import type { ApiKeys } from './apiKey/apiKeys';
import { clearApiKey, setApiKey } from './apiKey/keyCommands';
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
