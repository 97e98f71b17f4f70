import * as vscode from 'vscode';
import type { Config } from './config';
import type { CompletionEngine, EngineState } from './core/engine';
import { hostOf, isLoopback } from './core/endpoint';
import type { ApiKeys } from './secrets';

/**
 * The status item: ready / loading / disabled / no key / error, each with a tooltip that says
 * what to do and a click that does it. (The full menu is `tokenhub.showMenu`'s job, later.)
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
  ) {
    this.item.name = 'TokenHub Inline';
    const update = () => this.update();
    this.subscriptions = [
      { dispose: engine.onStateChange(update) },
      config.onDidChange(update),
      keys.onDidChange(update),
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
    const where = `${settings.model} at ${host}`;
    const state: EngineState =
      !this.keys.current() && !isLoopback(settings.baseUrl)
        ? { kind: 'noKey', host }
        : this.engine.state;
    const show = (icon: string, tooltip: string, command: string) => {
      this.item.text = `$(${icon}) TokenHub`;
      this.item.tooltip = tooltip;
      this.item.command = command;
    };

    if (state.kind === 'noKey') {
      show('key', `No API key for ${state.host}. Click to set one.`, 'tokenhub.setApiKey');
    } else if (state.kind === 'error') {
      const [icon, what, command] = errorLook(state);
      show(icon, `TokenHub: ${what}\n${state.message}`, command);
    } else if (!settings.inlineEnabled) {
      show(
        'circle-slash',
        `Automatic completions are off (${where}). Alt+\\ still asks for one. Click to turn them on.`,
        'tokenhub.toggleInline',
      );
    } else if (state.kind === 'loading') {
      show('loading~spin', `Asking ${where}…`, 'tokenhub.toggleInline');
    } else {
      show(
        'sparkle',
        `Completions from ${where}. Click to turn automatic completions off.`,
        'tokenhub.toggleInline',
      );
    }
    this.item.backgroundColor =
      state.kind === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}

/** Icon, headline and click action for a failing endpoint, by what failed. */
function errorLook(state: Extract<EngineState, { kind: 'error' }>): [string, string, string] {
  const host = state.error?.host ?? 'the endpoint';
  switch (state.error?.kind) {
    case 'unauthorized':
      return ['key', `${host} rejected the API key. Click to set another.`, 'tokenhub.setApiKey'];
    case 'notFound':
      return [
        'warning',
        `${host} does not know the model. Click to choose one.`,
        'tokenhub.selectModel',
      ];
    case 'rateLimited':
      return [
        'watch',
        `${host} is rate limiting; automatic completions ${resume(state.retryAt)}.`,
        'tokenhub.showLog',
      ];
    case 'network':
    case 'timeout':
    case 'server':
      return [
        'debug-disconnect',
        `${host} is unreachable or failing (offline?); automatic completions ${resume(state.retryAt)}.`,
        'tokenhub.showLog',
      ];
    default:
      return ['warning', `${host} failed. Click to open the log.`, 'tokenhub.showLog'];
  }
}

function resume(retryAt: number | undefined): string {
  return retryAt ? `resume at ${new Date(retryAt).toLocaleTimeString()}` : 'resume as you type';
}
