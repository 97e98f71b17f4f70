import * as vscode from 'vscode';
import type { Config } from '../settings/config';
import type { CompletionEngine } from '../core/engine';
import type { EngineState } from '../core/engineStatus';
import { hostOf, isLoopback } from '../core/endpoint';
import { languageEnabled } from '../core/languages';
import type { ApiKeys } from '../apiKey/apiKeys';
import type { UsageTracker } from '../usage/usageTracker';

/**
 * The status item: ready, loading, off, off for this language, over budget, no key, key
 * rejected, unknown model, rate limited, offline. The tooltip names the endpoint, model, how
 * the middle is filled and why, last latency and today's tokens; a click opens the menu
 * (`tokenhub.showMenu`).
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'tokenhub.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly engine: CompletionEngine,
    private readonly config: Config,
    private readonly keys: ApiKeys,
    private readonly usage: UsageTracker,
  ) {
    this.item.name = 'TokenHub Inline';
    this.item.command = 'tokenhub.showMenu';
    const update = () => this.update();
    this.subscriptions = [
      { dispose: engine.onStateChange(update) },
      config.onDidChange(update),
      keys.onDidChange(update),
      usage.onDidChange(update),
      vscode.window.onDidChangeActiveTextEditor(update),
    ];
    this.update();
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const settings = this.config.current;
    const host = hostOf(settings.baseUrl);
    const state = this.engine.state;
    const [icon, headline] = this.look(state, host);
    const today = this.usage.today();
    const latency = this.engine.metrics.latenciesMs.at(-1);
    this.item.text = `$(${icon}) TokenHub`;
    this.item.tooltip = [
      headline,
      `Model ${settings.model} at ${host}`,
      this.engine.fim.describe(settings),
      `Last latency: ${latency === undefined ? '-' : `${latency} ms`}`,
      `Tokens today: ${today.promptTokens + today.completionTokens}`,
      'Click for the menu.',
    ].join('\n');
    this.item.backgroundColor =
      state.kind === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  /** The most pressing thing to say, in order: no key, failure, off, paused, busy, ready. */
  private look(state: EngineState, host: string): [string, string] {
    const settings = this.config.current;
    const language = vscode.window.activeTextEditor?.document.languageId;
    const withheld = this.keys.withheld();
    if (withheld) {
      return [
        'key',
        `Your API key is held back from ${host} (${withheld.reason === 'plainHttp' ? 'plain http' : 'it was set for another endpoint'}).`,
      ];
    }
    if (!this.keys.current() && !isLoopback(settings.baseUrl)) {
      return ['key', `No API key for ${host}: set one from this menu.`];
    }
    if (state.kind === 'error') return errorLook(state);
    if (!settings.inlineEnabled) {
      return ['circle-slash', 'Automatic completions are off; Alt+\\ still asks for one.'];
    }
    if (language && !languageEnabled(settings.languages, language)) {
      return ['circle-slash', `Automatic completions are off for ${language}.`];
    }
    if (this.usage.overBudget()) {
      return [
        'circle-slash',
        'Daily token budget used up: automatic completions pause until tomorrow.',
      ];
    }
    if (state.kind === 'loading') return ['loading~spin', 'Asking for a completion…'];
    return ['sparkle', 'Ready: pause while typing, or press Alt+\\.'];
  }
}

/** Icon and headline for a failing endpoint, by what failed. */
function errorLook(state: Extract<EngineState, { kind: 'error' }>): [string, string] {
  const host = state.error?.host ?? 'the endpoint';
  const detail = `(${state.message})`;
  switch (state.error?.kind) {
    case 'unauthorized':
      return ['key', `${host} rejected the API key ${detail}.`];
    case 'notFound':
      return ['warning', `${host} does not know the model ${detail}.`];
    case 'rateLimited':
      return ['watch', `Rate limited by ${host}; automatic completions ${resume(state.retryAt)}.`];
    case 'network':
    case 'timeout':
    case 'server':
      return [
        'debug-disconnect',
        `Offline: ${host} is unreachable or failing ${detail}; automatic completions ${resume(state.retryAt)}.`,
      ];
    default:
      return ['warning', `TokenHub: ${state.message}`];
  }
}

function resume(retryAt: number | undefined): string {
  return retryAt ? `resume at ${new Date(retryAt).toLocaleTimeString()}` : 'resume as you type';
}
