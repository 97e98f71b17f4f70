/**
 * The text around the cursor as the adapter hands it over: windows, not the whole document
 * (so the keystroke path costs the same in a 100-line and a 100,000-line file), plus where
 * they sit.
 */
export interface CursorText {
  /** Text before the cursor: a window that ends at it (the whole prefix in small files). */
  readonly prefix: string;
  /** Text after the cursor: a window that starts at it. */
  readonly suffix: string;
  /** The cursor's offset in the document. */
  readonly offset: number;
  readonly documentLength: number;
}

/**
 * The little of an editor document the core reads. The VS Code adapter implements it over a
 * `TextDocument`; the benchmark over a line array stored as VS Code stores it; tests over a
 * string.
 */
export interface DocumentText {
  readonly length: number;
  /** The text from offset `start` to offset `end`. */
  textBetween(start: number, end: number): string;
}

/**
 * Characters read on each side of the cursor: a little more than the prompt budget (cut to
 * whole lines there) and bounded, so a keystroke in a 100,000-line file reads as little as one
 * in a 100-line file. Kept small on purpose: these strings are made on every keystroke, and
 * larger ones showed up as garbage-collection pauses in the benchmark.
 */
const prefixWindowChars = 7_000;
const suffixWindowChars = 2_500;

/**
 * The text around a cursor. `start`..`end` is the range the ghost text will replace and
 * `inserted` the text assumed already there (the suggest widget's selected item), so the core
 * sees the document as if that item had been accepted.
 */
export function cursorTextAt(
  document: DocumentText,
  start: number,
  end = start,
  inserted = '',
): CursorText {
  const length = document.length;
  const offset = start + inserted.length;
  return {
    prefix: document.textBetween(Math.max(0, start - prefixWindowChars), start) + inserted,
    suffix: document.textBetween(end, Math.min(length, end + suffixWindowChars)),
    offset,
    documentLength: offset + (length - end),
  };
}

/** A string as a {@link DocumentText} (tests, and documents already in memory). */
export function stringDocument(text: string): DocumentText {
  return { length: text.length, textBetween: (start, end) => text.slice(start, end) };
}

/** A place in a line-based document: zero-based line and character, as VS Code counts them. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

/**
 * The calls of a line-based document (VS Code's `TextDocument`, the benchmark's copy of its
 * storage) that {@link linesDocumentText} makes.
 */
export interface DocumentLines {
  readonly lineCount: number;
  /** Characters of a line break: 1 (LF) or 2 (CRLF). */
  readonly eolLength: number;
  lineLength(line: number): number;
  /** The text from `start` to `end`. */
  textBetween(start: LinePosition, end: LinePosition): string;
}

/**
 * `lines` as a {@link DocumentText}, given the document's length and one position whose offset
 * is known (the cursor's). Offsets are turned into positions by walking lines from that one, so
 * reading the windows costs the lines they span. VS Code's own `positionAt` first brings its
 * line-start sums up to date, and after an edit that is a pass over every line below it: a cost
 * per keystroke that grows with the file (0.2 ms at 100,000 lines in the benchmark).
 */
export function linesDocumentText(
  lines: DocumentLines,
  length: number,
  known: LinePosition & { readonly offset: number },
): DocumentText {
  const positionOf = (offset: number): LinePosition => {
    let line = known.line;
    let lineStart = known.offset - known.character;
    while (offset < lineStart && line > 0) {
      line--;
      lineStart -= lines.lineLength(line) + lines.eolLength;
    }
    for (;;) {
      const lineLength = lines.lineLength(line);
      if (offset <= lineStart + lineLength || line >= lines.lineCount - 1) {
        return { line, character: Math.max(0, Math.min(offset - lineStart, lineLength)) };
      }
      lineStart += lineLength + lines.eolLength;
      line++;
    }
  };
  return {
    length,
    textBetween: (start, end) => lines.textBetween(positionOf(start), positionOf(end)),
  };
}
