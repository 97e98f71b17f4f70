/** The cursor marker in test documents: `function f() {█}`. */
export const cursor = '█';

/**
 * Splits a document written with one `█` into the text before and after the cursor, with the
 * offsets the adapter reports (the windows here are the whole text).
 */
export function atCursor(marked: string) {
  const at = marked.indexOf(cursor);
  if (at === -1 || marked.indexOf(cursor, at + 1) !== -1) {
    throw new Error(
      `test document needs exactly one ${cursor} cursor marker: ${JSON.stringify(marked)}`,
    );
  }
  const prefix = marked.slice(0, at);
  const suffix = marked.slice(at + 1);
  return { prefix, suffix, offset: prefix.length, documentLength: prefix.length + suffix.length };
}
