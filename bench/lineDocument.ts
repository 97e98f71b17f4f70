import { cursorTextAt, type CursorText, type DocumentText } from '../src/core/cursorText';
import { Position, Range } from './position';

/**
 * The part of `vscode.TextDocument` the adapter uses, stored the way VS Code's extension host
 * stores a document (ExtHostDocumentData + PrefixSumComputer): an array of lines; `getText`
 * joins the lines of the range; offsets come from prefix sums of line lengths kept in typed
 * arrays, which an edit invalidates from the edited line on and which are recomputed lazily
 * up to the line asked for (an inserted line reallocates them). So the adapter's calls cost on
 * a large file what they cost in VS Code, not what `string.slice` on one big string would.
 */
export class LineDocument {
  private readonly lines: string[];
  /** Length of each line plus its line break. */
  private lengths: Uint32Array;
  /** sums[i] = lengths[0] + ... + lengths[i], valid up to index `validUpTo`. */
  private sums: Uint32Array;
  private validUpTo = -1;

  constructor(text: string) {
    this.lines = text.split('\n');
    this.lengths = Uint32Array.from(this.lines, (line) => line.length + 1);
    this.sums = new Uint32Array(this.lines.length);
  }

  get lineCount(): number {
    return this.lines.length;
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

  positionAt(offset: number): Position {
    // Like PrefixSumComputer.getIndexOf: bring every sum up to date, then binary search.
    this.prefixSum(this.lines.length - 1);
    let low = 0;
    let high = this.lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.prefixSum(mid - 1) <= offset) low = mid;
      else high = mid - 1;
    }
    const character = Math.min(offset - this.prefixSum(low - 1), this.lineAt(low).text.length);
    return new Position(low, Math.max(0, character));
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
 * What the adapter hands the engine at `cursor`: the core's own window logic on this document,
 * read through the same two calls (offset to position, text of a range) the adapter makes.
 */
export function adapterText(doc: LineDocument, cursor: Position): CursorText {
  const text: DocumentText = {
    length: doc.offsetAt(doc.end),
    textBetween: (start, end) => doc.getText(new Range(doc.positionAt(start), doc.positionAt(end))),
  };
  return cursorTextAt(text, doc.offsetAt(cursor));
}
