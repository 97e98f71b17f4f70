import { ApiError } from './api/errors';
import type { CompletionOutcome } from './api/types';

/** True for the errors servers give when they do not take `suffix` (servers.md §1c, §2.19). */
function refusesSuffix(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.kind === 'badRequest' || error.kind === 'server' || error.kind === 'protocol') &&
    // Ollama words it as "does not support insert" for models without a FIM template.
    /suffix|does not support insert/i.test(error.message)
  );
}

/**
 * Opens a stream with `suffix` and, when the server refuses it before sending any text (vLLM
 * 400, TGI 422, older llama.cpp 500), opens it again without and reports the answer, so the
 * refusal costs one quick round trip once per endpoint. Closing this generator early closes
 * the stream inside it (and so aborts its request).
 */
export async function* withSuffixFallback(
  open: (withSuffix: boolean) => AsyncGenerator<string, CompletionOutcome>,
  learned: (accepted: boolean) => void,
): AsyncGenerator<string, CompletionOutcome> {
  const first = open(true);
  let step: IteratorResult<string, CompletionOutcome>;
  try {
    step = await first.next();
  } catch (error) {
    if (!refusesSuffix(error)) throw error;
    learned(false);
    return yield* open(false);
  }
  learned(true);
  try {
    if (step.done) return step.value;
    yield step.value;
    return yield* first;
  } finally {
    // Reached early when the consumer stopped reading: end the inner stream too.
    await first.return({ finishReason: undefined });
  }
}
