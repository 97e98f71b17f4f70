/** Where the user last edited a document: a line, kept in place as later edits move it. */
export interface RecentEdit {
  readonly key: string;
  readonly line: number;
}

/** An edit as an editor reports it: lines `[startLine, endLine]` replaced by new text. */
export interface LineChange {
  readonly startLine: number;
  readonly endLine: number;
  /** Line breaks in the inserted text. */
  readonly insertedLineBreaks: number;
}

/**
 * The last few places the user edited, most recent last (Copilot keeps 8 edits over 20 files).
 * Typing along one spot is one edit, not one per keystroke: an edit within `nearLines` of the
 * document's latest one moves it instead of adding another. Recording costs a few comparisons,
 * so it can run on every keystroke.
 */
export class RecentEdits {
  private edits: { key: string; line: number }[] = [];

  constructor(
    private readonly maxEdits = 8,
    private readonly nearLines = 5,
  ) {}

  record(key: string, change: LineChange): void {
    const shift = change.insertedLineBreaks - (change.endLine - change.startLine);
    const line = change.startLine + change.insertedLineBreaks;
    let latest = -1;
    this.edits.forEach((edit, i) => {
      if (edit.key !== key) return;
      // Edits further down the same document move with the text.
      if (edit.line > change.endLine) edit.line += shift;
      latest = i;
    });
    const previous = this.edits[latest];
    if (previous && Math.abs(previous.line - line) <= this.nearLines) this.edits.splice(latest, 1);
    this.edits.push({ key, line });
    if (this.edits.length > this.maxEdits) this.edits.shift();
  }

  forget(key: string): void {
    this.edits = this.edits.filter((edit) => edit.key !== key);
  }

  clear(): void {
    this.edits = [];
  }

  /** Most recent first. */
  latest(): readonly RecentEdit[] {
    return [...this.edits].reverse();
  }
}
