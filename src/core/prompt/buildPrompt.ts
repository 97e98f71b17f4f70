import type { ContextSnippet } from '../context/snippet';
import { defaultBudget, type PromptBudget } from './budget';
import { fileHeader, snippetAsComments } from './contextComments';
import type { FimFormat } from './fimFamilies';
import { renderTemplate } from './fimTemplate';
import { fimSuffix, prefixWindow, suffixWindow } from './windows';

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
  /** The workspace folder's name, for formats that name the repository (Qwen, StarCoder2). */
  readonly repoName?: string | undefined;
}

export interface PromptOptions {
  /**
   * Other files' snippets in prompt order, the most relevant last (nearest the cursor); the
   * least relevant are left out when they do not all fit the budget.
   */
  readonly snippets?: readonly ContextSnippet[];
  /** The model family's FIM format: it shapes the suffix, and with `template` the prompt. */
  readonly format?: FimFormat | undefined;
  /** Write the format's FIM tokens into the prompt (servers that do not honour `suffix`). */
  readonly template?: boolean;
  readonly budget?: PromptBudget;
}

export interface Prompt {
  /** The string sent as `prompt`. */
  readonly prompt: string;
  /** The prefix window (ends at the cursor). */
  readonly prefix: string;
  /** The text after the cursor as a FIM model sees it: sent as `suffix` where a server takes it. */
  readonly suffix: string;
  /** Characters of the prompt that carry other files' snippets. */
  readonly contextChars: number;
}

/**
 * Builds the prompt from windows around the cursor (never the whole file) and the context
 * snippets that fit the budget. Three shapes:
 * - plain (prefix-only, or with the `suffix` field): snippets as comments, a path/language
 *   header, the prefix;
 * - a FIM template: the same text as `{prefix}`, the suffix in the family's tokens;
 * - a FIM template with repository tokens (Qwen, StarCoder2): each snippet as a file of the
 *   repository, then the current file with its path, as those models were trained.
 */
export function buildPrompt(doc: DocumentContext, options: PromptOptions = {}): Prompt {
  const { snippets = [], format, budget = defaultBudget } = options;
  const template = options.template === true && format !== undefined ? format : undefined;
  const suffix = fimSuffix(suffixWindow(doc.suffix, budget.suffixChars), format?.dropsRestOfLine);
  const repo = template?.repo;

  const blocks: string[] = [];
  let contextChars = 0;
  for (const snippet of [...snippets].reverse()) {
    const block = repo
      ? renderTemplate(repo.file, { path: snippet.relativePath, content: snippet.text })
      : snippetAsComments(snippet, doc.languageId);
    if (contextChars + block.length > budget.contextChars) continue;
    blocks.unshift(block);
    contextChars += block.length;
  }
  // Context the snippets did not use goes to the text before the cursor.
  const prefix = prefixWindow(doc.prefix, budget.prefixChars + budget.contextChars - contextChars);
  const values = { path: doc.relativePath, language: doc.languageId, suffix };

  if (repo && template) {
    // The repository's name only frames the files; the folder name is what the user knows.
    const header = renderTemplate(repo.header, { repo: doc.repoName ?? 'workspace' });
    const current = renderTemplate(template.template, { ...values, prefix });
    return { prompt: header + blocks.join('') + current, prefix, suffix, contextChars };
  }
  const plain = blocks.join('') + fileHeader(doc.relativePath, doc.languageId) + prefix;
  const prompt = template ? renderTemplate(template.template, { ...values, prefix: plain }) : plain;
  return { prompt, prefix, suffix, contextChars };
}
