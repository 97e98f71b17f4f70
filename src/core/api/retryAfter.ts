/**
 * How long a 429/503 response asks us to wait, in milliseconds, or undefined when it does not
 * say (TGI's 429 has no header). Reads, in the order openai-node does (servers.md §1d, §2.27):
 * `retry-after-ms`, then `Retry-After` as seconds, then `Retry-After` as an HTTP date.
 *
 * The value is reported as sent (a past date gives 0); capping the wait is the retry policy's
 * job, not the parser's.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = nonNegativeNumber(headers.get('retry-after-ms'));
  if (ms !== undefined) return ms;

  const retryAfter = headers.get('retry-after')?.trim();
  if (!retryAfter) return undefined;
  const seconds = nonNegativeNumber(retryAfter);
  if (seconds !== undefined) return seconds * 1000;
  // HTTP dates always name a day and a month; without letters, Date.parse would take "-5" as
  // the year 5 BC.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function nonNegativeNumber(text: string | null): number | undefined {
  // Number('') is 0 and Number(' 5 ') is 5, so require digits explicitly.
  if (text === null || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
