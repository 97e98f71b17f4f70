import { firstStopIndex } from '../stops';
import type { Site } from './context';
import { completionEnd } from './pipeline';

/**
 * Accumulates streamed text and decides as early as possible that the completion is complete,
 * so the engine can stop reading and abort the request instead of paying for tokens that would
 * be thrown away: at the first stop sequence (servers may honour only four, or none), and where
 * post-processing settles the end (the multi-line policy, special tokens, fences, loops,
 * repeats of the document; see {@link completionEnd}). The text is the raw stream cut there.
 */
export class CompletionCollector {
  private buffer = '';
  private decided = false;

  constructor(
    /** Every stop sequence, the ones the server may ignore included. */
    readonly stops: readonly string[],
    /** Where the completion was asked for. */
    readonly site: Site,
  ) {}

  /** Adds a delta; returns true once the completion is decided and reading should stop. */
  push(delta: string): boolean {
    if (this.decided) return true;
    this.buffer += delta;
    const cut = firstStopIndex(this.buffer, this.stops);
    if (cut !== -1) {
      this.buffer = this.buffer.slice(0, cut);
      this.decided = true;
    }
    const end = completionEnd(this.buffer, this.site);
    if (end !== undefined) {
      this.buffer = this.buffer.slice(0, end);
      this.decided = true;
    }
    return this.decided;
  }

  /** True when the end was decided (a stop, or post-processing), not just the end of the stream. */
  get isDecided(): boolean {
    return this.decided;
  }

  /** The completion so far, cut where it was decided to end. */
  get text(): string {
    return this.buffer;
  }
}
