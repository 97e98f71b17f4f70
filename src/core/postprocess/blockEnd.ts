import type { Site } from './context';
import { indentWidth, isBlank } from './lines';

/** Lines of a completion with their start offsets; the last one may still be streaming. */
export interface Line {
  readonly text: string;
  readonly start: number;
  /** Whether a newline followed it (it can no longer change). */
  readonly complete: boolean;
}

/** `final`: the text is whole, so its last line is complete too. */
export function splitLines(text: string, final = false): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      lines.push({ text: text.slice(start), start, complete: final });
      return lines;
    }
    lines.push({ text: text.slice(start, end), start, complete: true });
    start = end + 1;
  }
}

/**
 * Where a block body that starts at `lines[from]` ends (the cursor inside a block just
 * opened): at the first complete line indented less than the body's first line. That line is
 * kept when it closes the block and the document does not already have it next (an
 * auto-closed `}` is not repeated); a dedented statement belongs to the next block and is
 * left out. `firstIndent` is the indentation the first line starts at (the cursor's column
 * when the completion starts mid-line). Undefined while the end has not streamed yet.
 */
export function bodyEnd(
  lines: readonly Line[],
  from: number,
  firstIndent: string,
  site: Site,
): number | undefined {
  let bodyIndent: number | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (!line?.complete) return undefined;
    if (isBlank(line.text)) continue;
    const indent = indentWidth(
      i === from ? firstIndent + line.text : line.text,
      site.context.tabSize,
    );
    if (bodyIndent === undefined) {
      bodyIndent = indent;
    } else if (indent < bodyIndent) {
      return endBefore(lines, i, site, alreadyThere(line.text, site));
    }
  }
  return undefined;
}

/**
 * Where the block opened by `lines[header]` ends: at the first complete line indented no
 * deeper than the header, kept when it closes the block (`}`, `end`, `</div>`).
 */
export function headerBlockEnd(
  lines: readonly Line[],
  header: number,
  headerIndent: number,
  site: Site,
): number | undefined {
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line?.complete) return undefined;
    if (isBlank(line.text)) continue;
    if (indentWidth(line.text, site.context.tabSize) <= headerIndent && !label.test(line.text)) {
      return endBefore(lines, i, site, alreadyThere(line.text, site));
    }
  }
  return undefined;
}

/** Labels written at the block's own indentation (`case 1:` under gofmt, C++ `public:`). */
const label = /^\s*(?:case\b.*|default|public|private|protected)\s*:\s*$/;

/** The cut at line `i`: after it when it closes the block (and is not a duplicate), else before. */
function endBefore(lines: readonly Line[], i: number, site: Site, duplicate: boolean): number {
  const line = lines[i];
  if (!line) return 0;
  if (site.language.closesBlock(line.text) && !duplicate) return line.start + line.text.length;
  return Math.max(0, line.start - 1);
}

/**
 * Whether the closing line is already in the document: the next line after the cursor has
 * the same text at the same indentation. When the cursor's own line goes on with closers
 * (`{█}`), the completion's closer is kept: it replaces them.
 */
function alreadyThere(line: string, site: Site): boolean {
  if (site.restOfLine.trim() !== '') return false;
  const next = site.nextLines[0];
  return (
    next !== undefined && next.trim() === line.trim() && indentWidth(next) === indentWidth(line)
  );
}
