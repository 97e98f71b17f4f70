/** Where the block being completed sits, for finding its end in a multi-line completion. */
export interface BlockContext {
  /** The whitespace before the cursor on its (empty) line. */
  readonly cursorIndent: string;
  /** The first non-empty line after the cursor's line, or ''. */
  readonly nextLine: string;
}

/** The block context at a cursor, from the text around it. */
export function blockContextAt(prefix: string, suffix: string): BlockContext {
  const cursorIndent = /[ \t]*$/.exec(prefix.slice(prefix.lastIndexOf('\n') + 1))?.[0] ?? '';
  const nextLine =
    suffix
      .split('\n')
      .slice(1)
      .find((line) => line.trim() !== '') ?? '';
  return { cursorIndent, nextLine };
}

/**
 * The length of `text` up to the end of the block it completes, or undefined while that end
 * has not streamed yet. The block ends at the first complete line indented less than the
 * block's first line. That line is kept only when it closes the block and the document does
 * not already have it next (an auto-closed `}` is not repeated); a dedented statement (Python)
 * belongs to the next block and is left out.
 */
export function blockEnd(text: string, context: BlockContext): number | undefined {
  const lines = text.split('\n');
  let blockIndent: number | undefined;
  let offset = 0;
  // The last piece has no newline after it yet: it may still grow, so it is not judged.
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] ?? '';
    const indent = width(i === 0 ? context.cursorIndent + leading(line) : leading(line));
    if (line.trim() !== '') {
      if (blockIndent === undefined) {
        blockIndent = indent;
      } else if (indent < blockIndent) {
        const closes = closingLine.test(line) && line.trim() !== context.nextLine.trim();
        return closes ? offset + line.length : Math.max(0, offset - 1);
      }
    }
    offset += line.length + 1;
  }
  return undefined;
}

/** A line that only closes a block: `}`, `});`, `]`, `end`, `</div>`… */
const closingLine = /^\s*(?:[}\])]+[;,)]*|end\b.*|<\/[\w.-]+>)\s*$/;

function leading(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Indentation width, a tab counting as four columns (only comparisons matter). */
function width(indent: string): number {
  let columns = 0;
  for (const character of indent) columns += character === '\t' ? 4 : 1;
  return columns;
}
