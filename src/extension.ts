import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './config';
import { CompletionEngine } from './core/engine';
import { hostOf } from './core/endpoint';
import { ErrorNotifier } from './errorNotifier';
import { InlineProvider } from './inlineProvider';
import { Log } from './log';
import { PromptCommand } from './promptCommand';
import { ApiKeys } from './secrets';
import { StatusBar } from './statusBar';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = new Log();
  const config = new Config((message) => log.warn(message));
  const keys = new ApiKeys(context.secrets, config, log);
  const engine = new CompletionEngine({
    settings: () => config.current,
    apiKey: () => keys.current(),
    logger: log,
  });
  const promptCommand = new PromptCommand(config, keys, log, context.globalState);
  context.subscriptions.push(
    log,
    config,
    keys,
    // A new endpoint, model or key makes cached completions and the last error meaningless.
    config.onDidChange(() => engine.reset()),
    keys.onDidChange(() => engine.reset()),
    vscode.languages.registerInlineCompletionItemProvider(
      { pattern: '**' },
      new InlineProvider(engine, config),
    ),
    new StatusBar(engine, config, keys),
    new ErrorNotifier(engine),
    ...registerCommands(config, keys, log),
    vscode.commands.registerCommand('tokenhub.prompt', (argument?: { prompt?: unknown }) =>
      promptCommand.run(argument),
    ),
  );
  await keys.load();
  log.info(
    `ready: ${config.current.model} at ${hostOf(config.current.baseUrl)}, key from ${keys.source() ?? 'nowhere'}`,
  );
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
