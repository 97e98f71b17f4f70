/**
 * What the typing session and its server thread tell each other. The server runs in a worker
 * thread so that its timers (time to first token, time per token) are not delayed by the
 * engine's work on the main thread, and the engine's latency does not include the server's
 * CPU time: like a real server on another machine.
 */

/** Passed as `workerData`. */
export interface ServerConfig {
  /** The full text of every corpus file, by index. */
  readonly texts: readonly string[];
  /** Compressed (real) milliseconds the server waits before the first token and between tokens. */
  readonly firstTokenDelayMs: number;
  readonly tokenDelayMs: number;
  /** How many characters of the file's true continuation a reply offers (before stops). */
  readonly continuationChars: number;
  /**
   * Int32Array view: [file index, cursor offset]. The main thread writes it on every keystroke,
   * so the server knows how far the user has typed when it must find the prompt's cursor.
   */
  readonly cursor: SharedArrayBuffer;
  /** `process.hrtime.bigint()` (shared by all threads) at the session's start, as a string. */
  readonly epoch: string;
}

/** One completion request as the server saw it. */
export interface ServedRequest {
  readonly fileIndex: number;
  /** Offset in the file where the prompt ends (the cursor at request time), -1 if not found. */
  readonly cursor: number;
  /** Real ms since the epoch when the request arrived. */
  readonly arrivedMs: number;
  /** The stop sequences the client sent. */
  readonly stop: readonly string[];
  /** Characters of the reply after stops, and how many of them were actually streamed. */
  readonly charsPlanned: number;
  readonly charsSent: number;
  /** True when the client closed the connection before the reply ended. */
  readonly aborted: boolean;
  /** Real ms since the epoch at which each text event was written. */
  readonly textAt: readonly number[];
}

export type ToServer = { readonly type: 'summary' } | { readonly type: 'close' };

export type FromServer =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'summary'; readonly requests: readonly ServedRequest[] }
  | { readonly type: 'closed' };
