import { identifiersOf } from './identifiers';

/** A run of lines of a document, `[startLine, endLine)`, and how similar it is to the query. */
export interface WindowMatch {
  readonly startLine: number;
  readonly endLine: number;
  /** Jaccard similarity of the window's identifier set and the query's, 0..1. */
  readonly score: number;
}

/**
 * One snapshot of a document prepared for sliding-window retrieval: which lines each
 * identifier occurs on, and how many distinct identifiers each window of `windowLines` lines
 * holds. Built once per snapshot (off the keystroke path); a query then costs the occurrences of
 * its own identifiers plus one pass over the window starts, not a re-scan of the text.
 */
export class DocumentWindows {
  readonly lineCount: number;
  /** Offset of each line's first character; one more entry: the text's length + 1. */
  private readonly lineStarts: Int32Array;
  /** Identifier -> the lines it occurs on, ascending, each line once. */
  private readonly postings = new Map<string, number[]>();
  /** Distinct identifiers in the window starting at each line. */
  private readonly distinct: Int32Array;

  constructor(
    readonly text: string,
    readonly windowLines: number,
  ) {
    const lines = text.split('\n');
    this.lineCount = lines.length;
    this.lineStarts = new Int32Array(lines.length + 1);
    const perLine: string[][] = [];
    let offset = 0;
    lines.forEach((line, i) => {
      this.lineStarts[i] = offset;
      offset += line.length + 1;
      const ids = identifiersOf(line);
      perLine.push(ids);
      for (const id of ids) {
        const list = this.postings.get(id);
        if (list) list.push(i);
        else this.postings.set(id, [i]);
      }
    });
    this.lineStarts[lines.length] = offset;
    this.distinct = distinctPerWindow(perLine, this.windowCount, windowLines);
  }

  /** Window starts: every line from which a whole window fits (one window for a short file). */
  private get windowCount(): number {
    return Math.max(1, this.lineCount - this.windowLines + 1);
  }

  /**
   * The `count` windows most similar to the query that do not overlap, best first (the first
   * of equals); none that shares no identifier with it. Per query identifier, the window starts
   * that contain one of its lines are marked in a difference array, so every window's
   * intersection size comes out of one prefix sum.
   */
  bestWindows(query: ReadonlySet<string>, count = 1): WindowMatch[] {
    const windows = this.windowCount;
    const last = windows - 1;
    const delta = new Int32Array(windows + 1);
    for (const id of query) {
      const lines = this.postings.get(id);
      if (!lines) continue;
      // Lines l cover window starts [l - W + 1, l]; adjacent covers merge into one run.
      let runStart = -1;
      let runEnd = -2;
      for (const line of lines) {
        const from = Math.max(0, line - this.windowLines + 1);
        const to = Math.min(line, last);
        if (from > runEnd + 1) {
          if (runStart >= 0) mark(delta, runStart, runEnd);
          runStart = from;
        }
        runEnd = to;
      }
      if (runStart >= 0) mark(delta, runStart, runEnd);
    }
    const scores = new Float64Array(windows);
    let shared = 0;
    for (let start = 0; start < windows; start++) {
      shared += delta[start] ?? 0;
      scores[start] =
        shared === 0 ? 0 : shared / ((this.distinct[start] ?? 0) + query.size - shared);
    }
    const found: WindowMatch[] = [];
    while (found.length < count) {
      let best = -1;
      for (let start = 0; start < windows; start++) {
        if ((scores[start] ?? 0) > (scores[best] ?? 0)) best = start;
      }
      if (best < 0) break;
      const endLine = Math.min(this.lineCount, best + this.windowLines);
      found.push({ startLine: best, endLine, score: scores[best] ?? 0 });
      // Windows overlapping this one are taken.
      scores.fill(0, Math.max(0, best - this.windowLines + 1), Math.min(windows, endLine));
    }
    return found;
  }

  /** The text of lines `[startLine, endLine)`, without the final line break. */
  linesText(startLine: number, endLine: number): string {
    const from = this.lineStarts[Math.max(0, startLine)] ?? 0;
    const to = this.lineStarts[Math.min(this.lineCount, endLine)] ?? this.text.length + 1;
    return this.text.slice(from, Math.max(from, to - 1));
  }
}

function mark(delta: Int32Array, from: number, to: number): void {
  delta[from] = (delta[from] ?? 0) + 1;
  delta[to + 1] = (delta[to + 1] ?? 0) - 1;
}

/** How many distinct identifiers each window holds: a sliding count, one pass over the lines. */
function distinctPerWindow(
  perLine: readonly string[][],
  windows: number,
  size: number,
): Int32Array {
  const counts = new Map<string, number>();
  let distinct = 0;
  const add = (ids: readonly string[] | undefined, by: 1 | -1) => {
    for (const id of ids ?? []) {
      const count = (counts.get(id) ?? 0) + by;
      counts.set(id, count);
      if (by === 1 && count === 1) distinct++;
      if (by === -1 && count === 0) distinct--;
    }
  };
  const result = new Int32Array(windows);
  for (let i = 0; i < Math.min(size, perLine.length); i++) add(perLine[i], 1);
  for (let start = 0; start < windows; start++) {
    result[start] = distinct;
    add(perLine[start], -1);
    add(perLine[start + size], 1);
  }
  return result;
}
