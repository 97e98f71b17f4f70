import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './settings/config';
import { ContextFeed } from './context/contextFeed';
import { CompletionEngine } from './core/engine';
import { hostOf } from './core/endpoint';
import { ErrorNotifier } from './status/errorNotifier';
import { InlineProvider } from './inline/inlineProvider';
import { Log } from './settings/log';
import { PromptCommand } from './prompt/promptCommand';
import { ApiKeys } from './apiKey/apiKeys';
import { StatusBar } from './status/statusBar';
import { UsageTracker } from './usage/usageTracker';
import { showWalkthroughOnce } from './walkthrough';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = new Log();
  const config = new Config((message) => log.warn(message));
  const keys = new ApiKeys(context.secrets, config, log, context.globalState);
  const contextFeed = new ContextFeed(config);
  const engine = new CompletionEngine({
    settings: () => config.current,
    apiKey: () => keys.current(),
    logger: log,
    context: contextFeed,
  });
  const usage = new UsageTracker(context.globalState, config);
  const provider = new InlineProvider(engine, config, usage);
  const prompt = new PromptCommand(config, keys, log, context.globalState, usage);
  context.subscriptions.push(
    log,
    config,
    keys,
    contextFeed,
    // A new endpoint, model or key makes cached completions and the last error meaningless.
    config.onDidChange(() => engine.reset()),
    keys.onDidChange(() => engine.reset()),
    usage,
    { dispose: engine.onUsage((count) => usage.record(count)) },
    provider,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    new StatusBar(engine, config, keys, usage),
    new ErrorNotifier(engine),
    ...registerCommands({ config, keys, log, engine, usage, prompt }),
  );
  // Reading secret storage is a round trip to the UI side (a browser in remote setups): it is
  // not awaited, so activation does not wait on it; the key in settings or the environment
  // serves until it arrives, and its arrival resets the engine like any key change.
  void keys
    .load()
    .then(() =>
      log.info(`key from ${keys.source() ?? 'nowhere'} for ${hostOf(config.current.baseUrl)}`),
    );
  void showWalkthroughOnce(context);
  engine.metrics.activationMs = Math.round((performance.now() - started) * 10) / 10;
  log.info(`activated in ${engine.metrics.activationMs} ms: ${config.current.model}`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
