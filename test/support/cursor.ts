/** The cursor marker in test documents: `function f() {█}`. */
export const cursor = '█';

/** Splits a document written with one `█` into the text before and after the cursor. */
export function atCursor(marked: string): { prefix: string; suffix: string } {
  const at = marked.indexOf(cursor);
  if (at === -1 || marked.indexOf(cursor, at + 1) !== -1) {
    throw new Error(
      `test document needs exactly one ${cursor} cursor marker: ${JSON.stringify(marked)}`,
    );
  }
  return { prefix: marked.slice(0, at), suffix: marked.slice(at + 1) };
}
