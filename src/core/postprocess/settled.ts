import type { CompletionMode } from '../completionMode';
import type { Site } from './context';
import { postprocessAt } from './pipeline';
import type { Presentation } from './present';

/** A letter, digit, `_` or `$`: what identifiers and numbers are made of. */
const wordCharacter = /[\p{L}\p{N}_$]/u;
/** The word at the end of a text; the lookbehind keeps the search linear on long words. */
const trailingWord = /(?<![\p{L}\p{N}_$])[\p{L}\p{N}_$]+$/u;

/**
 * The part of a completion still streaming that later text cannot change, so it may be shown
 * before the stream ends:
 * - the last word is held back: the next token may still extend it (`compu` → `compute`);
 * - a tail that may be the start of a stop sequence is held back: the stop would cut it;
 * - where the answer may span lines, once the first line is complete, only complete lines: a
 *   half line may still turn out to be the dedent that ends the block, which the block end drops.
 * Streamed characters never change, so what this returns only grows as the stream goes on.
 */
export function settledText(
  streamed: string,
  mode: CompletionMode,
  stops: readonly string[],
): string {
  const newline = streamed.lastIndexOf('\n');
  let text = mode !== 'singleLine' && newline !== -1 ? streamed.slice(0, newline + 1) : streamed;
  text = text.slice(0, text.length - stopStartLength(text, stops));
  return text.replace(trailingWord, '');
}

/**
 * What to show of the settled text `rest` at the cursor, or undefined when it is not worth
 * showing yet: it must hold a complete word (a lone `(` or indentation is not a suggestion).
 * Whole lines are post-processed as the pipeline settles them before the end; a first line
 * still streaming as if it ended there, inserting only (how much of the rest of the line it
 * replaces is known at its end). Either way the pipeline keeps prefixes: on a prefix of the
 * stream it gives a prefix of what the whole stream gives, or nothing.
 */
export function settledPresentation(rest: string, site: Site): Presentation | undefined {
  if (!wordCharacter.test(rest)) return undefined;
  const lines = postprocessAt(rest, site, { final: false });
  if (lines !== undefined || rest.includes('\n')) return lines;
  const line = postprocessAt(rest, site, { final: true });
  return line && { text: line.text, replaceChars: 0 };
}

/** Whether `next` keeps what `shown` put on screen: the same start, the same text or more. */
export function grows(shown: Presentation | undefined, next: Presentation | undefined): boolean {
  if (shown === undefined) return true;
  return next !== undefined && next.text.startsWith(shown.text);
}

/** The length of the longest tail of `text` that is a proper start of one of `stops`. */
function stopStartLength(text: string, stops: readonly string[]): number {
  let longest = 0;
  for (const stop of stops) {
    for (let length = Math.min(stop.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(stop.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
