/**
 * Whether automatic completions are on for a language, from a map like Copilot's
 * `{ "*": true, "plaintext": false }`: the language's own entry wins, then `*`, then on.
 */
export function languageEnabled(
  map: Readonly<Record<string, boolean>>,
  languageId: string,
): boolean {
  return map[languageId] ?? map['*'] ?? true;
}
