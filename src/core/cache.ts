/**
 * A bounded LRU of finished completions keyed on the text around the cursor when they were
 * asked for. Besides exact hits it answers a position the user reached by typing the start of
 * a cached completion: the document then holds the request's prefix plus the typed text, the
 * same suffix, and the completion still starts with what was typed, so its remainder is the
 * answer and no request is needed.
 */
export class CompletionCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly maxEntries = 100) {}

  /** Remembers `completion` for a request made with this prefix and suffix. */
  set(prefix: string, suffix: string, completion: string): void {
    const key = keyOf(prefix, suffix);
    this.entries.delete(key);
    this.entries.set(key, { prefix, suffix, completion });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /**
   * The rest of a cached completion that the text before the cursor has typed into, or
   * undefined when none matches (or the user has typed all of it).
   */
  get(prefix: string, suffix: string): string | undefined {
    const exact = this.entries.get(keyOf(prefix, suffix));
    if (exact) return this.touch(exact, exact.completion);
    // Newest first: the most recent request is the likeliest to be typed through.
    for (const entry of [...this.entries.values()].reverse()) {
      const rest = remainderAfterTyping(entry, entry.completion, prefix, suffix);
      if (rest) return this.touch(entry, rest);
    }
    return undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private touch(entry: CacheEntry, answer: string): string {
    const key = keyOf(entry.prefix, entry.suffix);
    this.entries.delete(key);
    this.entries.set(key, entry);
    return answer;
  }
}

/** Where a completion was asked for: the whole text before and after the cursor. */
export interface Position {
  readonly prefix: string;
  readonly suffix: string;
}

interface CacheEntry extends Position {
  readonly completion: string;
}

/**
 * What is left of `completion`, asked for at `asked`, once the user has typed from there to
 * (`prefix`, `suffix`): undefined when they typed something else, edited after the cursor, or
 * typed all of it.
 */
export function remainderAfterTyping(
  asked: Position,
  completion: string,
  prefix: string,
  suffix: string,
): string | undefined {
  if (suffix !== asked.suffix || !prefix.startsWith(asked.prefix)) return undefined;
  const typed = prefix.slice(asked.prefix.length);
  if (completion.length <= typed.length || !completion.startsWith(typed)) return undefined;
  return completion.slice(typed.length);
}

// NUL cannot be typed into an editor, so it separates prefix and suffix unambiguously.
function keyOf(prefix: string, suffix: string): string {
  return `${prefix}\u0000${suffix}`;
}
