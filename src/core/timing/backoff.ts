import type { ApiError, ApiErrorKind } from '../api/errors';

/** Options of {@link Backoff}; every one has a default. */
export interface BackoffOptions {
  /** The clock, in milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** A number in [0, 1) for the jitter; default `Math.random`. */
  readonly random?: () => number;
  /**
   * The longest wait a server's `Retry-After` can impose; default 60 s, the limit openai-node
   * applies (servers.md §1d), so a server cannot switch completions off for an hour.
   */
  readonly maxWaitMs?: number;
}

/** The first wait without a `Retry-After`; it doubles per consecutive failure (openai-node). */
export const BACKOFF_INITIAL_MS = 500;
/** The longest wait without a `Retry-After`. */
export const BACKOFF_MAX_MS = 8000;
const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * Failures that say the server is busy, broken or out of reach: waiting helps. The others
 * (`unauthorized`, `notFound`, `badRequest`, `protocol`) need the user to fix the settings;
 * waiting would not help, and the next request after the fix must go out at once.
 */
const TRANSIENT: ReadonlySet<ApiErrorKind> = new Set<ApiErrorKind>([
  'rateLimited',
  'server',
  'network',
  'timeout',
]);

/**
 * When the next automatic request may go out after failures (servers.md §2.27): a 429 or 503
 * with `Retry-After` waits as long as the server asked (capped); other transient failures wait
 * 0.5 s, 1 s, 2 s, … up to 8 s, each with up to a quarter taken off at random so that clients
 * that failed together do not return together. A success ends the wait. Pure: no timers, the
 * caller asks {@link canSend} before sending.
 */
export class Backoff {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxWaitMs: number;
  private failures = 0;
  private until: number | undefined;

  constructor(options: BackoffOptions = {}) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  }

  /** The time (on the injected clock) before which nothing should be sent, or undefined. */
  blockedUntil(): number | undefined {
    return this.until !== undefined && this.until > this.now() ? this.until : undefined;
  }

  /** True when a request may go out now. */
  canSend(): boolean {
    return this.blockedUntil() === undefined;
  }

  /** Records a failed request and decides how long to wait before the next one. */
  onFailure(error: ApiError): void {
    if (!TRANSIENT.has(error.kind)) {
      // The server answered; only the configuration is wrong. No wait, and a streak of
      // transient failures before this one is over.
      this.onSuccess();
      return;
    }
    this.failures++;
    this.until = this.now() + (this.serverWait(error) ?? this.exponentialWait());
  }

  /** Records a successful request: the next one may go out at once. */
  onSuccess(): void {
    this.failures = 0;
    this.until = undefined;
  }

  /** The wait a 429/503 asked for, capped; undefined when it did not ask (or asked nonsense). */
  private serverWait(error: ApiError): number | undefined {
    const asked = error.status === 429 || error.status === 503 ? error.retryAfterMs : undefined;
    if (asked === undefined || !Number.isFinite(asked) || asked < 0) return undefined;
    return Math.min(asked, this.maxWaitMs);
  }

  private exponentialWait(): number {
    const exponent = Math.min(this.failures - 1, 30);
    const base = Math.min(BACKOFF_INITIAL_MS * 2 ** exponent, BACKOFF_MAX_MS, this.maxWaitMs);
    return base * (1 - 0.25 * this.random());
  }
}
