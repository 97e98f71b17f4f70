import { languageRules } from './postprocess/language';

/**
 * How far one completion may run, decided from the cursor's line before the request:
 *
 * - `singleLine`: text follows the cursor on its line (`f(█, b)`): the user is mid-line and
 *   one line is what they want, so the server stops at the first newline.
 * - `multiLine`: the cursor opens a block, on an empty line after an opener (`{`, `(`, `:`,
 *   `=>`, `do`…) or right after one at the end of a line (`if (x) {█`): the whole body is the
 *   likely continuation, up to the block's end.
 * - `lineOrBlock`: everywhere else at the end of a line or on an empty one: the next line,
 *   even when the answer starts with a newline, and the block it opens when that line ends in
 *   an opener. No newline stop can be sent here, so the client decides where it ends.
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

/** Stop sequences the extension always sends for a mode, before the user's own. */
export function stopsFor(mode: CompletionMode): string[] {
  // Single-line: the newline is also enforced client-side, so this only saves tokens.
  // Otherwise: a run of blank lines or a Markdown fence ends a block in every language.
  return mode === 'singleLine' ? ['\n'] : ['\n\n\n', '\n```'];
}
