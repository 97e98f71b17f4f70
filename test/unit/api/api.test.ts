// streamCompletion against the project's test server: real HTTP, real sockets, real aborts.
// Framing and payload variants that need byte-exact control are in sse.test.ts.
import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/core/api/completions';
import { ApiError, isAbortError, type ApiErrorKind } from '../../../src/core/api/errors';
import type { CompletionOutcome, CompletionRequest } from '../../../src/core/api/types';
import type { Logger } from '../../../src/core/logger';
import { TestServer, splitText } from '../../support/server';

const KEY = 'sk-unit-secret-7f3a9c2e';

describe('streamCompletion (against the test server)', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  function request(overrides: Partial<CompletionRequest> = {}): CompletionRequest {
    return {
      baseUrl: server.url,
      apiKey: KEY,
      model: 'test-model',
      prompt: 'function add(a, b) {\n  return',
      maxTokens: 64,
      temperature: 0.2,
      stop: ['\n\n'],
      timeoutMs: 5000,
      ...overrides,
    };
  }

  describe('a streamed reply', () => {
    it('arrives as the expected text, piece by piece, with the finish reason', async () => {
      server.reply({ text: ' a + b;\n}', finishReason: 'length' });
      const { pieces, outcome } = await collect(streamCompletion(request(), live()));
      assert.equal(pieces.join(''), ' a + b;\n}');
      assert.deepEqual(pieces, splitText(' a + b;\n}'), 'each event is yielded as it arrives');
      assert.deepEqual(outcome, { finishReason: 'length' });
    });

    it('keeps astral characters whole across events', async () => {
      server.reply({ text: 'emoji 🎉 and 世界 done' });
      const { pieces } = await collect(streamCompletion(request(), live()));
      assert.equal(pieces.join(''), 'emoji 🎉 and 世界 done');
    });

    it('returns an empty completion when the server streams no text', async () => {
      server.reply({ text: '' });
      const { pieces, outcome } = await collect(streamCompletion(request(), live()));
      assert.deepEqual(pieces, []);
      assert.equal(outcome.finishReason, 'stop');
    });
  });

  describe('the request', () => {
    it('POSTs model, prompt, max_tokens, temperature, stop (at most 4) and stream: true', async () => {
      server.reply({ text: 'x' });
      await collect(streamCompletion(request({ stop: ['\n', 'S1', 'S2', 'S3', 'S4'] }), live()));
      const [recorded] = server.requests;
      assert.ok(recorded);
      assert.equal(recorded.method, 'POST');
      assert.equal(recorded.path, '/v1/completions');
      assert.deepEqual(recorded.body, {
        model: 'test-model',
        prompt: 'function add(a, b) {\n  return',
        max_tokens: 64,
        temperature: 0.2,
        stop: ['\n', 'S1', 'S2', 'S3'],
        stream: true,
      });
    });

    it('sends the key as a Bearer token and asks for an event stream', async () => {
      await collect(streamCompletion(request(), live()));
      const headers = server.requests[0]?.headers;
      assert.equal(headers?.authorization, `Bearer ${KEY}`);
      assert.equal(headers?.accept, 'text/event-stream');
      assert.match(String(headers?.['content-type']), /^application\/json/);
    });

    it('sends no Authorization header without a key (undefined or empty)', async () => {
      await collect(streamCompletion(request({ apiKey: undefined }), live()));
      await collect(streamCompletion(request({ apiKey: '' }), live()));
      assert.equal(server.requests.length, 2);
      for (const recorded of server.requests) {
        assert.equal(recorded.headers.authorization, undefined);
      }
    });

    it('omits keys instead of sending empty values: no stop, no empty model', async () => {
      await collect(streamCompletion(request({ stop: [], model: '' }), live()));
      const body = server.requests[0]?.body as Record<string, unknown>;
      assert.equal('stop' in body, false);
      assert.equal('model' in body, false);
      assert.equal(body.max_tokens, 64, 'max_tokens is always sent');
      await collect(streamCompletion(request({ stop: ['', ''] }), live()));
      assert.equal('stop' in (server.requests[1]?.body as object), false);
    });

    it('joins a base URL with a trailing slash without a double slash', async () => {
      await collect(streamCompletion(request({ baseUrl: `${server.url}/` }), live()));
      assert.equal(server.requests[0]?.path, '/v1/completions');
    });
  });

  describe('HTTP errors', () => {
    it('401 → unauthorized with the server message', async () => {
      server.reply({
        status: 401,
        body: '{"error":{"message":"Invalid API Key","type":"authentication_error","code":401}}',
      });
      const error = await rejects(streamCompletion(request(), live()), 'unauthorized');
      assert.equal(error.message, 'Invalid API Key');
      assert.equal(error.status, 401);
      assert.equal(error.host, new URL(server.url).host);
    });

    it("401 with vLLM's string body and 403 → unauthorized", async () => {
      server.reply({ status: 401, body: '{"error":"Unauthorized"}' });
      const error = await rejects(streamCompletion(request(), live()), 'unauthorized');
      assert.equal(error.message, 'Unauthorized');
      server.reply({ status: 403, body: '{"error":{"message":"Forbidden for this key"}}' });
      await rejects(streamCompletion(request(), live()), 'unauthorized');
    });

    it('never puts the key in a message, even when the server echoes it', async () => {
      server.reply({
        status: 401,
        body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.` } }),
      });
      const error = await rejects(streamCompletion(request(), live()), 'unauthorized');
      assert.equal(error.message, 'Incorrect API key provided: ***.');
    });

    it('404 → notFound with the server message', async () => {
      server.reply({
        status: 404,
        body: '{"error":{"message":"The model `nope` does not exist.","type":"NotFoundError","param":"model","code":404}}',
      });
      const error = await rejects(streamCompletion(request(), live()), 'notFound');
      assert.equal(error.message, 'The model `nope` does not exist.');
    });

    it('429 with Retry-After seconds → rateLimited with retryAfterMs', async () => {
      server.reply({
        status: 429,
        headers: { 'Retry-After': '7' },
        body: '{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}',
      });
      const error = await rejects(streamCompletion(request(), live()), 'rateLimited');
      assert.equal(error.retryAfterMs, 7000);
      assert.equal(error.message, 'Rate limit reached');
    });

    it('429 with Retry-After as an HTTP date → retryAfterMs until that date', async () => {
      const at = new Date(Date.now() + 30_000);
      server.reply({ status: 429, headers: { 'Retry-After': at.toUTCString() } });
      const error = await rejects(streamCompletion(request(), live()), 'rateLimited');
      // toUTCString drops milliseconds, and the request takes a moment.
      assert.ok(error.retryAfterMs !== undefined, 'retryAfterMs is set');
      assert.ok(
        error.retryAfterMs > 25_000 && error.retryAfterMs <= 30_000,
        `${error.retryAfterMs}`,
      );
    });

    it('429 with retry-after-ms wins over Retry-After; none at all leaves it undefined', async () => {
      server.reply({ status: 429, headers: { 'retry-after-ms': '1500', 'Retry-After': '9' } });
      assert.equal(
        (await rejects(streamCompletion(request(), live()), 'rateLimited')).retryAfterMs,
        1500,
      );
      // TGI's overloaded 429 has no Retry-After at all.
      server.reply({
        status: 429,
        body: '{"error":"Model is overloaded","error_type":"overloaded"}',
      });
      const error = await rejects(streamCompletion(request(), live()), 'rateLimited');
      assert.equal(error.retryAfterMs, undefined);
      assert.equal(error.message, 'Model is overloaded');
    });

    it('500 → server; 503 with Retry-After → server with retryAfterMs', async () => {
      server.reply({
        status: 500,
        body: '{"error":{"message":"Internal server error","type":"server_error"}}',
      });
      const error = await rejects(streamCompletion(request(), live()), 'server');
      assert.equal(error.message, 'Internal server error');
      assert.equal(error.retryAfterMs, undefined);
      server.reply({
        status: 503,
        headers: { 'Retry-After': '2' },
        body: '{"error":{"message":"Loading model","type":"unavailable_error","code":503}}',
      });
      const unavailable = await rejects(streamCompletion(request(), live()), 'server');
      assert.equal(unavailable.retryAfterMs, 2000);
      assert.equal(unavailable.message, 'Loading model');
    });

    it('an HTML 502 from a proxy → server with a short message, not the page', async () => {
      const page =
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
        `<hr><center>nginx</center>\r\n${'<!-- padding -->'.repeat(200)}</body>\r\n</html>\r\n`;
      server.reply({ status: 502, body: page, headers: { 'Content-Type': 'text/html' } });
      const error = await rejects(streamCompletion(request(), live()), 'server');
      assert.equal(error.message, '502 Bad Gateway');
    });

    it('400/422 → badRequest, text/plain bodies as their text', async () => {
      server.reply({
        status: 400,
        body: '{"error":{"message":"suffix is not currently supported"}}',
      });
      await rejects(streamCompletion(request(), live()), 'badRequest');
      server.reply({
        status: 422,
        headers: { 'Content-Type': 'text/plain' },
        body: 'Failed to deserialize the JSON body into the target type: stop: invalid type',
      });
      const error = await rejects(streamCompletion(request(), live()), 'badRequest');
      assert.equal(
        error.message,
        'Failed to deserialize the JSON body into the target type: stop: invalid type',
      );
    });

    it('an unknown path → notFound with the server message', async () => {
      const error = await rejects(
        streamCompletion(request({ baseUrl: `${server.url}/nope` }), live()),
        'notFound',
      );
      assert.match(error.message, /Unknown request URL: POST \/v1\/nope\/completions/);
    });
  });

  describe('errors inside a 200 reply', () => {
    it('an error event after text → the error, with the kind from its in-body status (vLLM)', async () => {
      server.reply({
        status: 200,
        headers: { 'Content-Type': 'text/event-stream; charset=utf-8' },
        body:
          sse({ choices: [{ index: 0, text: 'partial', finish_reason: null }] }) +
          'data: {"error": {"message": "Internal server error", "type": "InternalServerError", "param": null, "code": 500}}\n\n' +
          'data: [DONE]\n\n',
      });
      const pieces: string[] = [];
      const error = await rejects(streamCompletion(request(), live()), 'server', pieces);
      assert.equal(error.message, 'Internal server error');
      assert.equal(error.status, 500);
      assert.deepEqual(pieces, ['partial'], 'text before the error was delivered');
    });

    it("LM Studio's 200 JSON error body → protocol with its message", async () => {
      server.reply({
        status: 200,
        body: '{"error":"Unexpected endpoint or method. (POST /completions)"}',
      });
      const error = await rejects(streamCompletion(request(), live()), 'protocol');
      assert.equal(error.message, 'Unexpected endpoint or method. (POST /completions)');
    });

    it('a non-streamed JSON body (stream ignored, DeepSeek blank lines first) is read whole', async () => {
      server.reply({
        status: 200,
        body: `\n\n${JSON.stringify({
          object: 'text_completion',
          choices: [{ index: 0, text: 'whole body', finish_reason: 'stop' }],
          usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
        })}`,
      });
      const { pieces, outcome } = await collect(streamCompletion(request(), live()));
      assert.deepEqual(pieces, ['whole body']);
      assert.deepEqual(outcome, {
        finishReason: 'stop',
        usage: { promptTokens: 5, completionTokens: 2 },
      });
    });

    it('a 200 HTML page (captive portal) → protocol naming the page', async () => {
      server.reply({
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
        body: '<!doctype html><html><head><title>Hotel Wi-Fi login</title></head><body>…</body></html>',
      });
      const error = await rejects(streamCompletion(request(), live()), 'protocol');
      assert.match(error.message, /Hotel Wi-Fi login/);
    });
  });

  describe('transport', () => {
    it('connection refused → network', async () => {
      const gone = await TestServer.start();
      const baseUrl = gone.url;
      await gone.close();
      const error = await rejects(streamCompletion(request({ baseUrl }), live()), 'network');
      assert.match(error.message, /ECONNREFUSED/);
      assert.equal(error.host, new URL(baseUrl).host);
    });

    it('a redirect is not followed, so the key never reaches another origin', async () => {
      const trap = await TestServer.start();
      try {
        server.reply({ status: 307, headers: { Location: `${trap.url}/completions` }, body: '' });
        const error = await rejects(streamCompletion(request(), live()), 'protocol');
        assert.match(error.message, /redirect/);
        assert.ok(error.message.includes(new URL(trap.url).host), 'names the target host');
        assert.equal(trap.requests.length, 0);
      } finally {
        await trap.close();
      }
    });

    it('an invalid base URL or one with credentials → badRequest, without echoing the URL', async () => {
      await rejects(streamCompletion(request({ baseUrl: 'not a url' }), live()), 'badRequest');
      const error = await rejects(
        streamCompletion(request({ baseUrl: `http://user:${KEY}@127.0.0.1:1/v1` }), live()),
        'badRequest',
      );
      assert.doesNotMatch(error.message, /user:/);
    });
  });

  describe('deadline', () => {
    it('no first token before timeoutMs → timeout, and the request is aborted', async () => {
      server.reply({ text: 'too late', firstTokenDelayMs: 3000 });
      const started = Date.now();
      const error = await rejects(streamCompletion(request({ timeoutMs: 150 }), live()), 'timeout');
      assert.ok(Date.now() - started < 2000, 'gave up at the deadline');
      assert.match(error.message, /150 ms/);
      await waitUntil(() => server.requests[0]?.aborted === true, 'the server to see the abort');
    });

    it('a stream still running at the deadline → timeout after the text so far', async () => {
      server.reply({ chunks: ['first', 'second'], tokenDelayMs: 3000 });
      const pieces: string[] = [];
      await rejects(streamCompletion(request({ timeoutMs: 600 }), live()), 'timeout', pieces);
      assert.deepEqual(pieces, ['first']);
      await waitUntil(() => server.requests[0]?.aborted === true, 'the server to see the abort');
    });
  });

  describe('cancellation', () => {
    it("the caller's abort rejects with an AbortError and the server sees the disconnect", async () => {
      server.reply({ text: 'never', firstTokenDelayMs: 3000 });
      const controller = new AbortController();
      const done = collect(streamCompletion(request(), controller.signal));
      await server.waitForRequests(1);
      controller.abort();
      const error = await done.then(
        () => assert.fail('should have rejected'),
        (e: unknown) => e,
      );
      assert.ok(isAbortError(error), `expected an AbortError, got ${String(error)}`);
      assert.ok(!(error instanceof ApiError));
      await waitUntil(() => server.requests[0]?.aborted === true, 'the server to see the abort');
    });

    it('an abort mid-stream rejects with an AbortError too', async () => {
      server.reply({ chunks: ['one', 'two', 'three', 'four'], tokenDelayMs: 200 });
      const controller = new AbortController();
      const pieces: string[] = [];
      const error = await (async () => {
        try {
          for await (const piece of streamCompletion(request(), controller.signal)) {
            pieces.push(piece);
            controller.abort();
          }
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(isAbortError(error), `expected an AbortError, got ${String(error)}`);
      assert.deepEqual(pieces, ['one']);
      await waitUntil(() => server.requests[0]?.aborted === true, 'the server to see the abort');
    });

    it('an already aborted signal sends no request', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await collect(streamCompletion(request(), controller.signal)).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(isAbortError(error));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(server.requests.length, 0);
    });

    it('breaking out of for-await early aborts the HTTP request', async () => {
      const chunks = Array.from({ length: 40 }, (_, i) => `t${i} `);
      server.reply({ chunks, tokenDelayMs: 20 });
      for await (const piece of streamCompletion(request(), live())) {
        assert.equal(piece, 't0 ');
        break;
      }
      await waitUntil(() => server.requests[0]?.aborted === true, 'the server to see the abort');
      assert.ok((server.requests[0]?.eventsSent ?? 99) < chunks.length, 'the server stopped early');
    });
  });

  describe('logging', () => {
    it('writes one debug line with host, model, status and sizes; never the key or the prompt', async () => {
      const lines: string[] = [];
      const logger = collectingLogger(lines);
      server.reply({ text: 'hello' });
      const prompt = 'SECRET-PROMPT-TEXT';
      await collect(streamCompletion(request({ prompt }), live(), { logger }));
      assert.equal(lines.length, 1);
      const [line = ''] = lines;
      assert.match(line, new RegExp(`host=${new URL(server.url).host}`));
      assert.match(line, /model=test-model/);
      assert.match(line, /status=200/);
      assert.match(line, /chars=5/);
      assert.match(line, new RegExp(`promptChars=${prompt.length}`));
      assert.ok(!line.includes(KEY) && !line.includes(prompt), line);
    });

    it('logs failures and early stops too, once each', async () => {
      const lines: string[] = [];
      const logger = collectingLogger(lines);
      server.reply({ status: 500 });
      await rejects(streamCompletion(request(), live(), { logger }), 'server');
      server.reply({ chunks: ['a', 'b', 'c'], tokenDelayMs: 20 });
      const stream = streamCompletion(request(), live(), { logger });
      await stream.next();
      await stream.return({ finishReason: undefined });
      assert.equal(lines.length, 2);
      assert.match(lines[0] ?? '', /status=500 .*error=server/);
      assert.match(lines[1] ?? '', /stopped early/);
    });
  });
});

/** A signal nobody aborts. */
function live(): AbortSignal {
  return new AbortController().signal;
}

async function collect(
  stream: AsyncGenerator<string, CompletionOutcome>,
  pieces: string[] = [],
): Promise<{ pieces: string[]; outcome: CompletionOutcome }> {
  for (;;) {
    const next = await stream.next();
    if (next.done) return { pieces, outcome: next.value };
    pieces.push(next.value);
  }
}

/**
 * Drains `stream` expecting an ApiError of `kind`, and checks the rule every error keeps: the
 * key appears in neither its message nor its stack.
 */
async function rejects(
  stream: AsyncGenerator<string, CompletionOutcome>,
  kind: ApiErrorKind,
  pieces: string[] = [],
): Promise<ApiError> {
  let caught: unknown;
  try {
    await collect(stream, pieces);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ApiError, `expected an ApiError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, `kind of "${caught.message}"`);
  assert.ok(!caught.message.includes(KEY), `the key leaked into: ${caught.message}`);
  assert.ok(!String(caught.stack).includes(KEY), 'the key leaked into the stack');
  return caught;
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function sse(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function collectingLogger(lines: string[]): Logger {
  const ignore = (): void => undefined;
  return { trace: ignore, debug: (m) => lines.push(m), info: ignore, warn: ignore, error: ignore };
}
