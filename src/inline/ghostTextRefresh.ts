import * as vscode from 'vscode';
import type { CompletionEngine } from '../core/engine';

/** How long a refresh asked for may take to come back as a provider call. */
const refreshAnswerMs = 1000;

/** A spot in a document: the same document, unedited, with the cursor at the same offset. */
interface Spot {
  readonly uri: string;
  readonly version: number;
  readonly offset: number;
}

/**
 * Grows ghost text while its stream runs. The stable API takes items once per provider call,
 * and VS Code calls again on keystrokes, not while the user sits still: so when the engine says
 * a partial answer can grow (or its stream ended), and the editor is still where that answer
 * was given, this asks VS Code to fetch again.
 *
 * How, was read from VS Code 1.139's inlineCompletionsModel/inlineCompletionsSource and checked
 * in the real host (test/integration/growingGhostText.test.ts): a fetch at the same cursor and
 * document version is skipped when the suggestions on screen came from a request that
 * "satisfies" it: any earlier request for an automatic trigger, an explicit one for an explicit
 * trigger; naming this provider (`providerId`) does not change that. So the suggestion is
 * hidden and fetched again explicitly, back to back. The explicit trigger would read as the
 * user's Alt+\ (alternatives, no debounce): the provider tells its own refresh by the spot it
 * asked for (`isRefresh`).
 */
export class GhostTextRefresh implements vscode.Disposable {
  /** Where the last automatic answer was given. */
  private shownAt: Spot | undefined;
  /** Where a refresh was asked for and VS Code has not called back yet, and since when. */
  private pending: { readonly spot: Spot; readonly at: number } | undefined;
  private readonly unsubscribe: () => void;

  constructor(engine: CompletionEngine) {
    this.unsubscribe = engine.onGrowth(() => this.refresh());
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** The provider answered at this spot. */
  answered(document: vscode.TextDocument, position: vscode.Position): void {
    this.shownAt = spotOf(document, position);
  }

  /** Whether this provider call is the refresh asked for (consumed by the call). */
  isRefresh(document: vscode.TextDocument, position: vscode.Position): boolean {
    const pending = this.pending;
    this.pending = undefined;
    return (
      pending !== undefined &&
      Date.now() - pending.at < refreshAnswerMs &&
      sameSpot(pending.spot, spotOf(document, position))
    );
  }

  private async askAgain(): Promise<void> {
    // Hidden only to be replaced at once: the new answer holds the old text and more.
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  private refresh(): void {
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
    offset: document.offsetAt(position),
  };
}

function sameSpot(a: Spot, b: Spot): boolean {
  return a.uri === b.uri && a.version === b.version && a.offset === b.offset;
}
