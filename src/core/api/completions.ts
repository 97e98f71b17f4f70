import { silentLogger, type Logger } from '../logger';
import { CompletionChunkReader, isLlamaCppNativeChunk } from './chunkReader';
import { completionsBody, completionsHeaders, completionsUrl } from './completionsRequest';
import { oneLine, payloadError } from './errorBody';
import { ApiError, isAbortError, networkError } from './errors';
import {
  errorFromResponse,
  isRedirect,
  readBoundedText,
  readWholeText,
  redirectError,
} from './httpResponse';
import { tryParseJson } from './json';
import { RequestLifetime, timersFor } from './requestLifetime';
import { MAX_RESPONSE_BYTES, ResponseTooLargeError } from './responseLimit';
import { readSseEvents } from './sseStream';
import type { CompletionOutcome, CompletionRequest } from './types';

/** Injection points for tests and for callers with special needs. */
export interface StreamCompletionOptions {
  /**
   * Defaults to the global `fetch`, looked up per call. In the VS Code extension host that
   * fetch honours the user's proxy settings, which is why we never bring our own HTTP stack.
   */
  readonly fetch?: typeof fetch;
  /** Receives one `debug` line per request (no key, no prompt text). */
  readonly logger?: Logger;
  /** Cap on the reply's size in bytes; default {@link MAX_RESPONSE_BYTES}. */
  readonly maxResponseBytes?: number;
}

/**
 * Streams one completion from `POST {baseUrl}/completions` (legacy OpenAI Completions API,
 * `stream: true`). Yields each non-empty text delta as it arrives and returns how the
 * completion ended; a stream that ends without a finish reason returns
 * `finishReason: undefined` (truncated) and leaves the judgement to the caller.
 *
 * Stopping the iteration early (`break`, `return()`) aborts the HTTP request, so the server
 * stops generating. Works with servers that answer with a plain JSON body instead of a stream.
 *
 * Three timers bound the wait (servers.md §2.28): `firstEventTimeoutMs` from the request to
 * the first data event, `idleTimeoutMs` between data events (comments and keep-alives do not
 * count, and time the consumer spends between reads does not either), and `timeoutMs` for the
 * whole request.
 *
 * @param signal the caller's cancellation. Its abort rejects with an `AbortError` (see
 *   `isAbortError`), never with an {@link ApiError}.
 * @throws ApiError for everything else: HTTP errors, errors inside a 200 body or stream (the
 *   kind from their status or type name), a finish reason that reports a failure (`server`),
 *   network failures, a timer firing (`timeout`, the message names which), and replies that
 *   are not a completion or pass the byte cap (`protocol`; for llama.cpp's native format the
 *   message says to add `/v1`). The message never contains the API key.
 */
export async function* streamCompletion(
  request: CompletionRequest,
  signal: AbortSignal,
  options: StreamCompletionOptions = {},
): AsyncGenerator<string, CompletionOutcome> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const log = new RequestLog(request, options.logger ?? silentLogger);
  const lifetime = new RequestLifetime(signal, timersFor(request));
  let host = '';
  let finished = false;
  try {
    if (lifetime.endedBy === 'caller') throw lifetime.callerAbortError();
    const url = completionsUrl(request.baseUrl);
    host = url.host;
    const response = await fetchImpl(url.href, {
      method: 'POST',
      headers: completionsHeaders(request.apiKey),
      body: JSON.stringify(completionsBody(request)),
      signal: lifetime.signal,
      // The request carries the key: never let fetch carry it to wherever a redirect points.
      redirect: 'manual',
    });
    log.responded(host, response.status);
    // `yield*` forwards an early `return()` to the readers, which cancel the body.
    const outcome = yield* readCompletion(response, {
      host,
      url,
      lifetime,
      maxBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
      onText: (t) => log.text(t),
    });
    finished = true;
    return log.finished(outcome);
  } catch (e) {
    const error = settle(e, lifetime, host, request.apiKey);
    log.failed(error);
    throw error;
  } finally {
    // Reached without `finished` when the consumer stopped early or something failed: close
    // the connection so the server stops generating for nobody.
    if (!finished) lifetime.abort();
    lifetime.dispose();
    log.write();
  }
}

/** What the body readers need to know about the request they read for. */
interface ReadContext {
  readonly host: string;
  readonly url: URL;
  /** Told about data events, and about the time the consumer holds the stream. */
  readonly lifetime: RequestLifetime;
  /** The byte cap of the reply. */
  readonly maxBytes: number;
  /** Sees every text delta before it is yielded (for the log line). */
  readonly onText: (text: string) => void;
}

