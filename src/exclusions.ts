import * as vscode from 'vscode';

/**
 * Whether a document matches one of the `tokenhub.exclude` globs: such a file's text is never
 * sent, neither for ghost text nor by the prompt command. VS Code's own matcher is used, so
 * patterns behave exactly like `files.exclude` and document selectors.
 */
export function isExcluded(document: vscode.TextDocument, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}
