import * as vscode from 'vscode';
import type { CursorText } from './core/anchor';

/**
 * Characters read on each side of the cursor: a little more than the prompt budget (6,000 and
 * 2,000, cut to whole lines there) and bounded, so a keystroke in a 100,000-line file reads as
 * little as one in a 100-line file. Kept small on purpose: these strings are made on every
 * keystroke, and larger ones showed up as garbage-collection pauses in the benchmark.
 */
const prefixWindowChars = 7_000;
const suffixWindowChars = 2_500;

/**
 * The text around the cursor as the core wants it. `start`..`end` is the range the ghost text
 * will replace and `inserted` the text assumed already there (the suggest widget's selected
 * item), so the core sees the document as if that item had been accepted.
 */
export function cursorText(
  document: vscode.TextDocument,
  start: vscode.Position,
  end: vscode.Position = start,
  inserted = '',
): CursorText {
  const startOffset = document.offsetAt(start);
  const endOffset = document.offsetAt(end);
  const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
  const windowStart = document.positionAt(Math.max(0, startOffset - prefixWindowChars));
  const windowEnd = document.positionAt(Math.min(length, endOffset + suffixWindowChars));
  const offset = startOffset + inserted.length;
  return {
    prefix: document.getText(new vscode.Range(windowStart, start)) + inserted,
    suffix: document.getText(new vscode.Range(end, windowEnd)),
    offset,
    documentLength: offset + (length - endOffset),
  };
}
