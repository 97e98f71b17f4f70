import type { InFlightRequest, PartialRule } from './inflight';
import { siteOf } from './postprocess/context';
import type { Presentation } from './postprocess/present';
import { grows, settledPresentation, settledText } from './postprocess/settled';
import type { CompletionQuery } from './engine';

/**
 * The shortest time between two refreshes (the editor side asks again no sooner).
 * In VS Code each one blanks the suggestion for a round trip to the extension host, so a
 * stream of usual length grows once, to its end; only a slow one grows in steps on the way.
 */
export const refreshSpacingMs = 400;

/**
 * How long a stream is kept for a partial answer after the caller was told to ask again: the
 * editor comes back within a few ms, or a few hundred on a busy machine.
 */
const askAgainWithinMs = 2000;

/**
 * Ghost text shown before its stream ends, and grown while it runs. Automatic calls take the
 * settled words of the stream (`rule`); the last such answer is watched (`show`), which keeps
 * its request streaming, and listeners hear once asking again at that spot would show more, or
 * the stream ended (a refresh then answers whole, or with nothing if it broke off).
 */
export class GrowingAnswer {
  private stopWatching: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();

  /** Subscribes to "a partial answer can grow (or its stream ended): ask again there". */
  onGrowth(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The user did something new: the answer watched so far is no longer what waits. */
  forget(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /**
   * How a caller takes a partial answer: automatic typing and refreshes do (ghost text should
   * come at the pause, not after it); Alt+\ and a prefetch wait for the whole answer.
   */
  rule(request: InFlightRequest, query: CompletionQuery): PartialRule | undefined {
    if (query.trigger !== 'automatic' && query.trigger !== 'refresh') return undefined;
    // The request's own mode and stops, from where it was asked (a joined position may differ).
    const { site, stops } = request;
    // The caller's own surroundings, read once: `worth` runs on every streamed piece.
    const here = siteOf(query);
    return {
      settle: (streamed) => settledText(streamed, site.mode, stops),
      worth: (rest) => settledPresentation(rest, here) !== undefined,
    };
  }

  /** What to show of a partial answer `rest` at `query`; watched until it can grow. */
  show(request: InFlightRequest, rest: string, query: CompletionQuery): Presentation | undefined {
    const here = siteOf(query);
    const shown = settledPresentation(rest, here);
    const rule = this.rule(request, query);
    if (!shown || !rule) return shown;
    const more = (next: string) => {
      const grown = settledPresentation(next, here);
      return grown !== undefined && grown.text.length > shown.text.length && grows(shown, grown);
    };
    this.forget();
    this.stopWatching = request.watch(
      query,
      rule.settle,
      more,
      () => {
        for (const listener of this.listeners) listener();
      },
      askAgainWithinMs,
    );
    return shown;
  }
}
