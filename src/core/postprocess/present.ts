import { consumedRest } from './restOfLine';

/** What to show at the cursor: insert `text`, replacing `replaceChars` characters after it. */
export interface Presentation {
  readonly text: string;
  readonly replaceChars: number;
}

/**
 * The last step of post-processing, also applied on its own to a suggestion the user is typing
 * through (from the cache, where the rest of the line may have changed): trims trailing
 * whitespace, drops empty results and ones that only restate the rest of the line, and counts
 * how much of the rest of the line the completion replaces.
 */
export function present(completion: string, suffix: string): Presentation | undefined {
  const text = completion.replace(/[ \t]+$/gm, '').trimEnd();
  if (text.trim() === '') return undefined;
  const newline = suffix.indexOf('\n');
  const restOfLine = newline === -1 ? suffix : suffix.slice(0, newline);
  // The completion only restates what is already there: nothing to add.
  if (text.trim() === restOfLine.trim()) return undefined;
  return { text, replaceChars: consumedRest(text, restOfLine) };
}
