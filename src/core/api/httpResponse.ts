import { readUnlessAborted } from './abortableRead';
import { ApiError, kindForStatus } from './errors';
import { errorMessageFromText } from './errorBody';
import { ResponseTooLargeError } from './responseLimit';
import { retryAfterMs } from './retryAfter';

/** Error bodies are read up to this size: a message is in the first few hundred bytes. */
export const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The body as text, reading at most `maxBytes` (the rest is cancelled, so a misbehaving server
 * cannot make us buffer megabytes). For error bodies, where the first bytes say it all.
 */
export async function readBoundedText(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<string> {
  return (await readText(response, maxBytes, signal)).text;
}

/**
 * The whole body as text, for a body that is no use cut short (a JSON completion).
 *
 * @throws ResponseTooLargeError when it has more than `maxBytes` bytes.
 */
export async function readWholeText(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<string> {
  const { text, truncated } = await readText(response, maxBytes, signal);
  if (truncated) throw new ResponseTooLargeError(maxBytes);
  return text;
}

/** One streaming decoder, so a character split across reads is decoded whole. */
async function readText(
  response: Response,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await readUnlessAborted(reader, signal);
      if (done) return { text: text + decoder.decode(), truncated: false };
      const room = maxBytes - received;
      received += value.byteLength;
      text += decoder.decode(value.byteLength > room ? value.subarray(0, room) : value, {
        stream: true,
      });
      if (received > maxBytes) return { text: text + decoder.decode(), truncated: true };
    }
  } finally {
    // Stops the download when we broke off early; a no-op on a finished body.
    reader.cancel().catch(() => undefined);
  }
}

/**
 * The {@link ApiError} for a non-2xx response: kind from the status, the server's own
 * message, and the wait it asked for on 429/503.
 */
export async function errorFromResponse(
  response: Response,
  host: string,
  signal?: AbortSignal,
): Promise<ApiError> {
  const { status } = response;
  const text = await readBoundedText(response, ERROR_BODY_LIMIT_BYTES, signal);
  const message =
    errorMessageFromText(text, response.headers.get('content-type')) ||
    `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const retryAfter = status === 429 || status === 503 ? retryAfterMs(response.headers) : undefined;
  return new ApiError(kindForStatus(status), message, host, { status, retryAfterMs: retryAfter });
}

/** True for a redirect answered under `redirect: 'manual'` (Node: 3xx; browsers: opaque). */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/**
 * The error for a redirect. We never follow one, because the request carries the API key and a
 * redirect may lead to another origin; the user should put the final URL in the settings.
 */
export function redirectError(response: Response, target: URL): ApiError {
  const location = response.headers.get('location');
  let to = '';
  try {
    // Only the host: the rest of a URL may carry tokens.
    if (location) to = ` to ${new URL(location, target).host}`;
  } catch {
    // An unparsable Location still is a redirect; just do not name it.
  }
  return new ApiError(
    'protocol',
    `${target.host} answered with a redirect${to} (HTTP ${response.status || 'redirect'}). ` +
      'Redirects are not followed so the API key is not sent elsewhere; set the base URL to the final address.',
    target.host,
    response.status ? { status: response.status } : {},
  );
}
