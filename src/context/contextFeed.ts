import * as vscode from 'vscode';
import { ContextIndex } from '../core/context/contextIndex';
import type { ContextQuery, ContextSource } from '../core/context/contextSource';
import type { ContextSnippet } from '../core/context/snippet';
import type { Config } from '../settings/config';
import { measuredLength } from '../inline/documentLengths';
import { mayBeContext } from './contextEligibility';

/**
 * How long the editor must be quiet before the index builds the windows of documents opened or
 * changed meanwhile, so the next request does not have to (the first request after opening a
 * large file would otherwise pay tens of milliseconds).
 */
const idleMs = 500;

/**
 * Keeps the context index in step with the editor: documents of the workspace that are open
 * (or get opened) are tracked, edits mark them changed and record where the user edited,
 * looking at one makes it recent, closing forgets it. Every event handler is a map lookup or
 * two: the windows are rebuilt when the editor is idle, or by the request that needs them. With
 * `tokenhub.context.enabled` off, nothing is tracked and no snippet is given.
 */
export class ContextFeed implements ContextSource, vscode.Disposable {
  private readonly index = new ContextIndex();
  private readonly subscriptions: vscode.Disposable[];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly config: Config) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.add(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.index.close(key(document))),
      vscode.workspace.onDidChangeTextDocument((event) => {
        let tracked = false;
        for (const change of event.contentChanges) {
          tracked = this.index.changed(key(event.document), {
            startLine: change.range.start.line,
            endLine: change.range.end.line,
            insertedLineBreaks: lineBreaks(change.text),
          });
        }
        // Output channels and untitled buffers change too; only tracked documents need work.
        if (tracked) this.whenIdle();
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.touch(editors)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.touch(editor ? [editor] : [])),
      // The exclusions, the switch or the folders changed: judge every document again.
      config.onDidChange(() => this.resync()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.resync()),
    ];
    this.resync();
  }

  snippetsFor(query: ContextQuery, maxChars: number): readonly ContextSnippet[] {
    return this.config.current.contextEnabled ? this.index.snippetsFor(query, maxChars) : [];
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.index.clear();
  }

  private resync(): void {
    this.index.clear();
    if (!this.config.current.contextEnabled) return;
    for (const document of vscode.workspace.textDocuments) this.add(document);
    this.touch(vscode.window.visibleTextEditors);
  }

  /** (Re)starts the idle timer: typing pushes the work back, a pause lets it run. */
  private whenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const active = vscode.window.activeTextEditor?.document;
      this.index.prepare(active && key(active));
    }, idleMs);
  }

  private add(document: vscode.TextDocument): void {
    const settings = this.config.current;
    if (!settings.contextEnabled || !mayBeContext(document, settings.exclude)) return;
    this.index.open(key(document), {
      relativePath: vscode.workspace.asRelativePath(document.uri, false),
      languageId: document.languageId,
      length: () => measuredLength(document),
      text: () => document.getText(),
    });
    this.whenIdle();
  }

  private touch(editors: readonly vscode.TextEditor[]): void {
    for (const editor of editors) this.index.touch(key(editor.document));
    // Leaving a document (for another) is when its windows become worth building.
    this.whenIdle();
  }
}

function key(document: vscode.TextDocument): string {
  return document.uri.toString();
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
