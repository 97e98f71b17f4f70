import { MAX_STOP_SEQUENCES } from './api/completionsRequest';

/**
 * The stops sent to the server and the full list the client enforces: the extension's own
 * stops first (they shape the result), then the user's. Servers accept at most four; the rest
 * are applied client-side, so every stop the user configured is honoured on every server.
 */
export function planStops(own: readonly string[], user: readonly string[]) {
  const all = [...new Set([...own, ...user].filter((s) => s.length > 0))];
  return { sent: all.slice(0, MAX_STOP_SEQUENCES), enforced: all };
}

/**
 * The index where the earliest stop sequence starts in `text`, or -1. Plain `indexOf`, never
 * a RegExp built from user text.
 */
export function firstStopIndex(text: string, stops: readonly string[]): number {
  let first = -1;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  return first;
}
