import {
  cursorTextAt,
  linesDocumentText,
  type CursorText,
  type DocumentLines,
} from '../src/core/cursorText';
import { Position, Range } from './position';

/**
 * The part of `vscode.TextDocument` the adapter uses, stored the way VS Code's extension host
 * stores a document (ExtHostDocumentData + PrefixSumComputer): an array of lines; `getText`
 * joins the lines of the range; offsets come from prefix sums of line lengths kept in typed
 * arrays, which an edit invalidates from the edited line on and which are recomputed lazily
 * up to the line asked for (an inserted line reallocates them). So the adapter's calls cost on
 * a large file what they cost in VS Code, not what `string.slice` on one big string would.
 * (VS Code's `positionAt` first brings every sum up to date; the adapter no longer calls it.)
 */
export class LineDocument {
  private readonly lines: string[];
  /** Length of each line plus its line break. */
  private lengths: Uint32Array;
  /** sums[i] = lengths[0] + ... + lengths[i], valid up to index `validUpTo`. */
  private sums: Uint32Array;
  private validUpTo = -1;
  /**
   * The length, kept up to date by each edit as the extension's DocumentLengths keeps it from
   * VS Code's change events.
   */
  private chars: number;

  constructor(text: string) {
    this.chars = text.length;
    this.lines = text.split('\n');
    this.lengths = Uint32Array.from(this.lines, (line) => line.length + 1);
    this.sums = new Uint32Array(this.lines.length);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** What the extension's DocumentLengths reports for this document. */
  get length(): number {
    return this.chars;
  }

  lineAt(line: number) {
    const text = this.lines[line] ?? '';
    return { text, range: new Range(new Position(line, 0), new Position(line, text.length)) };
  }

  /** The end of the last line. */
  get end(): Position {
    const line = this.lines.length - 1;
    return new Position(line, this.lineAt(line).text.length);
  }

  getText(range?: { start: Position; end: Position }): string {
    if (!range) return this.lines.join('\n');
    const { start, end } = range;
    const line = (i: number) => this.lines[i] ?? '';
    if (start.line === end.line) return line(start.line).substring(start.character, end.character);
    const parts = [line(start.line).substring(start.character)];
    for (let i = start.line + 1; i < end.line; i++) parts.push(line(i));
    parts.push(line(end.line).substring(0, end.character));
    return parts.join('\n');
  }

  offsetAt(position: Position): number {
    return this.prefixSum(position.line - 1) + position.character;
  }

  /** Inserts `text` at `at` and returns the position after it (like typing it). */
  insert(at: Position, text: string): Position {
    const line = this.lines[at.line] ?? '';
    const inserted = (line.slice(0, at.character) + text + line.slice(at.character)).split('\n');
    this.replaceLines(at.line, 1, inserted);
    const last = inserted.length - 1;
    return last === 0
      ? new Position(at.line, at.character + text.length)
      : new Position(at.line + last, text.length - (text.lastIndexOf('\n') + 1));
  }

  /** Deletes from `start` to `end` (undoes an `insert`). */
  delete(start: Position, end: Position): void {
    const before = (this.lines[start.line] ?? '').slice(0, start.character);
    const after = (this.lines[end.line] ?? '').slice(end.character);
    this.replaceLines(start.line, end.line - start.line + 1, [before + after]);
  }

  private replaceLines(first: number, count: number, replacement: readonly string[]): void {
    for (let i = first; i < first + count; i++) this.chars -= (this.lines[i] ?? '').length;
    for (const line of replacement) this.chars += line.length;
    this.chars += replacement.length - count;
    this.lines.splice(first, count, ...replacement);
    const lengths = replacement.map((line) => line.length + 1);
    this.validUpTo = Math.min(this.validUpTo, first - 1);
    if (count === replacement.length) {
      this.lengths.set(lengths, first);
      return;
    }
    // A line was added or removed: new arrays keeping the sums still valid, as
    // PrefixSumComputer.insertValues / removeValues do.
    const next = new Uint32Array(this.lines.length);
    next.set(this.lengths.subarray(0, first));
    next.set(lengths, first);
    next.set(this.lengths.subarray(first + count), first + replacement.length);
    this.lengths = next;
    const sums = new Uint32Array(this.lines.length);
    sums.set(this.sums.subarray(0, this.validUpTo + 1));
    this.sums = sums;
  }

  /** lengths[0] + ... + lengths[index] (0 for index -1), computing stale sums on demand. */
  private prefixSum(index: number): number {
    if (index < 0) return 0;
    for (let i = this.validUpTo + 1; i <= index; i++) {
      this.sums[i] = (i > 0 ? (this.sums[i - 1] ?? 0) : 0) + (this.lengths[i] ?? 0);
    }
    this.validUpTo = Math.max(this.validUpTo, index);
    return this.sums[index] ?? 0;
  }
}

/**
 * What the adapter (src/inline/cursorText.ts) hands the engine at `cursor`: the core's own
 * window logic on this document, read through the same calls the adapter makes (line lengths,
 * the text of a range, the cursor's offset) and the length the extension tracks.
 */
export function adapterText(doc: LineDocument, cursor: Position): CursorText {
  const lines: DocumentLines = {
    lineCount: doc.lineCount,
    eolLength: 1,
    lineLength: (line) => doc.lineAt(line).text.length,
    textBetween: (start, end) =>
      doc.getText(
        new Range(new Position(start.line, start.character), new Position(end.line, end.character)),
      ),
  };
  const offset = doc.offsetAt(cursor);
  const known = { line: cursor.line, character: cursor.character, offset };
  return cursorTextAt(linesDocumentText(lines, doc.length, known), offset);
}
