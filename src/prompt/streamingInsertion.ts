import * as vscode from 'vscode';

/**
 * Writes streamed text into a document at a place that stays right while the user edits
 * elsewhere: the insertion point is an offset, shifted by every edit made before it. All the
 * pieces form one undo step (only the first edit opens an undo stop), so one Undo removes
 * the whole insertion and restores any replaced selection.
 */
export class StreamingInsertion implements vscode.Disposable {
  private start: number;
  private length = 0;
  private replaced: number;
  /** Our own edits not yet seen in a change event, told apart by position and text. */
  private readonly pending: { offset: number; rangeLength: number; text: string }[] = [];
  private first = true;
  private readonly subscription: vscode.Disposable;

  /** Set when the user edited inside the inserted text; the stream should stop. */
  conflict = false;

  constructor(
    private readonly editor: vscode.TextEditor,
    range: vscode.Range,
  ) {
    const document = editor.document;
    this.start = document.offsetAt(range.start);
    this.replaced = document.offsetAt(range.end) - this.start;
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document) return;
      for (const change of event.contentChanges) {
        if (!this.isOwn(change)) this.shift(change);
      }
    });
  }

  /** Appends `text` at the end of what was inserted so far. False when it could not be written. */
  async append(text: string): Promise<boolean> {
    if (text === '' || this.conflict) return !this.conflict;
    const document = this.editor.document;
    const from = document.positionAt(this.start + this.length);
    const to = document.positionAt(this.start + this.length + this.replaced);
    const own = { offset: this.start + this.length, rangeLength: this.replaced, text };
    this.pending.push(own);
    const range = new vscode.Range(from, to);
    const applied =
      (await this.editor
        .edit((edit) => edit.replace(range, text), {
          undoStopBefore: this.first,
          undoStopAfter: false,
        })
        .then(undefined, () => false)) ||
      // The editor was hidden (another tab came to the front): TextEditor edits are refused
      // then, but the document still takes a workspace edit, so the text keeps its place.
      (!document.isClosed && (await this.applyToDocument(range, text)));
    if (!applied) {
      this.pending.splice(this.pending.indexOf(own), 1);
      return false;
    }
    this.first = false;
    this.replaced = 0;
    this.length += text.length;
    return true;
  }

  private async applyToDocument(range: vscode.Range, text: string): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.editor.document.uri, range, text);
    return vscode.workspace.applyEdit(edit);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private isOwn(change: vscode.TextDocumentContentChangeEvent): boolean {
    const own = this.pending[0];
    if (
      !own ||
      change.rangeOffset !== own.offset ||
      change.rangeLength !== own.rangeLength ||
      change.text !== own.text
    ) {
      return false;
    }
    this.pending.shift();
    return true;
  }

  private shift(change: vscode.TextDocumentContentChangeEvent): void {
    const end = this.start + this.length + this.replaced;
    if (change.rangeOffset + change.rangeLength <= this.start) {
      this.start += change.text.length - change.rangeLength;
    } else if (change.rangeOffset < end) {
      this.conflict = true;
    }
  }
}
