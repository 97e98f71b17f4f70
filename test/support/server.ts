/**
 * The project's own OpenAI-compatible endpoint for tests: node:http only, 127.0.0.1, an
 * ephemeral port. Unit tests, integration tests in the extension host and the end-to-end
 * runner all point `tokenhub.baseUrl` at `server.url`.
 *
 * It speaks like the real servers in /work/shared/notes/servers.md:
 * - `Reply.style` picks a server family (OpenAI by default; vLLM, llama.cpp and its native
 *   format, Ollama, TGI, OpenRouter, DeepSeek, LocalAI, Together, LM Studio). Each one's
 *   framing, payloads, keep-alives and error bodies, and the facts they reproduce, are in
 *   `dialects.ts`.
 * - `Reply.scenario` breaks the reply the way networks and servers do: byte splits, UTF-8
 *   splits, CRLF, keep-alives, a mid-stream error, a cut, a reset, a stall (`scenarios.ts`,
 *   which also names a standard set of scenarios, HTTP errors included).
 * - §2.20 stop sequences are honoured and the matched stop string is not included.
 * - §2.24 llama.cpp styles also answer `POST /completions` (no `/v1`), in the native format.
 * - `suffix` is honoured, ignored or refused as each server does (`suffixHandling.ts`).
 * - §2.29 a client that disconnects makes the server stop generating (recorded as `aborted`).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  dialectFor,
  frameOf,
  type CompletionPlan,
  type Dialect,
  type ServerStyle,
} from './dialects';
import { randomCuts, seededRandom, utf8Cuts, type Scenario } from './scenarios';
import { SUFFIX_HANDLING, hasSuffix, suffixRefusal, type SuffixHandling } from './suffixHandling';

export { SERVER_STYLES, type ServerStyle } from './dialects';
export { SCENARIOS, type Scenario, type ScenarioName } from './scenarios';
export type { SuffixHandling } from './suffixHandling';

/** What the server answers to the next completion requests. */
export interface Reply {
  /** Completion text to stream. Default ''. */
  text?: string;
  /** Explicit text pieces; default: `text` split into pieces of ~4 characters (never splitting a surrogate pair). */
  chunks?: string[];
  /** ms before the first event, and between events. Defaults 0 and 0. */
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
  /**
   * How generation ends: 'stop' (the model's end of sequence, the default), 'length', or any
   * other reason. Each style reports it its own way (TGI `eos_token`, Together `eos`, LocalAI
   * always `stop`); a matched stop string gives the style's stop-sequence reason instead.
   */
  finishReason?: string;
  /**
   * Error reply instead of a stream: HTTP status, raw body and extra headers. Setting `status`
   * or `body` sends a plain (non-streamed) reply; the body defaults to the style's error body
   * for that status (for 200, the error it puts inside a 200 body) and the Content-Type to
   * application/json unless `headers` says otherwise.
   */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Honour the request's stop sequences like real servers: cut the text at the first stop string (not included). Default true. */
  honourStop?: boolean;
  /** The server family to imitate; default 'openai'. */
  style?: ServerStyle;
  /** How the stream breaks on its way; default: it does not. */
  scenario?: Scenario;
  /**
   * Answer as if the request asked for usage (`stream_options.include_usage`); default: what
   * the request asked. Servers that always send usage (llama.cpp, TGI, LocalAI, OpenRouter)
   * send it either way.
   */
  includeUsage?: boolean;
  /**
   * What the server does with a `suffix` key; default: what the style's server does
   * (`suffixHandling.ts`). `refused` answers the style's own refusal before any text.
   */
  suffix?: SuffixHandling;
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
  /** What the server did with the request's `suffix` (`absent` when it had none). */
  suffix: SuffixHandling | 'absent';
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
  private readonly startedAt = Math.floor(Date.now() / 1000);

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
    const native = path === '/completions';
    if (req.method !== 'POST' || !(path === '/v1/completions' || native)) {
      sendUnknownUrl(res, req.method, path);
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
      suffix: 'absent',
    };
    let reply: Reply | undefined;
    if (native) {
      // Only llama.cpp serves completions outside /v1; every other server answers 404.
      reply = recorded.body === undefined ? undefined : this.replyFor(recorded);
      if (reply?.style !== 'llamacpp' && reply?.style !== 'llamacppNative') {
        sendUnknownUrl(res, req.method, path);
        return;
      }
    }
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
    reply ??= this.replyFor(recorded);
    const style = reply.style ?? 'openai';
    const dialect = dialectFor(native ? 'llamacppNative' : style);
    if (hasSuffix(recorded.body, style)) {
      recorded.suffix = reply.suffix ?? SUFFIX_HANDLING[style];
      if (recorded.suffix === 'refused') {
        const refusal = suffixRefusal(style, modelOf(recorded));
        sendReply(res, { status: refusal.status, body: refusal.body }, dialect, modelOf(recorded));
        return;
      }
    }
    if (reply.status !== undefined || reply.body !== undefined) {
      sendReply(res, reply, dialect, modelOf(recorded));
      return;
    }
    await this.stream(res, recorded, reply, dialect, gone);
  }

  private async stream(
    res: http.ServerResponse,
    recorded: RecordedRequest,
    reply: Reply,
    dialect: Dialect,
    gone: Promise<void>,
  ): Promise<void> {
    res.writeHead(200, { ...dialect.streamHeaders, ...lowerCaseKeys(reply.headers) });
    // Headers go out at once, as real servers do, so `firstTokenDelayMs` is time to first token.
    res.flushHeaders();
    // Each write leaves as its own packet, so splits reach the client as separate reads.
    res.socket?.setNoDelay(true);

    const scenario = reply.scenario ?? {};
    const { fault, stall } = scenario;
    const plan = this.plan(recorded, reply);
    const writer = new FrameWriter(res, scenario);
    const stopped = (): boolean => res.destroyed || recorded.aborted;
    let textSent = 0;
    let first = true;
    let stalled = false;
    for (const item of dialect.events(plan)) {
      if ('comment' in item) {
        await writer.write(frameOf(dialect, item));
        continue;
      }
      if (stall && !stalled && textSent >= stall.afterTextEvents) {
        stalled = true;
        await this.stall(stall, dialect, writer, gone, stopped);
      }
      if (fault && textSent >= fault.afterTextEvents) {
        await this.fault(fault.kind, res, dialect, plan, writer);
        return;
      }
      const delay = first ? (reply.firstTokenDelayMs ?? 0) : (reply.tokenDelayMs ?? 0);
      first = false;
      if (delay > 0) await pause(delay, gone);
      if (stopped()) return;
      if (scenario.keepAlives) await writer.write(frameOf(dialect, { comment: dialect.keepAlive }));
      await writer.write(frameOf(dialect, item));
      if (item.text) {
        textSent++;
        recorded.eventsSent++;
      }
    }
    res.end();
  }

  /** What the dialect needs to word this reply. */
  private plan(recorded: RecordedRequest, reply: Reply): CompletionPlan {
    const { pieces, stoppedAt } = replyPieces(reply, recorded.body?.stop);
    const prompt: unknown = recorded.body?.prompt;
    const streamOptions: unknown = recorded.body?.stream_options;
    const style = reply.style ?? 'openai';
    return {
      pieces,
      finishReason: reply.finishReason ?? 'stop',
      stoppedAt,
      model: modelOf(recorded),
      promptTokens: typeof prompt === 'string' ? prompt.length : 0,
      includeUsage: reply.includeUsage ?? usageRequested(streamOptions, style),
      serial: this.nextId++,
      created: Math.floor(recorded.receivedAt / 1000),
      serverStarted: this.startedAt,
    };
  }

  /** Silence (or only keep-alive comments) for `stall.ms`, or until the client is gone. */
  private async stall(
    stall: NonNullable<Scenario['stall']>,
    dialect: Dialect,
    writer: FrameWriter,
    gone: Promise<void>,
    stopped: () => boolean,
  ): Promise<void> {
    const until = Date.now() + stall.ms;
    const every = stall.keepAliveEveryMs ?? stall.ms;
    while (!stopped() && Date.now() < until) {
      await pause(Math.min(every, until - Date.now()), gone);
      if (stall.keepAliveEveryMs !== undefined && !stopped() && Date.now() < until) {
        await writer.write(frameOf(dialect, { comment: dialect.keepAlive }));
      }
    }
  }

  private async fault(
    kind: 'error' | 'cut' | 'reset',
    res: http.ServerResponse,
    dialect: Dialect,
    plan: CompletionPlan,
    writer: FrameWriter,
  ): Promise<void> {
    if (kind === 'error') {
      for (const item of dialect.midStreamError(plan)) await writer.write(frameOf(dialect, item));
    }
    if (kind === 'reset') {
      // After what was written has left, close the connection without ending the chunked
      // body: the client sees the connection drop mid-response.
      res.socket?.destroySoon();
      return;
    }
    res.end();
  }
}

