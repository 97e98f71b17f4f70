/**
 * How many characters of the rest of the cursor's line a completion consumes, as Copilot and
 * Cody count them: the rest's characters found *in order* in the completion's last line (the
 * rest of the line ends up after it), so `parse(█)` + `input: &str) -> Ast {` replaces the
 * auto-closed `)`, while `f(█);` + `x` replaces nothing. A partial match counts only over
 * closers and punctuation (`)`, `]`, `"`, `;`…): `f(█) + g` + `x) + h` replaces the `)`, not
 * the `+ g`.
 */
export function consumedRest(completion: string, restOfLine: string): number {
  const rest = restOfLine.trimEnd();
  if (rest === '') return 0;
  const lastLine = completion.slice(completion.lastIndexOf('\n') + 1);
  let matched = 0;
  for (const character of lastLine) {
    if (matched < rest.length && character === rest[matched]) matched++;
  }
  if (matched === rest.length) return rest.length;
  const closers = /^[\s)\]}>"'`;,]*/.exec(rest)?.[0].length ?? 0;
  // Whitespace alone is not consumed: `{ █ }` + `x;` replaces nothing.
  return rest.slice(0, Math.min(matched, closers)).trimEnd().length;
}
