import * as vscode from 'vscode';
import type { Config } from '../settings/config';
import { hostOf, isPlainHttpRemote, originOf } from '../core/endpoint';
import type { Log } from '../settings/log';

/** Where the key in use came from, for the status tooltip and the log (never the key itself). */
export type KeySource = 'secret storage' | 'settings' | 'TOKENHUB_API_KEY';

/** Why a configured key is not being sent to the current endpoint. */
export type KeyWithheld =
  | { readonly reason: 'otherOrigin'; readonly boundTo: string; readonly origin: string }
  | { readonly reason: 'plainHttp'; readonly origin: string };

const secretName = 'tokenhub.apiKey';
const httpConsentKey = 'tokenhub.plainHttpOrigins';

/** What SecretStorage holds: the key and the origin it was entered for. */
interface StoredKey {
  readonly key: string;
  readonly origin: string;
}

/**
 * Resolves the API key: VS Code's SecretStorage (set with "TokenHub: Set API Key") wins over
 * the `tokenhub.apiKey` user setting, which wins over the TOKENHUB_API_KEY environment
 * variable. The stored key is bound to the origin it was entered for: after the base URL moves
 * to another origin it is not sent there until the user says so, and no key goes over plain
 * http to another machine without consent. The secret is read once and kept in memory, so
 * resolving the key on the keystroke path is synchronous and free.
 */
export class ApiKeys implements vscode.Disposable {
  private stored: StoredKey | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly announced = new Set<string>();

  /** Fires when the key in use may have changed (stored key, consent, or settings). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly config: Config,
    private readonly log: Log,
    private readonly state: vscode.Memento,
  ) {
    this.subscriptions.push(
      this.changed,
      secrets.onDidChange(async (event) => {
        if (event.key === secretName) await this.load();
      }),
      config.onDidChange(() => {
        this.log.addSecret(config.current.apiKey);
        this.announceWithheld();
      }),
    );
    this.log.addSecret(config.current.apiKey);
    this.log.addSecret(process.env.TOKENHUB_API_KEY);
  }

  /** Reads the stored key. A failing secret store is said once; the other sources still work. */
  async load(): Promise<void> {
    try {
      this.stored = parseStored(
        await this.secrets.get(secretName),
        originOf(this.config.current.baseUrl),
      );
    } catch (error) {
      this.stored = undefined;
      this.log.error(`secret storage is unavailable: ${String(error)}`);
      void vscode.window.showErrorMessage(
        "TokenHub: VS Code's secret storage is unavailable on this system (no keyring?), so a key cannot be stored securely. " +
          'Use the tokenhub.apiKey user setting or the TOKENHUB_API_KEY environment variable instead.',
      );
    }
    this.log.addSecret(this.stored?.key);
    this.changed.fire();
    this.announceWithheld();
  }

  /** The key to send to the current endpoint, or undefined when there is none (or it is withheld). */
  current(): string | undefined {
    return this.withheld() ? undefined : this.configured()?.key;
  }

  /** Where the current key comes from, or undefined when none is sent. */
  source(): KeySource | undefined {
    return this.withheld() ? undefined : this.configured()?.source;
  }

  /** Why a configured key is not sent to the current endpoint, or undefined when it is. */
  withheld(): KeyWithheld | undefined {
    const baseUrl = this.config.current.baseUrl;
    const origin = originOf(baseUrl);
    const configured = this.configured();
    if (!configured) return undefined;
    if (configured.source === 'secret storage' && this.stored && this.stored.origin !== origin) {
      return { reason: 'otherOrigin', boundTo: this.stored.origin, origin };
    }
    const consented = this.state.get<string[]>(httpConsentKey, []).includes(origin);
    if (isPlainHttpRemote(baseUrl) && !consented) return { reason: 'plainHttp', origin };
    return undefined;
  }

  /** Stores `key` for the current endpoint's origin. */
  async store(key: string): Promise<void> {
    this.log.addSecret(key);
    const stored = { key, origin: originOf(this.config.current.baseUrl) };
    await this.secrets.store(secretName, JSON.stringify(stored));
    this.stored = stored;
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(secretName);
    this.stored = undefined;
    this.changed.fire();
  }

  /** Lifts what `withheld()` reports, after the user agreed to it. */
  async allowWithheld(): Promise<void> {
    const withheld = this.withheld();
    if (withheld?.reason === 'otherOrigin' && this.stored) {
      await this.store(this.stored.key);
    } else if (withheld?.reason === 'plainHttp') {
      const origins = this.state.get<string[]>(httpConsentKey, []);
      await this.state.update(httpConsentKey, [...origins, withheld.origin]);
      this.changed.fire();
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private configured(): { key: string; source: KeySource } | undefined {
    if (this.stored) return { key: this.stored.key, source: 'secret storage' };
    const fromSettings = this.config.current.apiKey;
    if (fromSettings) return { key: fromSettings, source: 'settings' };
    const fromEnv = process.env.TOKENHUB_API_KEY?.trim();
    if (fromEnv) return { key: fromEnv, source: 'TOKENHUB_API_KEY' };
    return undefined;
  }

  /** Tells the user, once per situation, that a key is being held back and why. */
  private announceWithheld(): void {
    const withheld = this.withheld();
    if (!withheld) return;
    const id = JSON.stringify(withheld);
    if (this.announced.has(id)) return;
    this.announced.add(id);
    const host = hostOf(withheld.origin);
    const message =
      withheld.reason === 'otherOrigin'
        ? `TokenHub: your stored API key was set for ${hostOf(withheld.boundTo)}; it is not sent to ${host} unless you allow it.`
        : `TokenHub: ${withheld.origin} is plain http, so your API key would travel unencrypted; it is not sent there unless you allow it.`;
    this.log.warn(message);
    void vscode.window
      .showWarningMessage(message, `Send Key to ${host}`, 'Set API Key')
      .then(async (picked) => {
        if (picked === 'Set API Key') await vscode.commands.executeCommand('tokenhub.setApiKey');
        else if (picked) await this.allowWithheld();
      });
  }
}

/** Reads what SecretStorage holds; a bare key (no origin recorded) is bound to `origin`. */
function parseStored(raw: string | undefined, origin: string): StoredKey | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredKey>;
    if (typeof value.key === 'string' && value.key && typeof value.origin === 'string') {
      return { key: value.key, origin: value.origin };
    }
  } catch {
    // Not JSON: a bare key.
  }
  return { key: raw, origin };
}
