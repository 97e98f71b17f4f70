import * as vscode from 'vscode';
import type { Config } from '../settings/config';
import type { CompletionEngine, CompletionQuery } from '../core/engine';
import type { EditorIndentation } from '../core/postprocess/context';
import { languageEnabled } from '../core/languages';
import { cursorText } from './cursorText';
import { DocumentLengths } from './documentLengths';
import { GhostTextRefresh } from './ghostTextRefresh';
import { isExcluded } from '../settings/exclusions';
import type { UsageTracker } from '../usage/usageTracker';

/** Internal command an item runs when accepted; not in the palette. */
const acceptedCommand = 'tokenhub.completionAccepted';

/**
 * The VS Code adapter: turns the editor's document, position and CancellationToken into the
 * plain query the core understands, and the core's answer into an InlineCompletionItem that
 * follows the API's range rules. It also hears about accepted suggestions (metrics, and the
 * optional prefetch of the next one).
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  private readonly onAccepted: vscode.Disposable;
  private readonly lengths = new DocumentLengths();
  /** Asks VS Code again while a partial answer's stream runs. */
  private readonly refresh: GhostTextRefresh;

  constructor(
    private readonly engine: CompletionEngine,
    private readonly config: Config,
    private readonly usage: UsageTracker,
  ) {
    this.onAccepted = vscode.commands.registerCommand(acceptedCommand, (chars: number) =>
      this.accepted(chars),
    );
    this.refresh = new GhostTextRefresh(engine);
  }

  dispose(): void {
    this.onAccepted.dispose();
    this.lengths.dispose();
    this.refresh.dispose();
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // Our own refresh of a growing suggestion is neither the user's Alt+\ nor a keystroke.
    const refresh = this.refresh.isRefresh(document, position, context);
    const automatic =
      refresh || context.triggerKind === vscode.InlineCompletionTriggerKind.Automatic;
    if (token.isCancellationRequested || !this.mayAsk(document, automatic)) return undefined;

    // With the suggest widget open, the ghost text must extend the selected item and replace
    // the same range, so the prompt is built as if that item had been accepted.
    const selected = context.selectedCompletionInfo;
    const start = selected ? selected.range.start : position;
    const end = selected && selected.range.end.isAfter(position) ? selected.range.end : position;
    const accepted = selected?.text ?? '';

    const cancellation = new AbortController();
    const onCancel = token.onCancellationRequested(() => cancellation.abort());
    try {
      const trigger = refresh ? 'refresh' : automatic ? 'automatic' : 'explicit';
      const query = queryAt(document, start, end, accepted, trigger, this.lengths.of(document));
      // Alt+\ offers alternatives to cycle through; typing gets the one best guess.
      const results = automatic
        ? [await this.engine.complete(query, cancellation.signal)]
        : await this.engine.candidates(query, cancellation.signal);
      if (token.isCancellationRequested) return undefined;
      if (automatic && !selected) this.refresh.answered(document, position);
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

  /**
   * Turned off (everywhere or for this language) or over the daily budget means no automatic
   * requests; Alt+\ (an explicit trigger) still works. An excluded file is never sent.
   */
  private mayAsk(document: vscode.TextDocument, automatic: boolean): boolean {
    const settings = this.config.current;
    if (isExcluded(document, settings.exclude)) return false;
    const paused =
      !settings.inlineEnabled ||
      !languageEnabled(settings.languages, document.languageId) ||
      this.usage.overBudget();
    return !(automatic && paused);
  }

  /**
   * Counts the acceptance and, with `tokenhub.inline.prefetch`, asks for the next suggestion at
   * once (no debounce): the user just took one and is likely to want the next.
   */
  private accepted(chars: number): void {
    this.engine.metrics.accepted++;
    this.engine.metrics.charsAccepted += chars;
    const editor = vscode.window.activeTextEditor;
    if (!this.config.current.prefetch || !editor || !this.mayAsk(editor.document, true)) return;
    const position = editor.selection.active;
    const length = this.lengths.of(editor.document);
    const query = queryAt(editor.document, position, position, '', 'prefetch', length);
    void this.engine.complete(query, new AbortController().signal);
  }
}

function queryAt(
  document: vscode.TextDocument,
  start: vscode.Position,
  end: vscode.Position,
  accepted: string,
  trigger: CompletionQuery['trigger'],
  length: number,
): CompletionQuery {
  return {
    ...cursorText(document, start, end, accepted, length),
    languageId: document.languageId,
    relativePath: vscode.workspace.asRelativePath(document.uri, false),
    repoName: vscode.workspace.getWorkspaceFolder(document.uri)?.name ?? vscode.workspace.name,
    trigger,
    ...indentationOf(document),
  };
}

/** The editor's tabs/spaces and tab size, so multi-line ghost text is indented its way. */
function indentationOf(document: vscode.TextDocument): EditorIndentation {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const { insertSpaces, tabSize } = editor?.options ?? {};
  return {
    ...(typeof insertSpaces === 'boolean' ? { insertSpaces } : {}),
    ...(typeof tabSize === 'number' ? { tabSize } : {}),
  };
}
