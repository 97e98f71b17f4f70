/**
 * The text of the current file around the cursor that goes into a prompt: windows cut at line
 * boundaries, so the model never sees half a line at an edge.
 */

/** The end of the text before the cursor; the cursor's own line is kept whole, however long. */
export function prefixWindow(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // The first line that starts at or after the cut (searching from cut - 1 keeps a line that
  // starts exactly at the cut).
  const newlineBeforeWindow = text.indexOf('\n', text.length - maxChars - 1);
  const cursorLineStart = text.lastIndexOf('\n') + 1;
  // Never start inside the cursor's own line: keep it whole even when it alone is over budget.
  return text.slice(newlineBeforeWindow === -1 ? cursorLineStart : newlineBeforeWindow + 1);
}

/** The start of the text after the cursor, cut at a line end; the cursor's line stays whole. */
export function suffixWindow(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const lastNewline = text.lastIndexOf('\n', maxChars);
  if (lastNewline > 0) return text.slice(0, lastNewline);
  const firstNewline = text.indexOf('\n');
  return firstNewline === -1 ? text : text.slice(0, firstNewline);
}

/**
 * The suffix as a fill-in-the-middle model should see it, the way the anchors learned:
 * - the rest of the cursor's line is left out when it is only closing characters (Tabby,
 *   `^\W*$`: the model writes them and post-processing replaces them), and always for families
 *   that mishandle it (Cody: StarCoder, CodeLlama);
 * - an empty suffix is sent as `"\n"` (Continue, Tabby): Ollama takes an empty one as none and
 *   then wraps the prompt in the model's chat template.
 */
export function fimSuffix(window: string, dropRestOfLine = false): string {
  const newline = window.indexOf('\n');
  const restOfLine = newline === -1 ? window : window.slice(0, newline);
  const suffix =
    dropRestOfLine || /^\W*$/.test(restOfLine) ? window.slice(restOfLine.length) : window;
  return suffix === '' ? '\n' : suffix;
}
