import * as vscode from 'vscode';
import { cursorTextAt, type CursorText, type DocumentText } from '../core/cursorText';

/** A VS Code document as the core's {@link DocumentText}: reads only the ranges asked for. */
export function documentText(document: vscode.TextDocument): DocumentText {
  return {
    length: document.offsetAt(document.lineAt(document.lineCount - 1).range.end),
    textBetween: (start, end) =>
      document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))),
  };
}

/** The text around `start`..`end` of an editor document (see {@link cursorTextAt}). */
export function cursorText(
  document: vscode.TextDocument,
  start: vscode.Position,
  end: vscode.Position = start,
  inserted = '',
): CursorText {
  return cursorTextAt(
    documentText(document),
    document.offsetAt(start),
    document.offsetAt(end),
    inserted,
  );
}
