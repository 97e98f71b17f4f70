import type { CompletionOutcome, CompletionUsage } from './api/types';
import { remainderAt, typedSince, type Anchor } from './anchor';
import type { CursorText } from './cursorText';
import type { CompletionCollector } from './postprocess/collector';
import type { Site } from './postprocess/context';
import { reportingOutcome } from './usage';

/** How a request ended: its completion, or the error that ended it (an abort included). */
export type RequestResult =
  | { readonly kind: 'completed'; readonly text: string; readonly usage?: CompletionUsage }
  | { readonly kind: 'failed'; readonly error: unknown };

/** What one caller got from waiting on a request. */
export type JoinResult =
  | { readonly kind: 'answered'; readonly text: string }
  /** The caller was cancelled (the user typed on); the request may serve the next caller. */
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed' }
  /** The streamed text went another way than what the user typed: a new request is needed. */
  | { readonly kind: 'diverged' }
  /** The stream still runs; `text` is its settled part from the caller's position on. */
  | { readonly kind: 'partial'; readonly text: string };

/**
 * How a caller takes a partial answer: `settle` picks the part of the whole streamed text that
 * can no longer change, `worth` says whether that part (from the caller's position on) is
 * worth answering with before the stream ends.
 */
export interface PartialRule {
  readonly settle: (streamed: string) => string;
  readonly worth: (rest: string) => boolean;
}

/**
 * One streaming completion that later cursor positions can share. While the user types the
 * characters the model is producing, each keystroke's call joins this request instead of
 * starting another; only when the text disagrees with what was typed, or nobody has waited for
 * it for `orphanGraceMs`, is the HTTP request aborted (so the server stops generating).
 */
export class InFlightRequest {
  /** Resolves when the request ends; never rejects. */
  readonly finished: Promise<RequestResult>;
  private readonly controller = new AbortController();
  private readonly textListeners = new Set<() => void>();
  private waiters = 0;
  private orphanTimer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  private received = 0;
  private readonly singleLine: boolean;

  constructor(
    /** Where the request was made. */
    readonly anchor: Anchor,
    private readonly collector: CompletionCollector,
    open: (signal: AbortSignal) => AsyncGenerator<string, CompletionOutcome>,
    private readonly orphanGraceMs: number,
  ) {
    this.singleLine = collector.site.mode === 'singleLine';
    this.finished = this.run(open(this.controller.signal));
  }

  /** Whether the text so far agrees with what was typed from the anchor to `at`. */
  couldAnswer(at: CursorText): boolean {
    if (this.ended) return false;
    const typed = typedSince(this.anchor, at);
    if (typed === undefined) return false;
    // A single-line completion ends at its line's end: a new line typed past it (Enter while
    // it still waits for its first token) needs a request of its own, not a wait on this one.
    if (this.singleLine && typed.includes('\n')) return false;
    const soFar = this.collector.text;
    if (soFar.length > typed.length) return soFar.startsWith(typed);
    // Not streamed that far yet: still possible unless the completion is already decided.
    return !this.collector.isDecided && typed.startsWith(soFar);
  }

  /**
   * The settled part of the text streamed so far, from `at` on, while the request still
   * streams; undefined when it has ended, went elsewhere, or settled nothing past `at` yet.
   */
  settledAt(at: CursorText, settle: PartialRule['settle']): string | undefined {
    if (this.ended) return undefined;
    const typed = typedSince(this.anchor, at);
    if (typed === undefined) return undefined;
    const settled = settle(this.collector.text);
    if (settled.length <= typed.length || !settled.startsWith(typed)) return undefined;
    return settled.slice(typed.length);
  }

