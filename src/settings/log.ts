import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { redact } from '../core/redact';

/**
 * The extension's one LogOutputChannel ("TokenHub Inline" in the Output view). Every line goes
 * through `redact`, so an API key cannot reach the log whatever a caller passes in.
 */
export class Log implements Logger, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('TokenHub Inline', { log: true });
  private readonly secrets = new Set<string>();

  /** Adds a value that must never appear in the log (the current API key). */
  addSecret(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(message: string): string {
    return redact(message, this.secrets);
  }
}
