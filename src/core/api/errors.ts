/**
 * What went wrong with a request, in terms the rest of the extension acts on: the status bar
 * shows it, the engine decides whether to back off, and the user sees the message.
 */
export type ApiErrorKind =
  | 'unauthorized'
  | 'notFound'
  | 'rateLimited'
  | 'badRequest'
  | 'server'
  | 'network'
  | 'timeout'
  | 'protocol';

/** Extra facts about an {@link ApiError}; every field is optional. */
export interface ApiErrorDetails {
  /** The HTTP status, or the status code a server put inside an error payload. */
  readonly status?: number | undefined;
  /** How long the server asked us to wait (429 and 503 only). */
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
}

/**
 * A failed completions request. `message` is the server's own message (or a short description
 * of the transport failure) and never contains the API key; `host` is the only part of the
 * URL it names, because paths and queries can carry credentials.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** `host[:port]` of the endpoint, e.g. `api.tokenhub.ai`; empty when the URL was invalid. */
  readonly host: string;

  constructor(kind: ApiErrorKind, message: string, host: string, details: ApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.host = host;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /**
   * This error with every occurrence of `secret` masked. Servers are not supposed to echo the
   * key, but a message is shown to users and written to logs, so we do not trust them to.
   * Returns a new error (so `stack` does not keep the secret either) only when needed.
   */
  redact(secret: string | undefined): ApiError {
    if (!secret || !this.message.includes(secret)) return this;
    const details: ApiErrorDetails = {
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      cause: this.cause,
    };
    return new ApiError(this.kind, this.message.split(secret).join('***'), this.host, details);
  }
}

/** The error kind for a non-2xx HTTP status (also used for status codes found inside bodies). */
export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  // 408 is the server giving up waiting; to the user it is the same as our own deadline.
  if (status === 408) return 'timeout';
  // TGI answers a generation failure (the model backend broke) with 424 Failed Dependency.
  if (status === 424) return 'server';
  if (status >= 500) return 'server';
  if (status >= 400) return 'badRequest';
  // 1xx/3xx/2xx here mean the exchange made no sense to us.
  return 'protocol';
}

/**
 * True for the error raised when an `AbortSignal` aborts a fetch or a body read: a
 * `DOMException` (or any Error) named `AbortError`. Aborts are normal (the user typed on) and
 * must stay silent, so callers test for them before reporting anything.
 */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** A fresh `AbortError`, for aborts whose own reason was not one. */
export function newAbortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Maps a rejected `fetch` or a failed body read (undici throws `TypeError('fetch failed')` or
 * `TypeError('terminated')` with the socket error as `cause`) to a `network` error. Only the
 * error code and the cause's own message are kept; neither contains request headers.
 */
export function networkError(e: unknown, host: string): ApiError {
  const cause = (e as { cause?: unknown } | undefined)?.cause;
  const code = stringField(cause, 'code') ?? stringField(e, 'code');
  const detail = stringField(cause, 'message') ?? (e instanceof Error ? e.message : String(e));
  const what =
    e instanceof Error && e.message === 'terminated'
      ? `Connection to ${host} closed mid-response`
      : `Cannot reach ${host}`;
  const message =
    code && !detail.includes(code) ? `${what}: ${code} ${detail}` : `${what}: ${detail}`;
  return new ApiError('network', message, host, { cause: e });
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}
