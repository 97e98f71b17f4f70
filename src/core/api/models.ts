import { apiUrl } from './apiUrl';
import { ApiError, isAbortError, networkError } from './errors';
import { errorFromResponse, isRedirect, readBoundedText, redirectError } from './httpResponse';
import { isRecord, tryParseJson } from './json';

/** A model list is a few KB; a reply far larger than this is not one. */
const MAX_MODELS_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The model ids `GET {baseUrl}/models` lists, sorted and without duplicates. Reads OpenAI's
 * `{ "data": [{ "id" }] }` (also TokenHub, vLLM, llama.cpp, Ollama, LM Studio) and a bare array.
 * An empty list is a valid answer: some servers list nothing and take any model name.
 *
 * @throws ApiError on HTTP errors, unreachable servers and replies that are not a list; the
 *   caller's abort rejects with an AbortError.
 */
export async function listModels(
  baseUrl: string,
  apiKey: string | undefined,
  signal: AbortSignal,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<string[]> {
  const url = apiUrl(baseUrl, 'models');
  try {
    const response = await fetchImpl(url.href, {
      headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {},
      signal,
      redirect: 'manual',
    });
    if (isRedirect(response)) throw redirectError(response, url);
    if (!response.ok) throw await errorFromResponse(response, url.host);
    const body = tryParseJson(await readBoundedText(response, MAX_MODELS_BODY_BYTES));
    const entries = isRecord(body) ? body.data : body;
    if (!Array.isArray(entries)) {
      throw new ApiError(
        'protocol',
        `${url.host} did not answer /models with a model list.`,
        url.host,
      );
    }
    const ids = entries
      .map((entry) => (isRecord(entry) ? entry.id : entry))
      .filter((id): id is string => typeof id === 'string' && id !== '');
    return [...new Set(ids)].sort((a, b) => a.localeCompare(b));
  } catch (error) {
    if (isAbortError(error)) throw error;
    const failure = error instanceof ApiError ? error : networkError(error, url.host);
    throw failure.redact(apiKey);
  }
}
