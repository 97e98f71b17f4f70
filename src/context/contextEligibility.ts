import * as vscode from 'vscode';
import { isExcluded } from '../settings/exclusions';

/**
 * Settings files hold keys in plain text (`tokenhub.apiKey`, other extensions' tokens): any
 * `settings.json`, workspace files, and everything under a `.vscode` folder. One extension
 * tried side by side with this one sends the user's settings.json as context once it is saved.
 */
function isSettingsFile(uri: vscode.Uri): boolean {
  const segments = uri.path.toLowerCase().split('/');
  const name = segments[segments.length - 1] ?? '';
  return (
    name === 'settings.json' || name.endsWith('.code-workspace') || segments.includes('.vscode')
  );
}

/**
 * Whether a document's text may be indexed and sent as context for completions in other
 * files: a document of a workspace folder (so no untitled buffers, output channels, git
 * revisions, diff views or user settings, which all live in other schemes or places), not a
 * settings file, not matching `tokenhub.exclude`.
 */
export function mayBeContext(document: vscode.TextDocument, exclude: readonly string[]): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder || folder.uri.scheme !== document.uri.scheme) return false;
  if (isSettingsFile(document.uri)) return false;
  return !isExcluded(document, exclude);
}
