import * as vscode from 'vscode';
import type { CompletionEngine } from '../core/engine';
import { refreshSpacingMs } from '../core/growingAnswer';

/** How long the calls of a refresh asked for may take to come back (a busy editor is slow). */
const refreshAnswerMs = 3000;

/**
 * A spot in a document: the same document, unedited, with the cursor at the same line and
 * character (not an offset: `offsetAt` re-sums every line after an edit, once per keystroke).
 */
interface Spot {
  readonly uri: string;
  readonly version: number;
  readonly line: number;
  readonly character: number;
}

/**
 * Grows ghost text while its stream runs. The stable API takes items once per provider call,
 * and VS Code calls again on keystrokes, not while the user sits still: so when the engine says
 * a partial answer can grow (or its stream ended), and the editor is still where that answer
 * was given, this asks VS Code to fetch again.
 *
 * How, was read from VS Code 1.139's inlineCompletionsModel/inlineCompletionsSource and checked
 * in the real host (test/integration/inline/growingGhostText.test.ts): a fetch at the same cursor and
 * document version is skipped when the suggestions on screen came from a request that
 * "satisfies" it: any earlier request for an automatic trigger, an explicit one for an explicit
 * trigger; naming this provider (`providerId`) does not change that; and an explicit fetch
 * keeps the suggestion on screen first in its list, so the grown one would not show. So the
 * suggestion is hidden and fetched again explicitly, back to back: it is gone for one round
 * trip to the extension host, which is why refreshes are spaced (`refreshSpacingMs`). The
 * explicit trigger would read as the user's Alt+\ (alternatives, no debounce): the provider
 * tells its own refresh by the spot it asked for (`isRefresh`).
 */
export class GhostTextRefresh implements vscode.Disposable {
  /** Where the last automatic answer was given. */
  private shownAt: Spot | undefined;
  /** Where a refresh was asked for and VS Code has not called back yet, and since when. */
  private pending: { readonly spot: Spot; readonly at: number } | undefined;
  private readonly unsubscribe: () => void;
  private lastAsked = 0;
  private waiting: ReturnType<typeof setTimeout> | undefined;

  constructor(engine: CompletionEngine) {
    this.unsubscribe = engine.onGrowth(() => this.refresh());
  }

  dispose(): void {
    clearTimeout(this.waiting);
    this.unsubscribe();
  }

  /** The provider answered at this spot. */
  answered(document: vscode.TextDocument, position: vscode.Position): void {
    this.shownAt = spotOf(document, position);
  }

  /**
   * Whether this provider call is the refresh asked for: explicit (the command's trigger), at
   * its spot, soon after. VS Code may call more than once for one trigger, so the mark stays
   * until a call that is not the refresh (a keystroke, or Alt+\ elsewhere).
   */
  isRefresh(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
  ): boolean {
    const pending = this.pending;
    const refresh =
      pending !== undefined &&
      context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke &&
      Date.now() - pending.at < refreshAnswerMs &&
      sameSpot(pending.spot, spotOf(document, position));
    if (!refresh) this.pending = undefined;
    return refresh;
  }

  private async askAgain(): Promise<void> {
    this.lastAsked = Date.now();
    // Hidden only to be replaced at once by the new answer, the old text and more. Not
    // awaiting the hide was tried: the editor then skipped the fetch.
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  private refresh(): void {
    clearTimeout(this.waiting);
    // Each refresh blanks the suggestion for a round trip to the extension host: grow it in a
    // few steps rather than one per word.
    const wait = this.lastAsked + refreshSpacingMs - Date.now();
    if (wait > 0) {
      this.waiting = setTimeout(() => this.refresh(), wait);
      return;
    }
    const editor = vscode.window.activeTextEditor;
    const shownAt = this.shownAt;
    if (!editor || !shownAt || !editor.selection.isEmpty) return;
    const here = spotOf(editor.document, editor.selection.active);
    // The user moved or typed since: VS Code asks there by itself.
    if (!sameSpot(shownAt, here)) return;
    this.pending = { spot: here, at: Date.now() };
    void this.askAgain();
  }
}

function spotOf(document: vscode.TextDocument, position: vscode.Position): Spot {
  return {
    uri: document.uri.toString(),
    version: document.version,
    line: position.line,
    character: position.character,
  };
}

function sameSpot(a: Spot, b: Spot): boolean {
  return (
    a.uri === b.uri && a.version === b.version && a.line === b.line && a.character === b.character
  );
}
