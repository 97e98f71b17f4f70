/**
 * The ways networks and servers break a reply (DESIGN.md convention 8, servers.md §2), as
 * options of the test server's `Reply`, plus a named set of them for test matrices.
 */
import type { Reply } from './server';

/**
 * What happens to a streamed reply on its way to the client. Options combine; all are off by
 * default. "Text events" are the events that carry completion text.
 */
export interface Scenario {
  /** Seed: cut every frame into writes at random byte offsets (§2.1). Reproducible per seed. */
  readonly randomSplits?: number;
  /** Cut inside every multi-byte UTF-8 character, between its bytes (§2.1). */
  readonly utf8Splits?: boolean;
  /** CRLF line endings, as a proxy may rewrite them (§2.2). */
  readonly crlf?: boolean;
  /** The server's keep-alive comment before every event (§2.4). */
  readonly keepAlives?: boolean;
  /**
   * After `afterTextEvents` text events, instead of the next event: `error` sends the server's
   * own mid-stream failure (§2.6) and closes; `cut` ends the body cleanly with no finish
   * reason and no `[DONE]` (§2.8); `reset` destroys the connection.
   */
  readonly fault?: { readonly kind: 'error' | 'cut' | 'reset'; readonly afterTextEvents: number };
  /**
   * After `afterTextEvents` text events, send no data for `ms` (only a keep-alive comment every
   * `keepAliveEveryMs`, when set), then carry on (§2.28). `afterTextEvents: 0` is a server
   * that holds the request before the first token (DeepSeek while queued).
   */
  readonly stall?: {
    readonly afterTextEvents: number;
    readonly ms: number;
    readonly keepAliveEveryMs?: number;
  };
}

/** The names of {@link SCENARIOS}. */
export type ScenarioName =
  | 'normal'
  | 'randomSplits'
  | 'utf8Splits'
  | 'crlf'
  | 'keepAlives'
  | 'midStreamError'
  | 'cut'
  | 'reset'
  | 'stall'
  | 'keepAliveStall'
  | 'slowStart'
  | 'errorBody200'
  | 'html502'
  | 'status401'
  | 'status404'
  | 'status429RetryAfterMs'
  | 'status429RetryAfterSeconds'
  | 'status429RetryAfterDate'
  | 'status500'
  | 'status503RetryAfter';

/** Text events before a fault or a stall in the named scenarios. */
export const FAULT_AFTER_TEXT_EVENTS = 2;

/**
 * How long the named stalls last. Clients in tests use idle and first-event timeouts far
 * below this, and the server stops stalling as soon as the client goes away.
 */
export const STALL_MS = 2000;

/** An nginx 502 page, CRLF and all, the way a reverse proxy in front of any server sends it. */
export const PROXY_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n' +
  '</body>\r\n</html>\r\n';

/**
 * Named scenarios: the reply fields each one sets on top of a reply's text and style. The
 * error replies get their body from the style (`Reply.status` without `body`), so each server
 * words them its own way. Functions, because an HTTP date must be computed when used.
 */
export const SCENARIOS: Readonly<Record<ScenarioName, () => Partial<Reply>>> = {
  normal: () => ({}),
  randomSplits: () => ({ scenario: { randomSplits: 20240611 } }),
  utf8Splits: () => ({ scenario: { utf8Splits: true } }),
  crlf: () => ({ scenario: { crlf: true } }),
  keepAlives: () => ({ scenario: { keepAlives: true } }),
  midStreamError: () => ({
    scenario: { fault: { kind: 'error', afterTextEvents: FAULT_AFTER_TEXT_EVENTS } },
  }),
  cut: () => ({ scenario: { fault: { kind: 'cut', afterTextEvents: FAULT_AFTER_TEXT_EVENTS } } }),
  reset: () => ({
    scenario: { fault: { kind: 'reset', afterTextEvents: FAULT_AFTER_TEXT_EVENTS } },
  }),
  stall: () => ({
    scenario: { stall: { afterTextEvents: FAULT_AFTER_TEXT_EVENTS, ms: STALL_MS } },
  }),
  keepAliveStall: () => ({
    scenario: {
      stall: { afterTextEvents: FAULT_AFTER_TEXT_EVENTS, ms: STALL_MS, keepAliveEveryMs: 10 },
    },
  }),
  slowStart: () => ({
    scenario: { stall: { afterTextEvents: 0, ms: STALL_MS, keepAliveEveryMs: 10 } },
  }),
  errorBody200: () => ({ status: 200 }),
  html502: () => ({
    status: 502,
    body: PROXY_502_PAGE,
    headers: { 'Content-Type': 'text/html' },
  }),
  status401: () => ({ status: 401 }),
  status404: () => ({ status: 404 }),
  status429RetryAfterMs: () => ({ status: 429, headers: { 'retry-after-ms': '1500' } }),
  status429RetryAfterSeconds: () => ({ status: 429, headers: { 'Retry-After': '7' } }),
  status429RetryAfterDate: () => ({
    status: 429,
    headers: { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() },
  }),
  status500: () => ({ status: 500 }),
  status503RetryAfter: () => ({ status: 503, headers: { 'Retry-After': '2' } }),
};

/** A small seeded generator (mulberry32): the same seed gives the same splits. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Sorted, distinct offsets strictly inside `length` bytes: about one cut per 16 bytes. */
export function randomCuts(length: number, random: () => number): number[] {
  const cuts = new Set<number>();
  const count = Math.ceil(length / 16);
  for (let i = 0; i < count && length > 1; i++) cuts.add(1 + Math.floor(random() * (length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

/** The offset of every UTF-8 continuation byte: a cut there splits a character. */
export function utf8Cuts(bytes: Uint8Array): number[] {
  const cuts: number[] = [];
  bytes.forEach((byte, i) => {
    if ((byte & 0xc0) === 0x80) cuts.push(i);
  });
  return cuts;
}
