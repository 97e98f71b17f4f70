import * as vscode from 'vscode';
import type { EngineSettings } from './core/engine';

/** Every setting the extension reads, typed, with defaults applied and bad values repaired. */
export interface Settings extends EngineSettings {
  /** `tokenhub.apiKey` from user settings ('' when unset). */
  readonly apiKey: string;
  readonly inlineEnabled: boolean;
  /** `max_tokens` and temperature for the command-palette prompt (longer output than ghost text). */
  readonly promptMaxTokens: number;
  readonly promptTemperature: number;
}

const section = 'tokenhub';

/**
 * The only reader of settings: one frozen snapshot, re-read when a `tokenhub.*` setting
 * changes. Settings that decide where code and keys go come from user settings only
 * (`inspect().globalValue`): a cloned repository's `.vscode/settings.json` must not be able to
 * redirect completions, and the key with them, to a server of its choosing.
 */
export class Config implements vscode.Disposable {
  private snapshot: Settings;
  private readonly changed = new vscode.EventEmitter<Settings>();
  private readonly subscription: vscode.Disposable;

  /** Fires with the new snapshot after any `tokenhub.*` setting changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly warn: (message: string) => void) {
    this.snapshot = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(section)) return;
      this.snapshot = this.read();
      this.changed.fire(this.snapshot);
    });
  }

  get current(): Settings {
    return this.snapshot;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read(): Settings {
    const config = vscode.workspace.getConfiguration(section);
    // Defaults come from package.json, the one place they are written down.
    const defaultOf = (key: string): unknown => config.inspect(key)?.defaultValue;
    const userOnly = (key: string): string => {
      const value = config.inspect(key)?.globalValue;
      return (
        typeof value === 'string' && value.trim() !== '' ? value : String(defaultOf(key))
      ).trim();
    };
    const number = (key: string, min: number, max: number): number => {
      const value = config.get<unknown>(key);
      if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) {
        return value;
      }
      const fallback = Number(defaultOf(key));
      this.warn(
        `tokenhub.${key} = ${JSON.stringify(value)} is not a number from ${min} to ${max}; using ${fallback}`,
      );
      return fallback;
    };
    const stop = config.get<unknown>('inline.stop');
    return Object.freeze({
      baseUrl: userOnly('baseUrl'),
      apiKey: userOnly('apiKey'),
      model: userOnly('model'),
      inlineEnabled: config.get<unknown>('inline.enabled') !== false,
      debounceMs: number('inline.debounceMs', 0, 2000),
      maxTokens: Math.round(number('inline.maxTokens', 1, 4096)),
      temperature: number('inline.temperature', 0, 2),
      stop: Object.freeze(
        Array.isArray(stop)
          ? stop.filter((s): s is string => typeof s === 'string' && s !== '')
          : [],
      ),
      timeoutMs: number('inline.timeoutMs', 500, 120000),
      firstTokenTimeoutMs: number('inline.firstTokenTimeoutMs', 500, 120000),
      idleTimeoutMs: number('inline.idleTimeoutMs', 500, 120000),
      promptMaxTokens: Math.round(number('prompt.maxTokens', 1, 8192)),
      promptTemperature: number('prompt.temperature', 0, 2),
    });
  }
}
