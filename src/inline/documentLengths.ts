import * as vscode from 'vscode';

/**
 * The length of each document the provider reads, kept up to date from change events. VS Code
 * has no length property: `offsetAt(end)` sums line lengths, and after an edit it redoes the
 * sums of every line below the edit, a pass over the file on each keystroke. Here an edit costs
 * the size of its changes, and a document seen for the first time (or changed while this did
 * not listen) is measured once the slow way.
 */
export class DocumentLengths implements vscode.Disposable {
  private readonly known = new WeakMap<vscode.TextDocument, Measured>();
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    const known = this.known.get(event.document);
    // Each event moves the version on by one. Any other step (the length was measured at this
    // version already, or an event was missed) leaves nothing sure to add to, nor does a switch
    // of line breaks (CRLF <-> LF), which changes every one of them: measure again then.
    const { document } = event;
    if (!known || known.version !== document.version - 1 || known.eol !== document.eol) {
      this.known.delete(document);
      return;
    }
    let length = known.length;
    for (const change of event.contentChanges) length += change.text.length - change.rangeLength;
    this.known.set(document, { version: document.version, eol: document.eol, length });
  });

  /** The number of characters in `document` (line breaks included). */
  of(document: vscode.TextDocument): number {
    const known = this.known.get(document);
    if (known?.version === document.version) return known.length;
    const length = measuredLength(document);
    this.known.set(document, { version: document.version, eol: document.eol, length });
    return length;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** A length and the document state it was taken at. */
interface Measured {
  readonly version: number;
  readonly eol: vscode.EndOfLine;
  readonly length: number;
}

/** A document's length the slow way: VS Code sums the lengths of every line. */
export function measuredLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}
