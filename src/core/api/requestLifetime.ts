import { isAbortError, newAbortError } from './errors';
import type { CompletionRequest } from './types';

/**
 * Why a request was cut short, if it was: the caller aborted, one of the three timers fired
 * (servers.md §2.28), or the consumer stopped reading.
 */
export type EndReason = 'caller' | 'deadline' | 'firstEvent' | 'idle' | 'consumer';

/** The three timers of one request, in milliseconds; a timer is off unless positive and finite. */
export interface RequestTimers {
  /** Overall deadline, from the start of the request to the end of the reply. */
  readonly totalMs: number;
  /** From the start of the request to the first data event (or the whole JSON body). */
  readonly firstEventMs: number;
  /** Longest silence between two data events; comments and keep-alives do not count. */
  readonly idleMs: number;
}

/**
 * Time to the first data event when the request does not say. Generous for a local server that
 * has a long prompt to read first, short enough that a queued request (DeepSeek sends
 * keep-alives for up to 10 minutes) does not sit on a ghost text nobody waits for any more.
 */
export const DEFAULT_FIRST_EVENT_TIMEOUT_MS = 5000;

/** Longest gap between data events when the request does not say; tokens come in milliseconds. */
export const DEFAULT_IDLE_TIMEOUT_MS = 3000;

/** The timers of `request`, with the defaults for the ones it leaves out. */
export function timersFor(request: CompletionRequest): RequestTimers {
  return {
    totalMs: request.timeoutMs,
    firstEventMs: request.firstEventTimeoutMs ?? DEFAULT_FIRST_EVENT_TIMEOUT_MS,
    idleMs: request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
}

/** setTimeout fires at once for delays above 2^31-1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The abort signal of one HTTP request: it aborts when the caller's signal aborts, when one of
 * its timers fires, or when {@link abort} is called (the consumer stopped reading), and it
 * remembers which came first so the error can say what really happened.
 *
 * A separate controller (not the caller's signal itself) is what lets us abort on a timer or
 * an early `return()` without touching the caller's signal. Call {@link dispose} when done.
 */
export class RequestLifetime {
  private readonly controller = new AbortController();
  private readonly deadline: ReturnType<typeof setTimeout> | undefined;
  private firstEvent: ReturnType<typeof setTimeout> | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private sawData = false;
  private reason: EndReason | undefined;
  private readonly onCallerAbort = (): void => this.end('caller');

  constructor(
    private readonly caller: AbortSignal,
    readonly timers: RequestTimers,
  ) {
    if (caller.aborted) {
      this.end('caller');
      return;
    }
    caller.addEventListener('abort', this.onCallerAbort, { once: true });
    this.deadline = this.start(timers.totalMs, 'deadline');
    this.firstEvent = this.start(timers.firstEventMs, 'firstEvent');
  }

  /** Pass this to fetch. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** What ended the request early, or undefined while it runs or after it finished normally. */
  get endedBy(): EndReason | undefined {
    return this.reason;
  }

  /**
   * A data event (or a whole JSON body) arrived: the first-event timer is done and the idle
   * timer starts over. Comments must not get here, or a server that only sends keep-alives
   * would hold the request open until the overall deadline (deepseek-harness#6959).
   */
  dataArrived(): void {
    this.sawData = true;
    this.clear('firstEvent');
    this.clear('idle');
    this.idle = this.start(this.timers.idleMs, 'idle');
  }

  /**
   * The consumer holds the stream (between a `yield` and the next read): silence then is not
   * the server's, so the idle timer stops, and {@link resumeIdle} gives it a fresh period.
   */
  pauseIdle(): void {
    this.clear('idle');
  }

  /** See {@link pauseIdle}. */
  resumeIdle(): void {
    if (this.sawData && this.reason === undefined && this.idle === undefined) {
      this.idle = this.start(this.timers.idleMs, 'idle');
    }
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

  /** Removes the listener on the caller's signal and stops every timer. */
  dispose(): void {
    this.caller.removeEventListener('abort', this.onCallerAbort);
    if (this.deadline !== undefined) clearTimeout(this.deadline);
    this.clear('firstEvent');
    this.clear('idle');
  }

  private start(ms: number, reason: EndReason): ReturnType<typeof setTimeout> | undefined {
    if (!Number.isFinite(ms) || ms <= 0) return undefined;
    return setTimeout(() => this.end(reason), Math.min(ms, MAX_TIMER_MS));
  }

  private clear(timer: 'firstEvent' | 'idle'): void {
    const handle = this[timer];
    if (handle !== undefined) clearTimeout(handle);
    this[timer] = undefined;
  }

  private end(reason: EndReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller.abort();
  }
}
