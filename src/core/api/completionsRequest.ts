import { apiUrl } from './apiUrl';
import type { CompletionRequest } from './types';

/** OpenAI accepts at most 4 stop sequences; others follow it (servers.md §1c, §2.20). */
export const MAX_STOP_SEQUENCES = 4;

/** `{baseUrl}/completions`; throws like {@link apiUrl}. */
export function completionsUrl(baseUrl: string): URL {
  return apiUrl(baseUrl, 'completions');
}

/**
 * The JSON body. Keys are omitted rather than sent as null or "" (servers.md §2.19: several
 * servers reject those), `max_tokens` is always sent (§2.17), `stop` is an array of at most
 * four non-empty strings (§2.20) and only present when there is one.
 */
export function completionsBody(request: CompletionRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (request.model !== '') body.model = request.model;
  body.prompt = request.prompt;
  if (request.suffix) body.suffix = request.suffix;
  // JSON.stringify turns NaN and Infinity into null, which is what we must not send.
  if (Number.isFinite(request.maxTokens))
    body.max_tokens = Math.max(1, Math.floor(request.maxTokens));
  if (Number.isFinite(request.temperature)) body.temperature = request.temperature;
  const stop = request.stop.filter((s) => s !== '').slice(0, MAX_STOP_SEQUENCES);
  if (stop.length > 0) body.stop = stop;
  body.stream = true;
  return body;
}

/** Request headers. `Authorization` only with a non-empty key (Ollama and local servers need none). */
export function completionsHeaders(apiKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
  };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  return headers;
}
