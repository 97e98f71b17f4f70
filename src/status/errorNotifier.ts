import * as vscode from 'vscode';
import type { CompletionEngine } from '../core/engine';
import type { EngineState } from '../core/engineStatus';

/**
 * Turns a failing endpoint into one notification with the action that fixes it, never one per
 * keystroke: each (problem, host) is announced once, and again only after a completion has
 * succeeded in between. Everything else (rate limits, an unreachable server) is left to the
 * status bar, because it fixes itself.
 */
export class ErrorNotifier implements vscode.Disposable {
  private readonly announced = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(engine: CompletionEngine) {
    this.unsubscribe = engine.onStateChange((state) => this.onState(state));
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onState(state: EngineState): void {
    if (state.kind === 'ready') {
      this.announced.clear();
      return;
    }
    if (state.kind !== 'error') return;
    const notice = noticeFor(state);
    if (!notice || this.announced.has(notice.id)) return;
    this.announced.add(notice.id);
    void vscode.window.showErrorMessage(notice.message, notice.action).then((picked) => {
      if (picked) void vscode.commands.executeCommand(notice.command);
    });
  }
}

interface Notice {
  readonly id: string;
  readonly message: string;
  readonly action: string;
  readonly command: string;
}

function noticeFor(state: Extract<EngineState, { kind: 'error' }>): Notice | undefined {
  const error = state.error;
  if (!error) {
    return {
      id: `config:${state.message}`,
      message: `TokenHub: ${state.message}`,
      action: 'Open Settings',
      command: 'workbench.action.openSettingsJson',
    };
  }
  const status = error.status ? `HTTP ${error.status}: ` : '';
  if (error.kind === 'unauthorized') {
    return {
      id: `unauthorized:${error.host}`,
      message: `TokenHub: ${error.host} rejected the API key (${status}${error.message}).`,
      action: 'Set API Key',
      command: 'tokenhub.setApiKey',
    };
  }
  if (error.kind === 'notFound') {
    return {
      id: `notFound:${error.host}`,
      message: `TokenHub: ${error.host} does not know the model or the completions route (${status}${error.message}).`,
      action: 'Select Model',
      command: 'tokenhub.selectModel',
    };
  }
  return undefined;
}
