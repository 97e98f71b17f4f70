/**
 * A piece of another file of the project given to the model as context: retrieved by
 * `src/core/context/`, written into the prompt by `src/core/prompt/` in the model family's
 * own format (repository-level tokens, or comments introduced by the path).
 */
export interface ContextSnippet {
  /** Path relative to its workspace folder, as shown to the model. */
  readonly relativePath: string;
  /** The snippet's text: whole lines. */
  readonly text: string;
}
