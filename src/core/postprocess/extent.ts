import { bodyEnd, headerBlockEnd, splitLines } from './blockEnd';
import type { Site } from './context';
import { indentWidth, isBlank, leadingWhitespace } from './lines';

/**
 * The multi-line policy: where a completion ends, given the mode of its cursor, or undefined
 * while that has not streamed yet. `start` skips junk the model put first (a fence line, an
 * echoed header), which does not count as the completion's first line.
 *
 * - mid-line (`singleLine`): at the first newline;
 * - on an empty line in a block just opened (`multiLine`): at the end of the block;
 * - otherwise the first line, joined to the code before the cursor, or, when the answer starts
 *   with a newline, the first line that has text (the next line is shown, never nothing);
 *   when that line opens a block (`{`, `(`, `:`, `do`…), the block it opens, with its closer;
 *   after an opener at the end of the cursor's line, an answer starting with a newline is the
 *   body of that block.
 */
export function extentEnd(
  text: string,
  start: number,
  site: Site,
  final: boolean,
): number | undefined {
  const body = text.slice(start);
  const end = relativeEnd(body, site, final);
  return end === undefined ? undefined : start + end;
}

function relativeEnd(text: string, site: Site, final: boolean): number | undefined {
  const lines = splitLines(text, final);
  const first = lines[0];
  if (!first) return undefined;
  if (site.mode === 'singleLine') return first.complete ? first.text.length : undefined;

  const cursorLineBlank = isBlank(site.lineBefore);
  if (site.mode === 'multiLine' && cursorLineBlank) {
    return bodyEnd(lines, 0, site.lineBefore, site);
  }
  if (!isBlank(first.text)) {
    const joined = site.lineBefore + first.text;
    return lineOrBlock(lines, 0, joined, site);
  }
  if (site.mode === 'multiLine') return bodyEnd(lines, 1, '', site);
  // Blank lines first: the answer goes on with the next line that has text.
  const at = lines.findIndex((line) => !isBlank(line.text));
  if (at === -1) return undefined;
  const line = lines[at];
  return line ? lineOrBlock(lines, at, line.text, site) : undefined;
}

/** One line, or the block it opens; `joined` is the line as it will read in the document. */
function lineOrBlock(
  lines: ReturnType<typeof splitLines>,
  at: number,
  joined: string,
  site: Site,
): number | undefined {
  const line = lines[at];
  if (!line?.complete) return undefined;
  if (!site.language.opensBlock(joined)) return line.start + line.text.length;
  const indent = indentWidth(leadingWhitespace(joined), site.context.tabSize);
  return headerBlockEnd(lines, at, indent, site);
}
