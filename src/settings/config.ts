import * as vscode from 'vscode';
import type { EngineSettings } from '../core/engine';
import type { FimSetting } from '../core/fim/fimDecisions';
import { FimSettingsReader } from './fimSettings';

/** Every setting the extension reads, typed, with defaults applied and bad values repaired. */
export interface Settings extends EngineSettings {
  /** `tokenhub.apiKey` from user settings ('' when unset). */
  readonly apiKey: string;
  readonly inlineEnabled: boolean;
  /** `tokenhub.inline.prefetch`: ask for the next suggestion as soon as one is accepted. */
  readonly prefetch: boolean;
  /** `tokenhub.inline.languages`: automatic completions per language id (`*` for the rest). */
  readonly languages: Readonly<Record<string, boolean>>;
  /** `tokenhub.exclude`: globs of files never sent; the user's, the default and the workspace's. */
  readonly exclude: readonly string[];
  /** `max_tokens` and temperature for the command-palette prompt (longer output than ghost text). */
  readonly promptMaxTokens: number;
  readonly promptTemperature: number;
  /** Tokens per day after which automatic completions pause; 0 for no budget. */
  readonly dailyTokenBudget: number;
  readonly fim: FimSetting;
  readonly fimTemplate: string;
  /** `tokenhub.context.enabled`: snippets of other open files go into the prompt. */
  readonly contextEnabled: boolean;
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
  private readonly fim: FimSettingsReader;

  /** Fires with the new snapshot after any `tokenhub.*` setting changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly warn: (message: string) => void) {
    this.fim = new FimSettingsReader(warn);
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
    const languages = config.get<unknown>('inline.languages');
    return Object.freeze({
      baseUrl: userOnly('baseUrl'),
      apiKey: userOnly('apiKey'),
      model: userOnly('model'),
      inlineEnabled: config.get<unknown>('inline.enabled') !== false,
      languages: Object.freeze(
        Object.fromEntries(
          Object.entries(typeof languages === 'object' && languages ? languages : {}).filter(
            (entry): entry is [string, boolean] => typeof entry[1] === 'boolean',
          ),
        ),
      ),
      exclude: Object.freeze(excludePatterns(config.inspect('exclude'))),
      debounceMs: number('inline.debounceMs', 0, 2000),
      candidates: Math.round(number('inline.candidates', 1, 5)),
      prefetch: config.get<unknown>('inline.prefetch') === true,
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
      dailyTokenBudget: Math.round(number('dailyTokenBudget', 0, 1e12)),
      ...this.fim.read(config),
      contextEnabled: onAtEveryLevel(config.inspect('context.enabled')),
    });
  }
}

/**
 * Every level adds patterns and none removes them: a workspace can protect more of its files,
 * but cannot make the user's (or the default) exclusions go away.
 */
function excludePatterns(
  inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>,
): string[] {
  const levels = [
    inspected?.defaultValue,
    inspected?.globalValue,
    inspected?.workspaceValue,
    inspected?.workspaceFolderValue,
  ];
  const patterns = levels.flatMap((value) => (Array.isArray(value) ? value : []));
  return [
    ...new Set(patterns.filter((p): p is string => typeof p === 'string' && p.trim() !== '')),
  ];
}

/**
 * True unless some level says false: a workspace can keep its files out of other files'
 * prompts, but cannot turn context back on when the user turned it off.
 */
function onAtEveryLevel(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>): boolean {
  const levels = [
    inspected?.defaultValue,
    inspected?.globalValue,
    inspected?.workspaceValue,
    inspected?.workspaceFolderValue,
  ];
  return !levels.includes(false);
}
