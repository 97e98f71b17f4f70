import { isRecord } from './json';
import type { CompletionOutcome, CompletionUsage } from './types';

/**
 * Finish reasons that say generation failed, so the text so far is not a completion:
 * OpenRouter's `error` (servers.md §2.7; its chunk usually has an `error` object too) and
 * DeepSeek's `insufficient_system_resource` (§2.9).
 */
export const FAILURE_FINISH_REASONS: ReadonlySet<string> = new Set([
  'error',
  'insufficient_system_resource',
]);

/**
 * Reads completion payloads (stream chunks, or one whole non-streamed body) the way every
 * server in servers.md §1b writes them, and accumulates how the completion ended.
 *
 * - Text is `choice.text ?? choice.delta?.content ?? choice.message?.content` (Together and
 *   Mistral use `delta`/`message`; LocalAI's last chunk has no `text` key), and text in the
 *   chunk that carries the finish reason is kept (vLLM, TGI).
 * - Only one choice is followed: index 0, or the first index seen (we ask for n=1, but some
 *   servers interleave choices, §2.14). `choices: []` (usage-only chunks) is fine.
 * - `finish_reason` null or `""` (TGI) means unfinished.
 * - The last non-zero usage wins: Ollama sends zeros on every chunk, LocalAI ends in zeros.
 *
 * Error payloads are not this class's business: check `payloadError` first.
 */
export class CompletionChunkReader {
  private choiceIndex: number | undefined;
  private finishReason: string | undefined;
  private usage: CompletionUsage | undefined;

  /** Reads one parsed payload and returns the text it adds ('' when none). */
  read(payload: unknown): string {
    if (!isRecord(payload)) return '';
    this.readUsage(payload.usage);
    const choice = this.followedChoice(payload.choices);
    if (!choice) return '';
    if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
      this.finishReason = choice.finish_reason;
    }
    return choiceText(choice);
  }

  /**
   * The finish reason when it reports a failure rather than an end (see
   * {@link FAILURE_FINISH_REASONS}), else undefined.
   */
  failure(): string | undefined {
    return this.finishReason !== undefined && FAILURE_FINISH_REASONS.has(this.finishReason)
      ? this.finishReason
      : undefined;
  }

  /** How the completion ended, from everything read so far. */
  outcome(): CompletionOutcome {
    return this.usage
      ? { finishReason: this.finishReason, usage: this.usage }
      : { finishReason: this.finishReason };
  }

  private followedChoice(choices: unknown): Record<string, unknown> | undefined {
    if (!Array.isArray(choices)) return undefined;
    const candidates = choices.filter(isRecord);
    if (this.choiceIndex === undefined) {
      const first = candidates.find((c) => indexOf(c) === 0) ?? candidates[0];
      if (!first) return undefined;
      this.choiceIndex = indexOf(first);
    }
    return candidates.find((c) => indexOf(c) === this.choiceIndex);
  }

  private readUsage(usage: unknown): void {
    if (!isRecord(usage)) return;
    const promptTokens = count(usage.prompt_tokens);
    const completionTokens = count(usage.completion_tokens);
    if (promptTokens > 0 || completionTokens > 0) this.usage = { promptTokens, completionTokens };
  }
}

/**
 * True for a chunk of llama.cpp's native `/completion` format (`{"content": "…", "stop": false,
 * …}`, no `choices`), which is what its `POST /completions` without `/v1` answers (servers.md
 * §1a, §2.24).
 */
export function isLlamaCppNativeChunk(payload: unknown): boolean {
  return (
    isRecord(payload) &&
    payload.choices === undefined &&
    typeof payload.content === 'string' &&
    typeof payload.stop === 'boolean'
  );
}

function choiceText(choice: Record<string, unknown>): string {
  if (typeof choice.text === 'string') return choice.text;
  for (const holder of [choice.delta, choice.message]) {
    if (isRecord(holder) && typeof holder.content === 'string') return holder.content;
  }
  return '';
}

/** A choice without `index` is the only one (single-choice servers). */
function indexOf(choice: Record<string, unknown>): number {
  return typeof choice.index === 'number' ? choice.index : 0;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
