/**
 * Removes credentials from text bound for a log line or a message: every known secret value,
 * and anything that looks like a bearer token or an `sk-…` key even when we were never told
 * about it (a server echoing a header, a key pasted into the base URL).
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let clean = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; they are not plausible keys.
    if (secret.length >= 6) clean = clean.split(secret).join('<redacted>');
  }
  return clean
    .replace(/(bearer\s+)[^\s"',;]+/gi, '$1<redacted>')
    .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, '<redacted>');
}