  /**
   * Waits for the completion on behalf of a caller at `at`; with `partial`, answers sooner
   * with the settled part of the stream as soon as it is worth showing.
   */
  join(at: CursorText, signal: AbortSignal, partial?: PartialRule): Promise<JoinResult> {
    this.waiters++;
    clearTimeout(this.orphanTimer);
    return new Promise<JoinResult>((resolve) => {
      let done = false;
      let offer: ReturnType<typeof setImmediate> | undefined;
      const finish = (result: JoinResult) => {
        if (done) return;
        done = true;
        // A partial offer still queued can no longer answer; left queued, it would keep this
        // request, its text and the caller's surroundings alive until the loop reaches it.
        clearImmediate(offer);
        signal.removeEventListener('abort', onAbort);
        this.textListeners.delete(onText);
        this.leave();
        resolve(result);
      };
      const onAbort = () => finish({ kind: 'cancelled' });
      const partialNow = (): JoinResult | undefined => {
        const rest = partial && this.settledAt(at, partial.settle);
        return rest !== undefined && partial?.worth(rest)
          ? { kind: 'partial', text: rest }
          : undefined;
      };
      const onText = () => {
        if (this.ended) return;
        if (!this.couldAnswer(at)) return finish({ kind: 'diverged' });
        if (offer !== undefined || !partialNow()) return;
        // Text often comes in bursts: what has arrived is read first (setImmediate runs after
        // the I/O of this turn), so a stream already complete answers whole, not in two steps.
        offer = setImmediate(() => {
          offer = undefined;
          const answer = this.ended ? undefined : partialNow();
          if (answer) finish(answer);
        });
      };
      if (signal.aborted) return finish({ kind: 'cancelled' });
      signal.addEventListener('abort', onAbort, { once: true });
      this.textListeners.add(onText);
      // Asked again while the stream runs (a refresh, or a keystroke typing through it): what
      // has settled already answers, on the next turn.
      onText();
      if (done) return;
      void this.finished.then((result) => {
        if (result.kind === 'failed') return finish({ kind: 'failed' });
        // At the anchor itself the whole text is the answer, even an empty one.
        if (typedSince(this.anchor, at) === '') {
          return finish({ kind: 'answered', text: result.text });
        }
        const rest = remainderAt(this.anchor, result.text, at);
        finish(rest === undefined ? { kind: 'diverged' } : { kind: 'answered', text: rest });
      });
    });
  }

  /**
   * Keeps the request streaming for a partial answer on screen at `at` (as a waiting caller
   * would) and calls `onChange` once, when `grew` says the settled text from `at` on would show
   * more, or when the request ends. The request stays held until the returned function is
   * called (the caller asked again, or the user moved on), or `holdMs` after the change: asking
   * again goes through the editor, which may take longer than a request nobody waits for is
   * kept (the orphan grace).
   */
  watch(
    at: CursorText,
    settle: PartialRule['settle'],
    grew: (rest: string) => boolean,
    onChange: () => void,
    holdMs: number,
  ): () => void {
    this.waiters++;
    clearTimeout(this.orphanTimer);
    let holding = true;
    let changed = false;
    let holdTimer: ReturnType<typeof setTimeout> | undefined;
    const release = () => {
      if (!holding) return;
      holding = false;
      clearTimeout(holdTimer);
      this.textListeners.delete(onText);
      this.leave();
    };
    const change = () => {
      if (changed || !holding) return;
      changed = true;
      this.textListeners.delete(onText);
      holdTimer = setTimeout(release, holdMs);
      onChange();
    };
    const onText = () => {
      const rest = this.settledAt(at, settle);
      if (rest !== undefined && grew(rest)) change();
    };
    this.textListeners.add(onText);
    void this.finished.then(change);
    return release;
  }

  /** Aborts the HTTP request. */
  abort(): void {
    this.controller.abort();
  }

  /** Where the request was asked for, as post-processing reads it. */
  get site(): Site {
    return this.collector.site;
  }

  /** Every stop sequence the request ends at. */
  get stops(): readonly string[] {
    return this.collector.stops;
  }

  /** Characters streamed by the server so far, before stops cut them. */
  get charsReceived(): number {
    return this.received;
  }

  /** Whether the request was cut short: superseded, abandoned, or stopped early on purpose. */
  get wasAborted(): boolean {
    return this.controller.signal.aborted || this.collector.isDecided;
  }

  private leave(): void {
    this.waiters--;
    if (this.waiters > 0 || this.ended) return;
    // Nobody is waiting. The user may be typing the next character, whose call arrives within
    // VS Code's own short delay; if none comes, the text is not wanted and costs money.
    this.orphanTimer = setTimeout(() => {
      if (this.waiters === 0) this.abort();
    }, this.orphanGraceMs);
  }

  private async run(stream: AsyncGenerator<string, CompletionOutcome>): Promise<RequestResult> {
    try {
      // A holder, not a `let`: TypeScript cannot see the callback assign a local.
      const ended: { outcome?: CompletionOutcome } = {};
      const deltas = reportingOutcome(stream, (outcome) => (ended.outcome = outcome));
      for await (const delta of deltas) {
        this.received += delta.length;
        const decided = this.collector.push(delta);
        for (const listener of this.textListeners) listener();
        if (decided) break;
      }
      const { outcome } = ended;
      const truncated = !this.collector.isDecided && outcome?.finishReason === undefined;
      const text = truncated ? wholeLines(this.collector.text) : this.collector.text;
      return { kind: 'completed', text, ...(outcome?.usage ? { usage: outcome.usage } : {}) };
    } catch (error) {
      return { kind: 'failed', error };
    } finally {
      this.ended = true;
      clearTimeout(this.orphanTimer);
    }
  }
}

/**
 * A stream that ended without a finish reason was cut off: never show it as if it were whole.
 * Its first line is kept only when it is complete (a newline followed it).
 */
function wholeLines(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? '' : text.slice(0, newline);
}
