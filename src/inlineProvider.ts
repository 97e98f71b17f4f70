import * as vscode from 'vscode';
import type { Config } from './config';
import type { CompletionEngine } from './core/engine';
import { languageEnabled } from './core/languages';
import { cursorText } from './cursorText';
import { isExcluded } from './exclusions';
import type { UsageTracker } from './usageTracker';

/**
 * The VS Code adapter: turns the editor's document, position and CancellationToken into the
 * plain query the core understands, and the core's answer into an InlineCompletionItem that
 * follows the API's range rules.
 */
/** Internal command an item runs when accepted; not in the palette. */
export const acceptedCommand = 'tokenhub.completionAccepted';

export class InlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly engine: CompletionEngine,
    private readonly config: Config,
    private readonly usage: UsageTracker,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const settings = this.config.current;
    const automatic = context.triggerKind === vscode.InlineCompletionTriggerKind.Automatic;
    // Turned off (everywhere or for this language) or over the daily budget means no automatic
    // requests; Alt+\ (an explicit trigger) still works. An excluded file is never sent.
    const paused =
      !settings.inlineEnabled ||
      !languageEnabled(settings.languages, document.languageId) ||
      this.usage.overBudget();
    if (automatic && paused) return undefined;
    if (token.isCancellationRequested || isExcluded(document, settings.exclude)) return undefined;

    // With the suggest widget open, the ghost text must extend the selected item and replace
    // the same range, so the prompt is built as if that item had been accepted.
    const selected = context.selectedCompletionInfo;
    const start = selected ? selected.range.start : position;
    const end = selected && selected.range.end.isAfter(position) ? selected.range.end : position;
    const accepted = selected?.text ?? '';

    const cancellation = new AbortController();
    const onCancel = token.onCancellationRequested(() => cancellation.abort());
    try {
      const query = {
        ...cursorText(document, start, end, accepted),
        languageId: document.languageId,
        relativePath: vscode.workspace.asRelativePath(document.uri, false),
        trigger: automatic ? ('automatic' as const) : ('explicit' as const),
      };
      // Alt+\ offers alternatives to cycle through; typing gets the one best guess.
      const results = automatic
        ? [await this.engine.complete(query, cancellation.signal)]
        : await this.engine.candidates(query, cancellation.signal);
      if (token.isCancellationRequested) return undefined;
      return results.flatMap((result) => {
        if (!result) return [];
        const range = new vscode.Range(start, end.translate(0, result.replaceChars));
        const item = new vscode.InlineCompletionItem(accepted + result.text, range);
        // Runs when the user accepts the whole suggestion: the "accepted" side of the metrics.
        item.command = {
          title: 'Accepted',
          command: acceptedCommand,
          arguments: [result.text.length],
        };
        return [item];
      });
    } finally {
      onCancel.dispose();
    }
  }
}
