import { stopWords } from './stopWords';

/** Identifier-like words: a letter, `_` or `$`, then letters, digits, `_` or `$`. */
const word = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/** Boundaries inside an identifier: `get|User|Name`, `HTTP|Server`, `user|_|name`, `v|2`. */
const part = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

/**
 * The identifier set of a piece of code, as retrieval compares it: every identifier in lower
 * case, plus its camelCase / snake_case parts when it has several (`getUserName` gives
 * `getusername`, `get`, `user`, `name`). The whole name makes an exact match count more than a
 * shared part; the parts let `userName` meet `user_name`. Stop words and one-letter words are
 * left out. Distinct, in order of first appearance.
 */
export function identifiersOf(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(word)) {
    const name = match[0];
    add(found, name.toLowerCase());
    const parts = name.match(part);
    if (parts && parts.length > 1) for (const p of parts) add(found, p.toLowerCase());
  }
  return [...found];
}

function add(set: Set<string>, token: string): void {
  if (token.length > 1 && !stopWords.has(token)) set.add(token);
}
