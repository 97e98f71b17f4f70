/** What to show at the cursor: insert `text`, replacing `replaceChars` characters after it. */
export interface Presentation {
  readonly text: string;
  readonly replaceChars: number;
}

/**
 * Post-processing v1, applied each time a completion is shown (fresh or from the cache, since
 * the rest of the line may have changed): trims trailing whitespace, drops empty results, and
 * when the completion ends with the rest of the current line (say `)` or `);` that the editor
 * auto-closed), replaces that rest instead of showing it twice.
 */
export function present(completion: string, suffix: string): Presentation | undefined {
  const text = completion.replace(/[ \t]+$/gm, '').trimEnd();
  if (text.trim() === '') return undefined;

  const newline = suffix.indexOf('\n');
  const restOfLine = newline === -1 ? suffix : suffix.slice(0, newline);
  const rest = restOfLine.trim();
  if (rest === '') return { text, replaceChars: 0 };
  if (!text.endsWith(rest)) return { text, replaceChars: 0 };
  // The completion only restates what is already there: nothing to add.
  if (text.trim() === rest) return undefined;
  return { text, replaceChars: restOfLine.trimEnd().length };
}