/**
 * Writes frames the way the scenario wants them on the wire: CRLF line endings, and cut into
 * several writes at random offsets or inside multi-byte characters.
 */
class FrameWriter {
  private readonly random: () => number;

  constructor(
    private readonly res: http.ServerResponse,
    private readonly scenario: Scenario,
  ) {
    this.random = seededRandom(scenario.randomSplits ?? 0);
  }

  async write(frame: string): Promise<void> {
    const bytes = Buffer.from(this.scenario.crlf ? frame.replace(/\n/g, '\r\n') : frame, 'utf8');
    const cuts =
      this.scenario.randomSplits !== undefined
        ? randomCuts(bytes.length, this.random)
        : this.scenario.utf8Splits
          ? utf8Cuts(bytes)
          : [];
    let start = 0;
    for (const end of [...cuts, bytes.length]) {
      if (this.res.destroyed) return;
      this.res.write(bytes.subarray(start, end));
      start = end;
      // A turn of the event loop between pieces, so they do not leave as one packet.
      if (end < bytes.length) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * Whether `stream_options` asks for usage. vLLM counts the mere presence of the object as a
 * yes (`include_usage` defaults to true there, servers.md §1b).
 */
function usageRequested(streamOptions: unknown, style: ServerStyle): boolean {
  if (typeof streamOptions !== 'object' || streamOptions === null) return false;
  const include = (streamOptions as { include_usage?: unknown }).include_usage;
  if (include === undefined) return style === 'vllm' || style === 'vllmLegacy';
  return include === true;
}

function modelOf(recorded: RecordedRequest): string {
  const model: unknown = recorded.body?.model;
  return typeof model === 'string' ? model : TEST_MODEL;
}

/** The text pieces to stream, cut at the first stop string when the reply honours stops. */
function replyPieces(
  reply: Reply,
  stop: unknown,
): { pieces: string[]; stoppedAt: string | undefined } {
  const pieces = reply.chunks ?? splitText(reply.text ?? '');
  const stops = (Array.isArray(stop) ? stop : typeof stop === 'string' ? [stop] : []).filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
  if (reply.honourStop === false || stops.length === 0) return { pieces, stoppedAt: undefined };

  const full = pieces.join('');
  let cut = Number.POSITIVE_INFINITY;
  let stoppedAt: string | undefined;
  for (const s of stops) {
    const at = full.indexOf(s);
    if (at >= 0 && at < cut) [cut, stoppedAt] = [at, s];
  }
  if (stoppedAt === undefined) return { pieces, stoppedAt };
  // Keep the original piece boundaries up to the cut.
  const kept: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length >= cut) break;
    kept.push(piece.slice(0, cut - length));
    length += piece.length;
  }
  return { pieces: kept.filter((p) => p !== ''), stoppedAt };
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

function sendReply(res: http.ServerResponse, reply: Reply, dialect: Dialect, model: string): void {
  const status = reply.status ?? 200;
  const own = dialect.errorReply(status, model);
  const [body, contentType] =
    reply.body === undefined ? [own.body, own.contentType] : [reply.body, 'application/json'];
  res.writeHead(status, { 'content-type': contentType, ...lowerCaseKeys(reply.headers) });
  res.end(body);
}

function sendUnknownUrl(res: http.ServerResponse, method: string | undefined, path: string): void {
  sendRaw(
    res,
    404,
    openAiError(`Unknown request URL: ${method} ${path}`, 'invalid_request_error', 'unknown_url'),
  );
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
