/**
 * How many characters of the rest of the cursor's line a completion consumes, as Copilot and
 * Cody count them: the rest's characters found *in order* in the completion, so `parse(█)` +
 * `input: &str) -> Ast {` replaces the auto-closed `)`, while `f(█);` + `x` replaces nothing.
 *
 * The rest of the line ends up after the completion's last line, so that line is what consumes
 * it; a multi-line completion's first line does too (`fn parse(█)` + `input: &str) -> Ast {`
 * + body). Either way a bracket counts as consumed only when the completion closes it without
 * opening it. A partial match counts only over closers and punctuation (`)`, `]`, `"`, `;`…): `f(█) + g` + `x) + h` replaces the
 * `)`, not the `+ g`.
 */
export function consumedRest(completion: string, restOfLine: string): number {
  const rest = restOfLine.trimEnd();
  if (rest === '') return 0;
  const lines = completion.split('\n');
  const onLast = matchedInOrder(lines[lines.length - 1] ?? '', rest);
  const onFirst = lines.length > 1 ? matchedInOrder(lines[0] ?? '', rest) : 0;
  const closers = /^[\s)\]}>"'`;,]*/.exec(rest)?.[0].length ?? 0;
  let consumed =
    onLast === rest.length || onFirst === rest.length ? rest.length : Math.min(onLast, closers);
  // A bracket is consumed only when the completion closes one it did not open itself:
  // `max(█)` + `abs(a), abs(b)` keeps the `)`.
  while (consumed > 0 && !closesUnopened(completion, rest.slice(0, consumed))) consumed--;
  // Whitespace alone is not consumed: `{ █ }` + `x;` replaces nothing.
  return rest.slice(0, consumed).trimEnd().length;
}

function matchedInOrder(text: string, rest: string): number {
  let matched = 0;
  for (const character of text) {
    if (matched < rest.length && character === rest[matched]) matched++;
  }
  return matched;
}

const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Whether the completion closes, beyond what it opens, every bracket `consumed` holds. */
function closesUnopened(completion: string, consumed: string): boolean {
  return Object.entries(pairs).every(([close, open]) => {
    const needed = count(consumed, close);
    return needed === 0 || count(completion, close) - count(completion, open) >= needed;
  });
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}
