import { isAbortError, newAbortError } from './errors';

/** Why a request was cut short, if it was. */
export type EndReason = 'caller' | 'deadline' | 'consumer';

/** setTimeout fires at once for delays above 2^31-1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The abort signal of one HTTP request: it aborts when the caller's signal aborts, when the
 * deadline passes, or when {@link abort} is called (the consumer stopped reading), and it
 * remembers which came first so the error can say what really happened.
 *
 * A separate controller (not the caller's signal itself) is what lets us abort on a deadline
 * or an early `return()` without touching the caller's signal. Call {@link dispose} when done.
 */
export class RequestLifetime {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private reason: EndReason | undefined;
  private readonly onCallerAbort = (): void => this.end('caller');

  /** @param timeoutMs overall deadline; no deadline when not a positive finite number. */
  constructor(
    private readonly caller: AbortSignal,
    timeoutMs: number,
  ) {
    if (caller.aborted) {
      this.end('caller');
      return;
    }
    caller.addEventListener('abort', this.onCallerAbort, { once: true });
    if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
      this.timer = setTimeout(() => this.end('deadline'), Math.min(timeoutMs, MAX_TIMER_MS));
    }
  }

  /** Pass this to fetch. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** What ended the request early, or undefined while it runs or after it finished normally. */
  get endedBy(): EndReason | undefined {
    return this.reason;
  }

  /** Aborts the request because its reader is gone; a no-op once it ended for another reason. */
  abort(): void {
    this.end('consumer');
  }

  /**
   * The error to surface when the caller aborted: their `AbortError` as is, or a fresh one when
   * the error in hand (or the caller's reason) is something else, so `isAbortError` holds.
   */
  callerAbortError(caught?: unknown): unknown {
    if (isAbortError(caught)) return caught;
    return isAbortError(this.caller.reason) ? this.caller.reason : newAbortError();
  }

  /** Removes the listener on the caller's signal and stops the deadline timer. */
  dispose(): void {
    this.caller.removeEventListener('abort', this.onCallerAbort);
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private end(reason: EndReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller.abort();
  }
}
