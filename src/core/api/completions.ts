import { silentLogger, type Logger } from '../logger';
import { CompletionChunkReader } from './chunkReader';
import { completionsBody, completionsHeaders, completionsUrl } from './completionsRequest';
import { oneLine, payloadError } from './errorBody';
import { ApiError, isAbortError, kindForStatus, networkError } from './errors';
import { errorFromResponse, isRedirect, readBoundedText, redirectError } from './httpResponse';
import { tryParseJson } from './json';
import { RequestLifetime } from './requestLifetime';
import { readSseEvents } from './sseStream';
import type { CompletionOutcome, CompletionRequest } from './types';

/** A non-streamed completion body larger than this is not one we asked for. */
const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

/** Injection points for tests and for callers with special needs. */
export interface StreamCompletionOptions {
  /**
   * Defaults to the global `fetch`, looked up per call. In the VS Code extension host that
   * fetch honours the user's proxy settings, which is why we never bring our own HTTP stack.
   */
  readonly fetch?: typeof fetch;
  /** Receives one `debug` line per request (no key, no prompt text). */
  readonly logger?: Logger;
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
 * @param signal the caller's cancellation. Its abort rejects with an `AbortError` (see
 *   `isAbortError`), never with an {@link ApiError}.
 * @throws ApiError for everything else: HTTP errors, errors inside a 200 body or stream,
 *   network failures, `request.timeoutMs` passing (`timeout`), and replies that are not a
 *   completion (`protocol`). The message never contains the API key.
 */
export async function* streamCompletion(
  request: CompletionRequest,
  signal: AbortSignal,
  options: StreamCompletionOptions = {},
): AsyncGenerator<string, CompletionOutcome> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const log = new RequestLog(request, options.logger ?? silentLogger);
  const lifetime = new RequestLifetime(signal, request.timeoutMs);
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
    const outcome = yield* readCompletion(response, url, { host, onText: (t) => log.text(t) });
    finished = true;
    return log.finished(outcome);
  } catch (e) {
    const error = settle(e, lifetime, host, request);
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
  /** Sees every text delta before it is yielded (for the log line). */
  readonly onText: (text: string) => void;
}

async function* readCompletion(
  response: Response,
  url: URL,
  context: ReadContext,
): AsyncGenerator<string, CompletionOutcome> {
  const { host } = context;
  if (isRedirect(response)) throw redirectError(response, url);
  if (!response.ok) throw await errorFromResponse(response, host);

  const contentType = response.headers.get('content-type') ?? '';
  if (/json/i.test(contentType)) {
    // Some servers ignore `stream` or answer errors as JSON with status 200 (servers.md §2.25).
    const text = await readBoundedText(response, MAX_JSON_BODY_BYTES);
    const value = tryParseJson(text);
    if (value === undefined) throw notACompletion(host, text);
    return yield* readJsonCompletion(value, context);
  }
  if (/html/i.test(contentType)) {
    // A captive portal or proxy page with status 200.
    throw notACompletion(host, await readBoundedText(response, 64 * 1024), contentType);
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
  throwIfError(payload, context.host);
  const chunks = new CompletionChunkReader();
  const text = chunks.read(payload);
  if (text !== '') {
    context.onText(text);
    yield text;
  }
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

  for await (const event of readSseEvents(body, keepStray)) {
    const data = event.data.trim();
    if (data === '') continue;
    sawEvent = true;
    // `[DONE]` ends the stream but says nothing about success: vLLM and TGI send it after an
    // error event (servers.md §2.6), which has already been thrown by then.
    if (data === '[DONE]') break;
    const payload = tryParseJson(data);
    if (payload === undefined) throw notACompletion(host, data);
    throwIfError(payload, host);
    const text = chunks.read(payload);
    if (text !== '') {
      context.onText(text);
      yield text;
    }
  }

  if (!sawEvent && strayText.trim() !== '') {
    // No events, just text: a JSON body (often an error) sent with the wrong Content-Type.
    const value = tryParseJson(strayText);
    if (value === undefined) throw notACompletion(host, strayText);
    return yield* readJsonCompletion(value, context);
  }
  return chunks.outcome();
}

/** Throws the error a 200 payload reports, with the kind its in-body status implies. */
function throwIfError(payload: unknown, host: string): void {
  const error = payloadError(payload);
  if (!error) return;
  const kind = error.status === undefined ? 'protocol' : kindForStatus(error.status);
  throw new ApiError(kind, error.message, host, { status: error.status });
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
  request: CompletionRequest,
): unknown {
  // Whoever aborted first decides: the caller's abort wins over any error it caused.
  if (lifetime.endedBy === 'caller') return lifetime.callerAbortError(e);
  if (lifetime.endedBy === 'deadline') {
    return new ApiError(
      'timeout',
      `No complete reply from ${host} within ${request.timeoutMs} ms.`,
      host,
    );
  }
  let error = e;
  if (e instanceof Error && e.name === 'ParseError') {
    error = new ApiError('protocol', `Unreadable event stream from ${host}: ${e.message}`, host);
  } else if (e instanceof TypeError || hasErrnoCode(e)) {
    // The platform fetch rejects, and its body reads fail, with TypeError ("fetch failed",
    // "terminated"); other fetch implementations throw the socket error (ECONNREFUSED) itself.
    error = networkError(e, host);
  }
  return error instanceof ApiError ? error.redact(request.apiKey) : error;
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
