/**
 * The prompt budget, in tokens, and its shares (fim-and-context.md §4).
 *
 * - 3,000 tokens in all: with `max_tokens` (128 by default) the request fits the 4,096-token
 *   context small local models are often served with, and prompt processing (most of the time
 *   to first token on a CPU or small GPU server) stays short.
 * - Shares: prefix 40 %, suffix 15 %, context from other files 45 %. Copilot uses 35/15/50 of
 *   a larger window; at 3,000 tokens 35 % would leave under 5,000 characters before the
 *   cursor, and the code right before the cursor is worth more per token than a neighbouring
 *   file (GitHub reported about +10 % acceptance from the suffix and +5 % from neighbouring
 *   tabs). Context the retrieval does not fill goes back to the prefix, so a prompt without
 *   context is not shorter for the budget kept for it.
 * - The cursor's line is always whole, whatever the budget (see `buildPrompt`).
 */

/**
 * Characters per token, as estimated: code in BPE vocabularies of code models averages
 * 3–4.5; four keeps the estimate on the cautious side for prose-like code and matches how
 * usage is estimated when a server reports none.
 */
export const CHARS_PER_TOKEN = 4;

/** Tokens of prompt the extension aims for: prefix + suffix + context (FIM tokens aside). */
export const PROMPT_BUDGET_TOKENS = 3_000;

/** How the budget is shared. */
export const BUDGET_SHARES = { prefix: 0.4, suffix: 0.15, context: 0.45 } as const;

/** A budget in characters, as the prompt builder cuts text. */
export interface PromptBudget {
  /** Text before the cursor (more when context leaves part of its share unused). */
  readonly prefixChars: number;
  /** Text after the cursor. */
  readonly suffixChars: number;
  /** Other files' snippets, their paths and comment markers included. */
  readonly contextChars: number;
}

const chars = (share: number) => Math.round(PROMPT_BUDGET_TOKENS * share * CHARS_PER_TOKEN);

/** 4,800 / 1,800 / 5,400 characters. */
export const defaultBudget: PromptBudget = {
  prefixChars: chars(BUDGET_SHARES.prefix),
  suffixChars: chars(BUDGET_SHARES.suffix),
  contextChars: chars(BUDGET_SHARES.context),
};

/** How much snippet text the retrieval may return for one prompt, in characters. */
export const CONTEXT_BUDGET_CHARS = defaultBudget.contextChars;

/** Estimated tokens of a text. */
export function estimateTokens(text: string | number): number {
  return Math.ceil((typeof text === 'number' ? text : text.length) / CHARS_PER_TOKEN);
}
