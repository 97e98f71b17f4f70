import * as vscode from 'vscode';
import {
  cursorTextAt,
  linesDocumentText,
  type CursorText,
  type DocumentLines,
} from '../core/cursorText';
import { measuredLength } from './documentLengths';

/** A VS Code document as the core's {@link DocumentLines}: reads only the lines asked for. */
export function documentLines(document: vscode.TextDocument): DocumentLines {
  return {
    lineCount: document.lineCount,
    eolLength: document.eol === vscode.EndOfLine.CRLF ? 2 : 1,
    lineLength: (line) => document.lineAt(line).text.length,
    textBetween: (start, end) =>
      document.getText(new vscode.Range(start.line, start.character, end.line, end.character)),
  };
}

/**
 * The text around `start`..`end` of an editor document (see {@link cursorTextAt}), read by
 * lines from the cursor (see {@link linesDocumentText}). `length` is the document's length when
 * the caller tracks it (see DocumentLengths); without it, VS Code sums every line.
 */
export function cursorText(
  document: vscode.TextDocument,
  start: vscode.Position,
  end: vscode.Position = start,
  inserted = '',
  length = measuredLength(document),
): CursorText {
  const startOffset = document.offsetAt(start);
  const text = linesDocumentText(documentLines(document), length, {
    line: start.line,
    character: start.character,
    offset: startOffset,
  });
  return cursorTextAt(text, startOffset, document.offsetAt(end), inserted);
}
