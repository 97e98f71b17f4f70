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
import { UsageTracker } from './usageTracker';
import { showWalkthroughOnce } from './walkthrough';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = new Log();
  const config = new Config((message) => log.warn(message));
  const keys = new ApiKeys(context.secrets, config, log, context.globalState);
  const engine = new CompletionEngine({
    settings: () => config.current,
    apiKey: () => keys.current(),
    logger: log,
  });
  const usage = new UsageTracker(context.globalState, config);
  const prompt = new PromptCommand(config, keys, log, context.globalState, usage);
  context.subscriptions.push(
    log,
    config,
    keys,
    // A new endpoint, model or key makes cached completions and the last error meaningless.
    config.onDidChange(() => engine.reset()),
    keys.onDidChange(() => engine.reset()),
    usage,
    { dispose: engine.onUsage((count) => usage.record(count)) },
    vscode.languages.registerInlineCompletionItemProvider(
      { pattern: '**' },
      new InlineProvider(engine, config, usage),
    ),
    new StatusBar(engine, config, keys, usage),
    new ErrorNotifier(engine),
    ...registerCommands({ config, keys, log, engine, usage, prompt }),
  );
  await keys.load();
  void showWalkthroughOnce(context);
  log.info(
    `ready: ${config.current.model} at ${hostOf(config.current.baseUrl)}, key from ${keys.source() ?? 'nowhere'}`,
  );
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
