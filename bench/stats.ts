/** Small statistics helpers shared by the benchmark parts. */

/**
 * The `p` quantile (0..1) by the nearest-rank method, or undefined without samples. `Infinity`
 * samples (a ghost text that never came) sort last, so they push p90 up instead of vanishing.
 */
export function quantile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** Rounds for printing and JSON: enough digits to compare runs, not more. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** `count` per 100 keystrokes. */
export function per100(count: number, keystrokes: number): number {
  return keystrokes === 0 ? 0 : round((100 * count) / keystrokes, 2);
}

/** Milliseconds since `start` (from `process.hrtime.bigint()`), as a float. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
