/**
 * The project's own OpenAI-compatible endpoint for tests: node:http only, 127.0.0.1, an
 * ephemeral port. Unit tests, integration tests in the extension host and the end-to-end
 * runner all point `tokenhub.baseUrl` at `server.url`.
 *
 * The default stream reproduces what real servers send on `POST /v1/completions`
 * (/work/shared/notes/servers.md):
 * - §1a framing as OpenAI, vLLM, llama.cpp and Ollama write it: `Content-Type:
 *   text/event-stream`, `data: <json>\n\n` events, LF only, no comments or `event:`/`id:` lines,
 *   and a `data: [DONE]\n\n` terminator.
 * - §1b payloads: `object: "text_completion"`, a `cmpl-` id, the requested model echoed,
 *   `choices[0].text` with `logprobs: null` and `finish_reason: null` while streaming, then a
 *   separate final chunk with `text: ""` and the finish reason (OpenAI, llama.cpp, Ollama).
 * - §2.20 stop sequences are honoured and the matched stop string is not included.
 * - §1d errors in OpenAI's shape `{"error":{"message","type","param","code"}}`.
 * - §2.29 a client that disconnects makes the server stop generating (recorded as `aborted`).
 *
 * Per-server dialects (TGI's `data:` without a space, vLLM's text in the finish chunk, usage
 * chunks, keep-alive comments, …) are not built yet; they belong in `streamEvents` below,
 * selected by a future `Reply.style`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server answers to the next completion requests. */
export interface Reply {
  /** Completion text to stream. Default ''. */
  text?: string;
  /** Explicit text pieces; default: `text` split into pieces of ~4 characters (never splitting a surrogate pair). */
  chunks?: string[];
  /** ms before the first event, and between events. Defaults 0 and 0. */
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
  /** finish_reason on the final chunk; default 'stop'. */
  finishReason?: string;
  /**
   * Error reply instead of a stream: HTTP status, raw body and extra headers. Setting `status`
   * or `body` sends a plain (non-streamed) reply; the body defaults to an OpenAI-shaped error
   * and the Content-Type to application/json unless `headers` says otherwise.
   */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Honour the request's stop sequences like real servers: cut the text at the first stop string (not included). Default true. */
  honourStop?: boolean;
}

/** One `POST /v1/completions` the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON (or undefined). `any` so tests can read fields without casts. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  receivedAt: number;
  /** True when the client closed the connection before the reply ended. */
  aborted: boolean;
  /** Number of text events actually written before the end or the abort. */
  eventsSent: number;
}

/** The model `GET /v1/models` lists. */
export const TEST_MODEL = 'test-model';

const DEFAULT_REPLY: Reply = { text: '' };

