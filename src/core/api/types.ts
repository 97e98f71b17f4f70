/** One call of `POST {baseUrl}/completions`, as the engine asks for it. */
export interface CompletionRequest {
  /** Base URL including `/v1`, e.g. `https://api.tokenhub.ai/v1`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; omitted entirely when undefined or empty. */
  readonly apiKey: string | undefined;
  readonly model: string;
  /** Always one string: several servers reject arrays (servers.md §2.21). */
  readonly prompt: string;
  /** Always sent: OpenAI and vLLM default to 16, llama.cpp/Ollama/TGI to unlimited. */
  readonly maxTokens: number;
  readonly temperature: number;
  /** At most 4 are sent, as an array (TGI rejects a plain string). */
  readonly stop: readonly string[];
  /**
   * Text after the cursor for fill-in-the-middle, sent as `suffix` only when non-empty (vLLM
   * rejects even `""`; servers.md §2.19). Callers fall back when a server refuses it.
   */
  readonly suffix?: string;
  /** Overall deadline for the whole request in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Longest wait from sending the request to the first data event (or a whole JSON body), in
   * milliseconds; default `DEFAULT_FIRST_EVENT_TIMEOUT_MS`. Keep-alive comments do not stop it.
   */
  readonly firstEventTimeoutMs?: number;
  /**
   * Longest gap between two data events, in milliseconds; default `DEFAULT_IDLE_TIMEOUT_MS`.
   * Keep-alive comments do not restart it (servers.md §2.28).
   */
  readonly idleTimeoutMs?: number;
}

/** Token counts a server reported for one request. */
export interface CompletionUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/**
 * How a completion stream ended: the return value of `streamCompletion` after all text was
 * yielded.
 */
export interface CompletionOutcome {
  /**
   * The server's `finish_reason` (`stop`, `length`, `eos_token`, `content_filter`, …), or
   * undefined when the stream ended without one. That means the result was truncated
   * (servers.md §2.8), and the caller decides what to do with the partial text.
   */
  readonly finishReason: string | undefined;
  /** The last non-zero usage the server reported, if any (servers.md §2.11). */
  readonly usage?: CompletionUsage;
}
