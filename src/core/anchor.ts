import type { CursorText } from './cursorText';

/** How much text on each side of the cursor identifies a position. */
const contextChars = 1000;

/**
 * A small fingerprint of where a completion was asked for: the cursor offset, the length of
 * the document after it, and up to 1,000 characters on each side. Enough to recognise the same
 * place, and a place reached from it by typing, without keeping the document.
 */
export interface Anchor {
  readonly offset: number;
  readonly lengthAfter: number;
  readonly prefixTail: string;
  readonly suffixHead: string;
  /** A Map key for the anchor: all of the above in one string. */
  readonly key: string;
}

export function anchorAt(at: CursorText): Anchor {
  const lengthAfter = at.documentLength - at.offset;
  const prefixTail = at.prefix.slice(-contextChars);
  const suffixHead = at.suffix.slice(0, contextChars);
  // NUL cannot be typed, so it separates the parts unambiguously.
  const key = `${at.offset}:${lengthAfter}:${prefixTail}\u0000${suffixHead}`;
  // The parts kept are cut from the key, not from the windows: V8 makes a slice point into the
  // string it was cut from, so a slice of the windows would keep all of them (9,500 characters)
  // alive as long as the cache keeps the anchor, and copying those survivors showed up in the
  // benchmark as garbage-collection pauses of 1-2 ms on the keystroke path.
  const suffixStart = key.length - suffixHead.length;
  return {
    offset: at.offset,
    lengthAfter,
    prefixTail: key.slice(suffixStart - 1 - prefixTail.length, suffixStart - 1),
    suffixHead: key.slice(suffixStart),
    key,
  };
}

/**
 * The text typed from `anchor` to reach `at`, or undefined when `at` was not reached by typing
 * alone (the cursor moved back, something after the cursor changed, the text before differs).
 * Deleting back toward the anchor still counts: the typed text is just shorter.
 */
export function typedSince(anchor: Anchor, at: CursorText): string | undefined {
  const typedLength = at.offset - anchor.offset;
  if (typedLength < 0 || typedLength > at.prefix.length) return undefined;
  if (at.documentLength - at.offset !== anchor.lengthAfter) return undefined;
  if (at.suffix.slice(0, contextChars) !== anchor.suffixHead) return undefined;
  const before = at.prefix.slice(0, at.prefix.length - typedLength);
  // Compare what both windows hold: a window may start later than the anchor's did.
  const overlap = Math.min(before.length, anchor.prefixTail.length);
  if (
    before.slice(before.length - overlap) !==
    anchor.prefixTail.slice(anchor.prefixTail.length - overlap)
  ) {
    return undefined;
  }
  return at.prefix.slice(at.prefix.length - typedLength);
}

/**
 * What is left of `completion`, asked for at `anchor`, at `at`: undefined when the user typed
 * something else, edited elsewhere, or typed all of it.
 */
export function remainderAt(
  anchor: Anchor,
  completion: string,
  at: CursorText,
): string | undefined {
  const typed = typedSince(anchor, at);
  if (typed === undefined || completion.length <= typed.length || !completion.startsWith(typed)) {
    return undefined;
  }
  return completion.slice(typed.length);
}