/** An OpenAI-compatible completions server for tests. Start with {@link TestServer.start}. */
export class TestServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:54321/v1`. */
  readonly url: string;
  /** Every `POST /v1/completions`, in arrival order. Entries update live (`aborted`, `eventsSent`). */
  readonly requests: RecordedRequest[] = [];

  private replyFor: (req: RecordedRequest) => Reply = () => DEFAULT_REPLY;
  private readonly arrivals = new Set<() => void>();
  private nextId = 1;

  private constructor(private readonly server: http.Server) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/v1`;
  }

  /** Starts a server on 127.0.0.1 and an ephemeral port. */
  static async start(): Promise<TestServer> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const testServer = new TestServer(server);
    server.on('request', (req, res) => {
      testServer.handle(req, res).catch((error: unknown) => {
        // A failure in the test server must be loud, not a hung client.
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(openAiError(`test server failure: ${String(error)}`, 'server_error'));
      });
    });
    return testServer;
  }

  /** The reply for the next completions requests: a fixed Reply or a function of the request. */
  reply(r: Reply | ((req: RecordedRequest) => Reply)): void {
    this.replyFor = typeof r === 'function' ? r : () => r;
  }

  /** Resolves when `n` completion requests have been received; rejects after `timeoutMs`. */
  waitForRequests(n: number, timeoutMs = 5000): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.requests.length < n) return;
        clearTimeout(timer);
        this.arrivals.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.arrivals.delete(check);
        reject(
          new Error(
            `TestServer.waitForRequests(${n}): only ${this.requests.length} completion ` +
              `request(s) arrived within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.arrivals.add(check);
    });
  }

  /** Clears the recorded requests and restores the default reply (text ''). */
  reset(): void {
    this.requests.length = 0;
    this.replyFor = () => DEFAULT_REPLY;
  }

  /** Stops listening and destroys open connections, streams in progress included. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const rawBody = await readBody(req);

    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, { object: 'list', data: [{ id: TEST_MODEL, object: 'model' }] });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/completions') {
      sendRaw(
        res,
        404,
        openAiError(
          `Unknown request URL: ${req.method} ${path}`,
          'invalid_request_error',
          'unknown_url',
        ),
      );
      return;
    }

    const recorded: RecordedRequest = {
      method: req.method,
      path,
      headers: { ...req.headers },
      body: parseJson(rawBody),
      receivedAt: Date.now(),
      aborted: false,
      eventsSent: 0,
    };
    this.requests.push(recorded);
    for (const check of [...this.arrivals]) check();

    // Detect the client going away: `close` before the reply ended is an abort.
    const gone = new Promise<void>((resolve) => {
      res.on('close', () => {
        if (!res.writableFinished) recorded.aborted = true;
        resolve();
      });
    });

    if (recorded.body === undefined) {
      sendRaw(
        res,
        400,
        openAiError('We could not parse the JSON body of your request.', 'invalid_request_error'),
      );
      return;
    }
    const reply = this.replyFor(recorded);
    if (reply.status !== undefined || reply.body !== undefined) {
      sendReply(res, reply);
      return;
    }
    await this.stream(res, recorded, reply, gone);
  }

  private async stream(
    res: http.ServerResponse,
    recorded: RecordedRequest,
    reply: Reply,
    gone: Promise<void>,
  ): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...lowerCaseKeys(reply.headers),
    });
    // Headers go out at once, as real servers do, so `firstTokenDelayMs` is time to first token.
    res.flushHeaders();

    const id = `cmpl-${this.nextId++}`;
    let first = true;
    for (const event of streamEvents(id, recorded, reply)) {
      const delay = first ? (reply.firstTokenDelayMs ?? 0) : (reply.tokenDelayMs ?? 0);
      first = false;
      if (delay > 0) await pause(delay, gone);
      if (res.destroyed || recorded.aborted) return;
      res.write(event.frame);
      if (event.isText) recorded.eventsSent++;
    }
    res.end();
  }
}

/** One SSE frame to write, and whether it carries completion text. */
interface StreamEvent {
  readonly frame: string;
  readonly isText: boolean;
}

/**
 * The events of one streamed reply, in the default (OpenAI / llama.cpp / Ollama) dialect:
 * text chunks with `finish_reason: null`, a final chunk with `text: ""` and the finish reason,
 * then `[DONE]`.
 */
function* streamEvents(
  id: string,
  recorded: RecordedRequest,
  reply: Reply,
): Generator<StreamEvent> {
  const { pieces, stopped } = replyPieces(reply, recorded.body?.stop);
  const model: unknown = recorded.body?.model ?? TEST_MODEL;
  const created = Math.floor(recorded.receivedAt / 1000);
  const chunk = (text: string, finishReason: string | null): string =>
    `data: ${JSON.stringify({
      id,
      object: 'text_completion',
      created,
      model,
      choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
    })}\n\n`;

  for (const piece of pieces) yield { frame: chunk(piece, null), isText: true };
  // A matched stop string ends generation with `stop`, whatever the reply planned.
  yield { frame: chunk('', stopped ? 'stop' : (reply.finishReason ?? 'stop')), isText: false };
  yield { frame: 'data: [DONE]\n\n', isText: false };
}

/** The text pieces to stream, cut at the first stop string when the reply honours stops. */
function replyPieces(reply: Reply, stop: unknown): { pieces: string[]; stopped: boolean } {
  const pieces = reply.chunks ?? splitText(reply.text ?? '');
  const stops = (Array.isArray(stop) ? stop : typeof stop === 'string' ? [stop] : []).filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
  if (reply.honourStop === false || stops.length === 0) return { pieces, stopped: false };

  const full = pieces.join('');
  const cut = Math.min(...stops.map((s) => full.indexOf(s)).filter((i) => i >= 0));
  if (!Number.isFinite(cut)) return { pieces, stopped: false };
  // Keep the original piece boundaries up to the cut.
  const kept: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length >= cut) break;
    kept.push(piece.slice(0, cut - length));
    length += piece.length;
  }
  return { pieces: kept.filter((p) => p !== ''), stopped: true };
}

/** Pieces of about 4 characters (UTF-16 units), never splitting a surrogate pair. */
export function splitText(text: string, size = 4): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of text) {
    // `for…of` walks code points, so an astral character stays whole.
    if (piece.length > 0 && piece.length + char.length > size) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

function sendReply(res: http.ServerResponse, reply: Reply): void {
  const status = reply.status ?? 200;
  const body =
    reply.body ?? openAiError(`Test server error reply (HTTP ${status})`, 'server_error');
  res.writeHead(status, { 'content-type': 'application/json', ...lowerCaseKeys(reply.headers) });
  res.end(body);
}

/** Header names are case-insensitive; lower-casing lets a reply's headers replace our defaults. */
function lowerCaseKeys(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  sendRaw(res, status, JSON.stringify(value));
}

function sendRaw(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body);
}

/** An error body in OpenAI's shape (servers.md §1d). */
export function openAiError(message: string, type: string, code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Waits `ms`, or less if the client goes away; clears its timer so nothing outlives a test. */
function pause(ms: number, gone: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void gone.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
