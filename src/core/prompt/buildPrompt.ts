import type { ContextSnippet } from '../context/snippet';
import { commentSyntaxFor } from './commentSyntax';
import { contextAsComments } from './contextComments';

/** What the editor knows at the cursor, as plain data. */
export interface DocumentContext {
  /** The whole document text before the cursor. */
  readonly prefix: string;
  /** The whole document text after the cursor. */
  readonly suffix: string;
  /** VS Code language id, e.g. `typescript`. */
  readonly languageId: string;
  /** Path relative to the workspace folder (or the file name of an untitled document). */
  readonly relativePath: string;
}

export interface PromptBudget {
  /** Characters of text before the cursor that may go into the prompt. */
  readonly prefixChars: number;
  /** Characters of text after the cursor kept for fill-in-the-middle and post-processing. */
  readonly suffixChars: number;
}

/**
 * About 1,500 tokens of prefix and 500 of suffix at ~4 characters per token: large enough for
 * useful context, small enough that time to first token stays low on every server.
 */
export const defaultBudget: PromptBudget = { prefixChars: 6000, suffixChars: 2000 };

export interface Prompt {
  /** The string sent as `prompt`: context from other files, header comment, the prefix window. */
  readonly prompt: string;
  /** The prefix window (ends at the cursor). */
  readonly prefix: string;
  /** The suffix window (starts at the cursor). */
  readonly suffix: string;
}

/**
 * Builds the prompt from windows around the cursor, never the whole file. Windows are cut at
 * line boundaries so the model never sees half a line at the edge; the line holding the cursor
 * is always kept whole up to the cursor, however long.
 */
export function buildPrompt(
  doc: DocumentContext,
  snippets: readonly ContextSnippet[] = [],
  budget: PromptBudget = defaultBudget,
): Prompt {
  const prefix = prefixWindow(doc.prefix, budget.prefixChars);
  const suffix = suffixWindow(doc.suffix, budget.suffixChars);
  const context = contextAsComments(snippets, doc.languageId);
  return { prompt: context + header(doc) + prefix, prefix, suffix };
}

function prefixWindow(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // The first line that starts at or after the cut (searching from cut - 1 keeps a line that
  // starts exactly at the cut).
  const newlineBeforeWindow = text.indexOf('\n', text.length - maxChars - 1);
  const cursorLineStart = text.lastIndexOf('\n') + 1;
  // Never start inside the cursor's own line: keep it whole even when it alone is over budget.
  return text.slice(newlineBeforeWindow === -1 ? cursorLineStart : newlineBeforeWindow + 1);
}

function suffixWindow(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const lastNewline = text.lastIndexOf('\n', maxChars);
  return lastNewline > 0 ? text.slice(0, lastNewline) : text.slice(0, maxChars);
}

/** `// Path: src/app.ts` + `// Language: typescript`, in the language's own comment syntax. */
function header(doc: DocumentContext): string {
  const { start, end } = commentSyntaxFor(doc.languageId);
  const line = (text: string) => `${start} ${text}${end}\n`;
  return line(`Path: ${doc.relativePath}`) + line(`Language: ${doc.languageId}`);
}
