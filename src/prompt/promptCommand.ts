import * as vscode from 'vscode';
import type { Config } from '../settings/config';
import { streamCompletion } from '../core/api/completions';
import { ApiError, isAbortError } from '../core/api/errors';
import { hostOf, isLoopback } from '../core/endpoint';
import { buildInstructionPrompt } from '../core/prompt/instructionPrompt';
import { reportingOutcome, tokensUsed } from '../core/usage';
import { cursorText } from '../inline/cursorText';
import { isExcluded } from '../settings/exclusions';
import type { Log } from '../settings/log';
import type { ApiKeys } from '../apiKey/apiKeys';
import { StreamingInsertion } from './streamingInsertion';
import type { UsageTracker } from '../usage/usageTracker';

const recentKey = 'tokenhub.recentPrompts';
const maxRecent = 10;

/**
 * `tokenhub.prompt`: asks for an instruction (or takes `{ prompt }` from a keybinding), then
 * streams the answer into the editor: replacing the selection if there is one, else at the
 * cursor. Cancelling keeps what was written so far; one Undo removes all of it. The command
 * resolves when the text is complete, so automation can await it.
 */
export class PromptCommand {
  constructor(
    private readonly config: Config,
    private readonly keys: ApiKeys,
    private readonly log: Log,
    private readonly state: vscode.Memento,
    private readonly usage: UsageTracker,
  ) {}

  async run(argument?: { prompt?: unknown }): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage('TokenHub: open a file to complete from a prompt.');
      return;
    }
    if (isExcluded(editor.document, this.config.current.exclude)) {
      void vscode.window.showWarningMessage(
        'TokenHub: this file matches tokenhub.exclude, so its text is never sent. Nothing was sent.',
      );
      return;
    }
    const instruction =
      typeof argument?.prompt === 'string' ? argument.prompt : await this.askInstruction();
    if (!instruction?.trim()) return;
    await this.remember(instruction.trim());

    const settings = this.config.current;
    const apiKey = this.keys.current();
    if (!apiKey && !isLoopback(settings.baseUrl)) {
      const picked = await vscode.window.showErrorMessage(
        `TokenHub: no API key for ${hostOf(settings.baseUrl)}.`,
        'Set API Key',
      );
      if (picked) await vscode.commands.executeCommand('tokenhub.setApiKey');
      return;
    }

    const document = editor.document;
    const selection = editor.selection;
    const { prefix, suffix } = cursorText(document, selection.start, selection.end);
    const { prompt, stop } = buildInstructionPrompt({
      prefix,
      suffix,
      languageId: document.languageId,
      relativePath: vscode.workspace.asRelativePath(document.uri, false),
      instruction,
      selection: document.getText(selection),
    });

    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'TokenHub: writing…',
        cancellable: true,
      },
      async (_progress, token) => {
        const cancel = new AbortController();
        const insertion = new StreamingInsertion(editor, selection);
        const subscriptions = [
          token.onCancellationRequested(() => cancel.abort()),
          // A closed document cannot take more text: stop the request with it.
          vscode.workspace.onDidCloseTextDocument((closed) => {
            if (closed === document) cancel.abort();
          }),
          insertion,
        ];
        try {
          let received = 0;
          const stream = reportingOutcome(
            streamCompletion(
              {
                baseUrl: settings.baseUrl,
                apiKey,
                model: settings.model,
                prompt,
                maxTokens: settings.promptMaxTokens,
                temperature: settings.promptTemperature,
                stop,
                // Longer answers than ghost text: a minute overall, the same silence limits.
                timeoutMs: Math.max(settings.timeoutMs, 60_000),
                firstEventTimeoutMs: settings.firstTokenTimeoutMs,
                idleTimeoutMs: settings.idleTimeoutMs,
              },
              cancel.signal,
              { logger: this.log },
            ),
            (outcome) => this.usage.record(tokensUsed(prompt.length, received, outcome.usage)),
          );
          for await (const delta of stream) {
            received += delta.length;
            if (!(await insertion.append(delta))) {
              void vscode.window.showWarningMessage(
                insertion.conflict
                  ? 'TokenHub: stopped writing because the inserted text was edited.'
                  : 'TokenHub: stopped writing because the editor was closed.',
              );
              break;
            }
          }
        } catch (error) {
          if (!isAbortError(error)) this.report(error);
        } finally {
          for (const subscription of subscriptions) subscription.dispose();
        }
      },
    );
  }

  private async askInstruction(): Promise<string | undefined> {
    const recent = this.state.get<string[]>(recentKey, []);
    const picker = vscode.window.createQuickPick();
    picker.title = 'TokenHub: Complete from Prompt';
    picker.placeholder = 'What should be written here? (Enter to send)';
    picker.items = recent.map((label) => ({ label, description: 'recent' }));
    picker.show();
    return new Promise((resolve) => {
      picker.onDidAccept(() => {
        // Typed text wins over a highlighted recent prompt unless the user moved to one.
        resolve(picker.selectedItems[0]?.label ?? picker.value);
        picker.hide();
      });
      picker.onDidHide(() => {
        resolve(undefined);
        picker.dispose();
      });
    });
  }

  private async remember(instruction: string): Promise<void> {
    const recent = this.state.get<string[]>(recentKey, []).filter((p) => p !== instruction);
    await this.state.update(recentKey, [instruction, ...recent].slice(0, maxRecent));
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.log.warn(`prompt failed: ${message}`);
    const unauthorized = error instanceof ApiError && error.kind === 'unauthorized';
    void vscode.window
      .showErrorMessage(`TokenHub: ${message}`, ...(unauthorized ? ['Set API Key'] : []))
      .then((picked) => {
        if (picked) void vscode.commands.executeCommand('tokenhub.setApiKey');
      });
  }
}
