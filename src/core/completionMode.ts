/**
 * Whether one completion may span several lines. First version of the rule the best
 * extensions use: multi-line only on an empty line right after a block opener (`{`, `(`, `[`,
 * `:`, `=>`, …), where a whole body is the likely continuation; everywhere else the user is
 * mid-line and one line is what they want, so reading stops at the first newline.
 */
export type CompletionMode = 'singleLine' | 'multiLine';

const blockOpener = /(?:[{([:]|=>|\bthen|\bdo|\bbegin)\s*$/;

export function completionMode(prefix: string, suffix: string): CompletionMode {
  const cursorLineStart = prefix.lastIndexOf('\n') + 1;
  const beforeCursor = prefix.slice(cursorLineStart);
  const newlineAfter = suffix.indexOf('\n');
  const afterCursor = newlineAfter === -1 ? suffix : suffix.slice(0, newlineAfter);
  if (beforeCursor.trim() !== '' || afterCursor.trim() !== '') return 'singleLine';
  return blockOpener.test(previousNonEmptyLine(prefix, cursorLineStart))
    ? 'multiLine'
    : 'singleLine';
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
  // Multi-line: a run of blank lines or a Markdown fence ends a block in every language.
  return mode === 'singleLine' ? ['\n'] : ['\n\n\n', '\n```'];
}