async function* readCompletion(
  response: Response,
  context: ReadContext,
): AsyncGenerator<string, CompletionOutcome> {
  const { host, url } = context;
  if (isRedirect(response)) throw redirectError(response, url);
  const { signal } = context.lifetime;
  if (!response.ok) throw await errorFromResponse(response, host, signal);

  const contentType = response.headers.get('content-type') ?? '';
  if (/json/i.test(contentType)) {
    // Some servers ignore `stream` or answer errors as JSON with status 200 (servers.md §2.25).
    const text = await readWholeText(response, context.maxBytes, signal);
    const value = tryParseJson(text);
    if (value === undefined) throw notACompletion(host, text);
    return yield* readJsonCompletion(value, context);
  }
  if (/html/i.test(contentType)) {
    // A captive portal or proxy page with status 200.
    const page = await readBoundedText(response, 64 * 1024, signal);
    throw notACompletion(host, page, contentType);
  }
  return yield* readEventStream(response.body, context);
}

/** A whole completion in one JSON value: a non-streamed body, or a body sent as one "stream". */
async function* readJsonCompletion(
  value: unknown,
  context: ReadContext,
): AsyncGenerator<string, CompletionOutcome> {
  // llama.cpp 2024–25 builds answer non-streamed requests with a top-level array (§1c).
  const payload: unknown = Array.isArray(value) ? value[0] : value;
  context.lifetime.dataArrived();
  checkPayload(payload, context);
  const chunks = new CompletionChunkReader();
  const text = chunks.read(payload);
  throwIfFailed(chunks, context.host);
  yield* deliver(text, context);
  return chunks.outcome();
}

async function* readEventStream(
  body: ReadableStream<Uint8Array> | null,
  context: ReadContext,
): AsyncGenerator<string, CompletionOutcome> {
  const { host } = context;
  const chunks = new CompletionChunkReader();
  if (!body) return chunks.outcome();
  let sawEvent = false;
  let strayText = '';
  const keepStray = (line: string): void => {
    if (strayText.length < 64 * 1024) strayText += `${line}\n`;
  };

  const events = readSseEvents(body, {
    onStrayLine: keepStray,
    maxBytes: context.maxBytes,
    signal: context.lifetime.signal,
  });
  for await (const event of events) {
    const data = event.data.trim();
    // An empty `data:` carries nothing, so it counts as a keep-alive, not as data.
    if (data === '') continue;
    sawEvent = true;
    context.lifetime.dataArrived();
    // `[DONE]` ends the stream but says nothing about success: vLLM and TGI send it after an
    // error event (servers.md §2.6), which has already been thrown by then.
    if (data === '[DONE]') break;
    const payload = tryParseJson(data);
    if (payload === undefined) throw notACompletion(host, data);
    checkPayload(payload, context);
    const text = chunks.read(payload);
    throwIfFailed(chunks, host);
    yield* deliver(text, context);
  }

  if (!sawEvent && strayText.trim() !== '') {
    // No events, just text: a JSON body (often an error) sent with the wrong Content-Type.
    const value = tryParseJson(strayText);
    if (value === undefined) throw notACompletion(host, strayText);
    return yield* readJsonCompletion(value, context);
  }
  return chunks.outcome();
}

/** Yields a non-empty text delta; the idle timer stands still while the consumer holds it. */
function* deliver(text: string, context: ReadContext): Generator<string, void> {
  if (text === '') return;
  context.onText(text);
  context.lifetime.pauseIdle();
  yield text;
  context.lifetime.resumeIdle();
}

/**
 * Throws when a 200 payload is not a completion chunk: the error it reports (checked before
 * `choices`, servers.md §2.7), or llama.cpp's native format.
 */
function checkPayload(payload: unknown, context: ReadContext): void {
  const error = payloadError(payload);
  if (error) {
    throw new ApiError(error.kind, error.message, context.host, { status: error.status });
  }
  if (isLlamaCppNativeChunk(payload)) throw llamaCppNativeError(context.url);
}

/** Throws when the finish reason read so far reports a failure (`FAILURE_FINISH_REASONS`). */
function throwIfFailed(chunks: CompletionChunkReader, host: string): void {
  const failure = chunks.failure();
  if (failure === undefined) return;
  throw new ApiError(
    'server',
    `${host} gave up on the completion (finish_reason "${failure}").`,
    host,
  );
}

/**
 * llama.cpp answers `POST /completions` without `/v1` in its own format (servers.md §2.24),
 * whose `stop` and missing `[DONE]` mean something else: say how to reach its OpenAI API.
 */
