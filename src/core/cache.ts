import { anchorAt, remainderAt, type Anchor } from './anchor';
import type { CursorText } from './cursorText';

/**
 * A bounded LRU of finished completions, keyed on where they were asked for (an {@link Anchor},
 * never the whole document). Besides exact hits it answers a position the user reached by
 * typing the start of a cached completion (or accepting a word of it, or deleting back into
 * it) with the remainder, so no request is needed. Bounded by entries and by bytes; memory
 * only, never written to disk.
 */
export class CompletionCache {
  private readonly entries = new Map<string, CacheEntry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 100,
    private readonly maxBytes = 2 * 1024 * 1024,
  ) {}

  /** Remembers `completion` for a request made at `at`. */
  set(at: CursorText, completion: string): void {
    const anchor = anchorAt(at);
    const key = anchor.key;
    this.remove(key);
    const entry = { anchor, completion, bytes: 2 * (key.length + completion.length) };
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  /** The rest of a cached completion for `at`, or undefined when none applies. */
  get(at: CursorText): string | undefined {
    const exact = this.entries.get(anchorAt(at).key);
    if (exact) return this.touch(exact, exact.completion);
    // Newest first: the most recent request is the likeliest to be typed through.
    for (const entry of [...this.entries.values()].reverse()) {
      const rest = remainderAt(entry.anchor, entry.completion, at);
      if (rest) return this.touch(entry, rest);
    }
    return undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Approximate memory held, in bytes (UTF-16). */
  get byteSize(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private touch(entry: CacheEntry, answer: string): string {
    this.entries.delete(entry.anchor.key);
    this.entries.set(entry.anchor.key, entry);
    return answer;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

interface CacheEntry {
  readonly anchor: Anchor;
  readonly completion: string;
  readonly bytes: number;
}
