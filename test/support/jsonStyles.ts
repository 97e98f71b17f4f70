/**
 * JSON as different server stacks write it (servers.md §2.15). `JSON.parse` reads all of them
 * alike, which is the point: the client must not care.
 */

/**
 * Go's `encoding/json` (Ollama, LocalAI): compact, with `<`, `>`, `&`, U+2028 and U+2029
 * escaped as `\u003c` etc. Those characters only occur inside strings in valid JSON, so
 * replacing them in the output is exact.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => unicodeEscape(c));
}

/**
 * Python's `json.dumps` with its defaults (vLLM error events): `", "` and `": "` separators and
 * every non-ASCII character as `\uXXXX` (astral ones as surrogate pairs).
 */
export function pythonJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? 'null';
    return text.replace(/[\u0080-\uffff]/g, (c) => unicodeEscape(c));
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A deterministic UUID-shaped id (DeepSeek, LocalAI), so recorded streams are reproducible. */
export function fakeUuid(serial: number): string {
  const hex = serial.toString(16).padStart(12, '0');
  return `5e1f0c2a-7b3d-4c8e-9a10-${hex}`;
}

/** A deterministic hex id of `length` digits (vLLM `cmpl-<hex>`, Together). */
export function fakeHex(serial: number, length = 32): string {
  return serial.toString(16).padStart(length, '0');
}
