import type { CorpusFile } from './corpus';
import type { Random } from './random';

/**
 * How the simulated human types. The ranges come from issue 4; the pause probabilities are
 * ours: people do not stop at every natural point, and stopping everywhere would make every
 * line look like a fresh request.
 */
export const typingModel = {
  keystrokeMs: [60, 150] as const,
  pauseMs: [300, 1500] as const,
  /** Chance of a pause at each kind of natural point. */
  pauseChance: { line: 0.5, '(': 0.3, '=': 0.3, ':': 0.3 },
};

export type PauseReason = keyof typeof typingModel.pauseChance;

/** One keystroke of the plan. Times are uncompressed milliseconds. */
export interface Keystroke {
  /**
   * What it inserts: one character, or for Enter a newline plus the next line's indentation,
   * because editors auto-indent and people do not type leading spaces.
   */
  readonly text: string;
  /** Offset in the file's text just after this keystroke (where the cursor is). */
  readonly end: number;
  /** Time since the previous keystroke (0 for a file's first). */
  readonly gapMs: number;
  /** How long the user stops after this keystroke, 0 when they type straight on. */
  readonly pauseMs: number;
  readonly pauseReason: PauseReason | undefined;
}

/** The keystrokes that type `file.text[start, end)`, with human timing from `random`. */
export function planKeystrokes(file: CorpusFile, random: Random): Keystroke[] {
  const keystrokes: Keystroke[] = [];
  let offset = file.start;
  let gapMs = 0;
  while (offset < file.end) {
    const text = nextKeystroke(file.text, offset, file.end);
    offset += text.length;
    const reason = naturalPoint(file.text, offset, text);
    const pauses = reason !== undefined && random.chance(typingModel.pauseChance[reason]);
    const pauseMs = pauses ? random.between(...typingModel.pauseMs) : 0;
    keystrokes.push({
      text,
      end: offset,
      gapMs,
      pauseMs,
      pauseReason: pauses ? reason : undefined,
    });
    gapMs = pauses ? pauseMs : random.between(...typingModel.keystrokeMs);
  }
  return keystrokes;
}

function nextKeystroke(text: string, offset: number, end: number): string {
  const char = String.fromCodePoint(text.codePointAt(offset) ?? 0);
  if (char !== '\n') return char;
  let next = offset + 1;
  while (next < end && (text[next] === ' ' || text[next] === '\t')) next++;
  return text.slice(offset, next);
}

/** Whether the cursor, just after `typed`, sits at a point where people stop to think. */
function naturalPoint(text: string, offset: number, typed: string): PauseReason | undefined {
  if (typed.startsWith('\n')) return 'line';
  if (typed === '(') return '(';
  // After `= ` and `: `: the value comes next (`const x = `, `"key": `, `name: `).
  if (typed === ' ') {
    const before = text[offset - 2];
    if (before === '=') return '=';
    if (before === ':') return ':';
  }
  return undefined;
}
