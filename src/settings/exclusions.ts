import * as vscode from 'vscode';

/**
 * The verdict per document, for the pattern list it was made with. The settings snapshot
 * keeps one frozen array until the settings change, so identity tells when to judge again,
 * and the keystroke path does not match globs over and over.
 */
const verdicts = new WeakMap<
  vscode.TextDocument,
  { patterns: readonly string[]; excluded: boolean }
>();

/**
 * Whether a document matches one of the `tokenhub.exclude` globs: such a file's text is never
 * sent, neither for ghost text nor by the prompt command. VS Code's own matcher is used, so
 * patterns behave exactly like `files.exclude` and document selectors.
 */
export function isExcluded(document: vscode.TextDocument, patterns: readonly string[]): boolean {
  const known = verdicts.get(document);
  if (known?.patterns === patterns) return known.excluded;
  const excluded = patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  verdicts.set(document, { patterns, excluded });
  return excluded;
}
