import * as vscode from 'vscode';
import type { FimSetting } from '../core/fim/fimDecisions';
import { parseFimTemplate } from '../core/prompt/fimTemplate';

const fimSettings: readonly FimSetting[] = ['auto', 'field', 'template', 'off'];

/**
 * Reads `tokenhub.inline.fim` and `tokenhub.inline.fimTemplate`. A template that cannot work
 * (no `{prefix}`, an unknown placeholder or family name) is logged and shown once as a
 * notification, and `auto` is used until it is fixed: completions keep working meanwhile.
 *
 * Both are window-scoped: they change only how the same text of the current file is framed
 * for the same endpoint, never where it goes or which files are read, so a project may pin the
 * format of the model its team serves.
 */
export class FimSettingsReader {
  /** The bad template last notified, so a notification is shown once, not on every change. */
  private notified: string | undefined;

  constructor(private readonly warn: (message: string) => void) {}

  read(config: vscode.WorkspaceConfiguration): { fim: FimSetting; fimTemplate: string } {
    const fim = config.get<unknown>('inline.fim');
    const template = config.get<unknown>('inline.fimTemplate');
    const fimTemplate = typeof template === 'string' ? template : 'auto';
    const parsed = parseFimTemplate(fimTemplate);
    if (parsed.kind !== 'invalid') {
      this.notified = undefined;
      return { fim: this.fimOf(fim), fimTemplate };
    }
    const message = `tokenhub.inline.fimTemplate: ${parsed.message} Using "auto" until it is fixed.`;
    this.warn(message);
    if (this.notified !== fimTemplate) {
      this.notified = fimTemplate;
      void vscode.window.showWarningMessage(`TokenHub: ${message}`);
    }
    return { fim: this.fimOf(fim), fimTemplate: 'auto' };
  }

  private fimOf(value: unknown): FimSetting {
    if (fimSettings.includes(value as FimSetting)) return value as FimSetting;
    this.warn(
      `tokenhub.inline.fim = ${JSON.stringify(value)} is not one of ${fimSettings.join(', ')}; using auto`,
    );
    return 'auto';
  }
}
