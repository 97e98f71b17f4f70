import type { ContextSnippet } from './snippet';

/** The position context is wanted for: the document being completed and its text windows. */
export interface ContextQuery {
  readonly relativePath: string;
  readonly languageId: string;
  /** Text before the cursor (a window ending at it). */
  readonly prefix: string;
  /** Text after the cursor (a window starting at it). */
  readonly suffix: string;
}

/** Where the engine gets snippets of other files from (the index, fed by the editor). */
export interface ContextSource {
  /** Snippets for the query, costing at most `maxChars` of the prompt, in prompt order. */
  snippetsFor(query: ContextQuery, maxChars: number): readonly ContextSnippet[];
}
