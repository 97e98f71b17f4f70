import type { CompletionOutcome, CompletionUsage } from './api/types';
import { estimateTokens } from './prompt/budget';

/** Tokens one request cost, from the server's `usage` or estimated when it sent none. */
export interface TokenCount {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when the numbers are estimates (about four characters per token). */
  readonly estimated: boolean;
}

/**
 * What a request cost: the server's `usage` when it reported one, otherwise an estimate from
 * the characters sent and received, so a budget still works on servers that never say.
 */
export function tokensUsed(
  promptChars: number,
  receivedChars: number,
  usage: CompletionUsage | undefined,
): TokenCount {
  if (usage) return { ...usage, estimated: false };
  return {
    promptTokens: estimateTokens(promptChars),
    completionTokens: estimateTokens(receivedChars),
    estimated: true,
  };
}

/**
 * Wraps a completion stream so its outcome (finish reason, usage) reaches `onOutcome` even
 * when the consumer reads it with `for await`, which drops a generator's return value.
 * Breaking out early still ends the inner stream (and aborts its request).
 */
export async function* reportingOutcome(
  stream: AsyncGenerator<string, CompletionOutcome>,
  onOutcome: (outcome: CompletionOutcome) => void,
): AsyncGenerator<string, void> {
  onOutcome(yield* stream);
}
