import * as vscode from 'vscode';
import type { Config } from './config';
import type { Log } from './log';

/** Where the key in use came from, for the status tooltip and the log (never the key itself). */
export type KeySource = 'secret storage' | 'settings' | 'TOKENHUB_API_KEY';

const secretName = 'tokenhub.apiKey';

/**
 * Resolves the API key: VS Code's SecretStorage (set with "TokenHub: Set API Key") wins over
 * the `tokenhub.apiKey` user setting, which wins over the TOKENHUB_API_KEY environment
 * variable. The stored secret is read once and kept in memory, so resolving the key on the
 * keystroke path is synchronous and free.
 */
export class ApiKeys implements vscode.Disposable {
  private stored: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Fires when the stored key changed (here or in another window). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly config: Config,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      this.changed,
      secrets.onDidChange(async (event) => {
        if (event.key === secretName) await this.load();
      }),
      config.onDidChange(() => this.log.addSecret(config.current.apiKey)),
    );
    this.log.addSecret(config.current.apiKey);
    this.log.addSecret(process.env.TOKENHUB_API_KEY);
  }

  /** Reads the stored key; a failing secret store is logged, and the other sources still work. */
  async load(): Promise<void> {
    try {
      this.stored = (await this.secrets.get(secretName)) || undefined;
    } catch (error) {
      this.stored = undefined;
      this.log.error(`could not read the key from secret storage: ${String(error)}`);
    }
    this.log.addSecret(this.stored);
    this.changed.fire();
  }

  /** The key to send, or undefined when none is configured anywhere. */
  current(): string | undefined {
    return this.resolve()?.key;
  }

  /** Where the current key comes from, or undefined when there is none. */
  source(): KeySource | undefined {
    return this.resolve()?.source;
  }

  async store(key: string): Promise<void> {
    this.log.addSecret(key);
    await this.secrets.store(secretName, key);
    this.stored = key;
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(secretName);
    this.stored = undefined;
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private resolve(): { key: string; source: KeySource } | undefined {
    if (this.stored) return { key: this.stored, source: 'secret storage' };
    const fromSettings = this.config.current.apiKey;
    if (fromSettings) return { key: fromSettings, source: 'settings' };
    const fromEnv = process.env.TOKENHUB_API_KEY?.trim();
    if (fromEnv) return { key: fromEnv, source: 'TOKENHUB_API_KEY' };
    return undefined;
  }
}
