import { splitLines } from './blockEnd';
import type { Site } from './context';
import { indentWidth, isBlank, nearlyEqual, squash } from './lines';

/**
 * Where a multi-line completion starts repeating the lines after the cursor (from its second
 * line on): the document's next two lines, or its next line at the same indentation (and the
 * following one too when the document has one). Closing lines are left to the block end.
 * Undefined when there is none (so far).
 */
export function suffixRepeatCut(
  text: string,
  start: number,
  site: Site,
  final: boolean,
): number | undefined {
  const [next, afterNext] = site.nextLines;
  if (next === undefined || site.language.closesBlock(next)) return undefined;
  const lines = splitLines(text.slice(start), final);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line?.complete) return undefined;
    if (line.text.trim() !== next.trim()) continue;
    const following = lines.slice(i + 1).find((l) => !isBlank(l.text));
    if (afterNext !== undefined && following === undefined) return undefined; // not yet known
    // Two lines in a row repeat whatever their indentation; one only at the same indentation.
    const two =
      afterNext !== undefined &&
      !site.language.closesBlock(afterNext) &&
      following?.text.trim() === afterNext.trim();
    const one =
      sameLine(line.text, next) &&
      (afterNext === undefined || (following !== undefined && sameLine(following.text, afterNext)));
    if (two || one) return start + line.start - 1;
  }
  return undefined;
}

/**
 * Whether the completion only repeats a neighbour: its first line with text, as it will read
 * in the document, nearly equals the next non-blank line, or equals the line above.
 */
export function repeatsNeighbour(text: string, site: Site): boolean {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => !isBlank(line));
  if (index === -1) return false;
  const first = lines[index] ?? '';
  const asRead = index === 0 ? site.lineBefore + first : first;
  const next = site.nextLines[0];
  // A closing line repeats the next one only at the same indentation: `}` under `  }` closes
  // another block.
  if (site.language.closesBlock(asRead)) return next !== undefined && sameLine(asRead, next);
  if (next !== undefined && nearlyEqual(asRead, next)) return true;
  // After a leading newline the line above is the cursor's own.
  const above = index === 0 ? site.lineAbove : site.lineBefore + site.restOfLine;
  const onlyLine = lines.length === index + 1;
  return onlyLine && squash(asRead) === squash(above) && squash(asRead).length > 3;
}

/**
 * Drops closing lines at the end of the completion that the document already has right after
 * the cursor (`}` then `}`): the model closed blocks that are closed already.
 */
export function dropExistingClosers(text: string, site: Site): string {
  if (site.restOfLine.trim() !== '') return text;
  const lines = text.split('\n');
  let closers = 0;
  while (
    closers < lines.length - 1 &&
    site.language.closesBlock(lines[lines.length - 1 - closers] ?? '')
  ) {
    closers++;
  }
  for (let drop = closers; drop > 0; drop--) {
    const tail = lines.slice(lines.length - drop);
    const matches = tail.every((line, i) => {
      const existing = site.nextLines[i];
      return existing !== undefined && sameLine(line, existing);
    });
    if (matches) return lines.slice(0, lines.length - drop).join('\n');
  }
  return dropUnopenedCloser(lines, site).join('\n');
}

const openerOf: Record<string, string> = { '}': '{', ')': '(', ']': '[' };

/**
 * A last line that closes a bracket the completion never opened, at another indentation than
 * the document's own closer right after the cursor (`  }` before `}`): the model closed the
 * enclosing block, which is closed already.
 */
function dropUnopenedCloser(lines: string[], site: Site): string[] {
  const last = lines[lines.length - 1] ?? '';
  const close = last.trim()[0] ?? '';
  const open = openerOf[close];
  const next = site.nextLines[0]?.trim();
  if (lines.length < 2 || open === undefined || !site.language.closesBlock(last)) return lines;
  if (next === undefined || !next.startsWith(close)) return lines;
  const text = lines.join('\n');
  const unopened = text.split(close).length > text.split(open).length;
  return unopened ? lines.slice(0, -1) : lines;
}

function sameLine(a: string, b: string): boolean {
  return a.trim() === b.trim() && indentWidth(a) === indentWidth(b);
}
