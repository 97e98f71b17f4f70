import * as vscode from 'vscode';

/**
 * The length of each document the provider reads, kept up to date from change events. VS Code
 * has no length property: `offsetAt(end)` sums line lengths, and after an edit it redoes the
 * sums of every line below the edit, a pass over the file on each keystroke. Here an edit costs
 * the size of its changes, and a document seen for the first time (or changed while this did
 * not listen) is measured once the slow way.
 */
export class DocumentLengths implements vscode.Disposable {
  private readonly known = new WeakMap<vscode.TextDocument, { version: number; length: number }>();
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    const known = this.known.get(event.document);
    if (!known) return;
    let length = known.length;
    for (const change of event.contentChanges) length += change.text.length - change.rangeLength;
    this.known.set(event.document, { version: event.document.version, length });
  });

  /** The number of characters in `document` (line breaks included). */
  of(document: vscode.TextDocument): number {
    const known = this.known.get(document);
    if (known?.version === document.version) return known.length;
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    this.known.set(document, { version: document.version, length });
    return length;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
