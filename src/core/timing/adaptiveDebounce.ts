/** Keystroke gaps longer than this are pauses, not typing speed. */
const typingGapMs = 1000;
/** Median gap under which the user counts as typing fast. */
const fastTypingMs = 150;

/** Where the cursor is, as far as the chance of a pause goes. */
type Place = 'lineStart' | 'opener' | 'elsewhere';

/**
 * How much of the configured debounce to wait, by the place and the rhythm: [typing slowly,
 * typing fast]. A fresh line is where people stop most (they think about the next statement),
 * then after `(`, `=`, `:` at the end of a line (arguments or a value come next); inside a
 * word or before other text on the line they rarely do. While the user types fast, every
 * wait is longer: a short one then mostly buys a request for text about to be typed anyway,
 * and each request counts. A guess that turns out wrong stays cheap: the request in flight
 * answers the next keystrokes when they type what it streams, and is aborted at the first one
 * that does not, a few tokens in.
 */
const waitShare: Record<Place, readonly [slow: number, fast: number]> = {
  lineStart: [0.1, 0.2],
  opener: [0.3, 0.5],
  elsewhere: [1, 1.5],
};

/**
 * The pause before asking, adapted to the moment: how likely the user is to stop here, from
 * the position in the line and the character just typed (see `waitShare`) and the typing
 * rhythm (the median of the recent gaps between keystrokes).
 */
export class AdaptiveDebounce {
  private lastKeystroke: number | undefined;
  private readonly gaps: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a keystroke and returns how long to wait before asking at this position. */
  next(baseMs: number, prefix: string, suffix: string): number {
    const now = this.now();
    if (this.lastKeystroke !== undefined && now - this.lastKeystroke < typingGapMs) {
      this.gaps.push(now - this.lastKeystroke);
      if (this.gaps.length > 8) this.gaps.shift();
    }
    this.lastKeystroke = now;
    const typingFast = this.gaps.length >= 3 && median(this.gaps) < fastTypingMs;
    return Math.round(baseMs * waitShare[placeOf(prefix, suffix)][typingFast ? 1 : 0]);
  }
}

function placeOf(prefix: string, suffix: string): Place {
  const restOfLine =
    suffix.slice(0, Math.max(0, suffix.indexOf('\n'))) || (suffix.includes('\n') ? '' : suffix);
  // Only closing characters after the cursor: the line is open for a completion.
  if (!/^[\s)\]}'";,]*$/.test(restOfLine)) return 'elsewhere';
  const line = prefix.slice(prefix.lastIndexOf('\n') + 1);
  if (line.trim() === '') return 'lineStart';
  // `{` and `[` are left out: a line or a list usually follows them, not a pause.
  return /[(=:]\s*$/.test(line) ? 'opener' : 'elsewhere';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
