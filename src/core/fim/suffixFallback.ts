import { ApiError } from '../api/errors';
import type { CompletionOutcome } from '../api/types';

/**
 * The server's message when an error is a refusal of `suffix` (servers.md §1c, §2.19: vLLM
 * 400, TGI 422, older llama.cpp 500, Ollama's "does not support insert"), else undefined.
 */
function suffixRefusal(error: unknown): string | undefined {
  const refused =
    error instanceof ApiError &&
    (error.kind === 'badRequest' || error.kind === 'server' || error.kind === 'protocol') &&
    /suffix|does not support insert/i.test(error.message);
  return refused ? error.message : undefined;
}

/**
 * Opens a stream with `suffix` and, when the server refuses it before sending any text, opens
 * the fallback instead and streams that, so a refusal costs one quick round trip once per
 * endpoint. Closing this generator early closes the stream inside it (and so aborts its
 * request).
 */
export async function* withSuffixFallback(
  openWithSuffix: () => AsyncGenerator<string, CompletionOutcome>,
  onRefused: (message: string) => AsyncGenerator<string, CompletionOutcome>,
  onAccepted: () => void,
): AsyncGenerator<string, CompletionOutcome> {
  const first = openWithSuffix();
  let step: IteratorResult<string, CompletionOutcome>;
  try {
    step = await first.next();
  } catch (error) {
    const refusal = suffixRefusal(error);
    if (refusal === undefined) throw error;
    return yield* onRefused(refusal);
  }
  onAccepted();
  try {
    if (step.done) return step.value;
    yield step.value;
    return yield* first;
  } finally {
    // Reached early when the consumer stopped reading: end the inner stream too.
    await first.return({ finishReason: undefined });
  }
}
