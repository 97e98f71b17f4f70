import { languageRules } from './postprocess/language';

/**
 * How far one completion may run, decided from the cursor's line before the request:
 *
 * - `singleLine`: text follows the cursor on its line (`f(█, b)`): the user is mid-line and
 *   one line is what they want.
 * - `multiLine`: the cursor opens a block, on an empty line after an opener (`{`, `(`, `:`,
 *   `=>`, `do`…) or right after one at the end of a line (`if (x) {█`): the whole body is the
 *   likely continuation, up to the block's end.
 * - `lineOrBlock`: everywhere else at the end of a line or on an empty one: the next line,
 *   even when the answer starts with a newline, and the block it opens when that line ends in
 *   an opener.
 *
 * No mode sends a newline stop: the answer may start with a newline, a fence line or an echoed
 * header before its first real line, so the client decides where it ends (and aborts the
 * request there; see postprocess/extent.ts).
 */
export type CompletionMode = 'singleLine' | 'lineOrBlock' | 'multiLine';

/** A rest of line made only of what editors auto-close (brackets, quotes, closing tags). */
const closersOnly = /^(?:[\s)\]}>"'`;,]|<\/[\w.-]+>)*$/;

export function completionMode(prefix: string, suffix: string, languageId = ''): CompletionMode {
  const rules = languageRules(languageId);
  const cursorLineStart = prefix.lastIndexOf('\n') + 1;
  const beforeCursor = prefix.slice(cursorLineStart);
  const newlineAfter = suffix.indexOf('\n');
  const afterCursor = newlineAfter === -1 ? suffix : suffix.slice(0, newlineAfter);
  if (!closersOnly.test(afterCursor)) return 'singleLine';
  if (beforeCursor.trim() !== '')
    return rules.opensBlock(beforeCursor) ? 'multiLine' : 'lineOrBlock';
  if (afterCursor.trim() !== '') return 'lineOrBlock';
  return rules.opensBlock(previousNonEmptyLine(prefix, cursorLineStart))
    ? 'multiLine'
    : 'lineOrBlock';
}

function previousNonEmptyLine(prefix: string, cursorLineStart: number): string {
  let end = cursorLineStart - 1; // the newline that ends the previous line
  while (end > 0) {
    const start = prefix.lastIndexOf('\n', end - 1) + 1;
    const line = prefix.slice(start, end);
    if (line.trim() !== '') return line;
    end = start - 1;
  }
  return '';
}

/**
 * Stop sequences the extension always sends, before the user's own: a run of blank lines ends
 * a completion in every language and mode. (A closing Markdown fence is cut by the client: a
 * server stop there would also cut `Here is the code:` + fence before the code.)
 */
export function stopsFor(): string[] {
  return ['\n\n\n'];
}
