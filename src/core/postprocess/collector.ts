import type { CompletionMode } from '../completionMode';
import { firstStopIndex } from '../stops';
import { blockEnd, type BlockContext } from './blockEnd';

/**
 * Accumulates streamed text and decides as early as possible that the completion is complete,
 * so the engine can stop reading and abort the request instead of paying for tokens that would
 * be thrown away: at the first stop sequence (servers may honour only four, or none), in
 * single-line mode at the first newline, and in multi-line mode at the end of the block.
 */
export class CompletionCollector {
  private buffer = '';
  private decided = false;

  constructor(
    private readonly mode: CompletionMode,
    private readonly stops: readonly string[],
    private readonly block: BlockContext = { cursorIndent: '', nextLine: '' },
  ) {}

  /** Adds a delta; returns true once the completion is decided and reading should stop. */
  push(delta: string): boolean {
    if (this.decided) return true;
    this.buffer += delta;
    const stops = this.mode === 'singleLine' ? [...this.stops, '\n'] : this.stops;
    const cut = firstStopIndex(this.buffer, stops);
    if (cut !== -1) {
      this.buffer = this.buffer.slice(0, cut);
      this.decided = true;
    }
    if (this.mode === 'multiLine') {
      const end = blockEnd(this.buffer, this.block);
      if (end !== undefined) {
        this.buffer = this.buffer.slice(0, end);
        this.decided = true;
      }
    }
    return this.decided;
  }

  /** True when a stop (or the end of the first line) was seen, not just the end of the stream. */
  get isDecided(): boolean {
    return this.decided;
  }

  /** The completion so far, cut at the first stop. */
  get text(): string {
    return this.buffer;
  }
}
