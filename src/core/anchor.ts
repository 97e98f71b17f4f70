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
}

export function anchorAt(at: CursorText): Anchor {
  return {
    offset: at.offset,
    lengthAfter: at.documentLength - at.offset,
    prefixTail: at.prefix.slice(-contextChars),
    suffixHead: at.suffix.slice(0, contextChars),
  };
}

/** A Map key for an anchor (NUL cannot be typed, so it separates the parts unambiguously). */
export function anchorKey(anchor: Anchor): string {
  return `${anchor.offset}:${anchor.lengthAfter}:${anchor.prefixTail}\u0000${anchor.suffixHead}`;
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