function llamaCppNativeError(url: URL): ApiError {
  const base = url.pathname.slice(0, -'/completions'.length);
  // Only the host is named in messages, so the example is given for a server at the root only.
  const fix = base.endsWith('/v1')
    ? 'set tokenhub.baseUrl to its OpenAI-compatible API, which ends in /v1'
    : base === ''
      ? `add /v1 to tokenhub.baseUrl: ${url.protocol}//${url.host}/v1`
      : 'add /v1 to the end of tokenhub.baseUrl';
  return new ApiError(
    'protocol',
    `${url.host} answered in llama.cpp's native format, not the OpenAI Completions API; ${fix}.`,
    url.host,
  );
}

function notACompletion(host: string, text: string, contentType?: string): ApiError {
  const what = contentType ? ` (${contentType.split(';')[0]})` : '';
  return new ApiError(
    'protocol',
    `Unexpected reply from ${host}${what}: ${oneLine(text) || 'empty body'}`,
    host,
  );
}

/** Turns whatever was thrown into what the caller should see (see `streamCompletion`). */
function settle(
  e: unknown,
  lifetime: RequestLifetime,
  host: string,
  apiKey: string | undefined,
): unknown {
  // Whoever aborted first decides: the caller's abort wins over any error it caused.
  if (lifetime.endedBy === 'caller') return lifetime.callerAbortError(e);
  const timeout = timeoutMessage(lifetime, host);
  if (timeout !== undefined) return new ApiError('timeout', timeout, host);
  let error = e;
  if (e instanceof ResponseTooLargeError) {
    error = new ApiError(
      'protocol',
      `${host} sent more than ${e.limitBytes} bytes without finishing the completion.`,
      host,
    );
  } else if (e instanceof Error && e.name === 'ParseError') {
    error = new ApiError('protocol', `Unreadable event stream from ${host}: ${e.message}`, host);
  } else if (e instanceof TypeError || hasErrnoCode(e)) {
    // The platform fetch rejects, and its body reads fail, with TypeError ("fetch failed",
    // "terminated"); other fetch implementations throw the socket error (ECONNREFUSED) itself.
    error = networkError(e, host);
  }
  return error instanceof ApiError ? error.redact(apiKey) : error;
}

/** Which timer ended the request, in words, or undefined when none did. */
function timeoutMessage(lifetime: RequestLifetime, host: string): string | undefined {
  const { totalMs, firstEventMs, idleMs } = lifetime.timers;
  switch (lifetime.endedBy) {
    case 'deadline':
      return `No complete reply from ${host} within ${totalMs} ms (overall deadline).`;
    case 'firstEvent':
      return `No data from ${host} within ${firstEventMs} ms of the request (first-event timeout).`;
    case 'idle':
      return `${host} sent no data for ${idleMs} ms mid-reply (idle timeout; keep-alive comments do not count).`;
    default:
      return undefined;
  }
}

function hasErrnoCode(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/** Collects the one debug line a request writes: timings and sizes, never the key or prompt. */
class RequestLog {
  private readonly started = Date.now();
  private host = '';
  private status: number | undefined;
  private headersMs: number | undefined;
  private firstTextMs: number | undefined;
  private chars = 0;
  private result = 'stopped early';

  constructor(
    private readonly request: CompletionRequest,
    private readonly logger: Logger,
  ) {}

  responded(host: string, status: number): void {
    this.host = host;
    this.status = status;
    this.headersMs = Date.now() - this.started;
  }

  text(text: string): void {
    this.firstTextMs ??= Date.now() - this.started;
    this.chars += text.length;
  }

  finished(outcome: CompletionOutcome): CompletionOutcome {
    this.result = `finish=${outcome.finishReason ?? 'none (truncated)'}`;
    return outcome;
  }

  failed(error: unknown): void {
    if (error instanceof ApiError) {
      this.host ||= error.host;
      this.result = `error=${error.kind}`;
    } else {
      this.result = isAbortError(error) ? 'aborted' : 'error';
    }
  }

  write(): void {
    const ms = (value: number | undefined): string => (value === undefined ? '-' : `${value}ms`);
    this.logger.debug(
      `completions host=${this.host || '-'} model=${this.request.model} ` +
        `status=${this.status ?? '-'} headers=${ms(this.headersMs)} ` +
        `firstText=${ms(this.firstTextMs)} total=${ms(Date.now() - this.started)} ` +
        `chars=${this.chars} promptChars=${this.request.prompt.length} ${this.result}`,
    );
  }
}
