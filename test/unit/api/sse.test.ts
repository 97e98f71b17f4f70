// The stream the way networks break it (DESIGN.md convention 8, servers.md §2.1–2.16): a fake
// fetch whose body yields exactly the byte splits a test chooses.
import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/core/api/completions';
import { ApiError, type ApiErrorKind } from '../../../src/core/api/errors';
import { readSseEvents } from '../../../src/core/api/sseStream';
import type { CompletionOutcome, CompletionRequest } from '../../../src/core/api/types';
import { fakeRequest } from '../../support/fakeRequest';

const KEY = 'sk-sse-secret-51c0ffee';

const REQUEST = fakeRequest(KEY);

const encoder = new TextEncoder();

/** A body that delivers `parts` as separate reads. */
function body(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/** A fetch that answers every request with `parts` (strings are UTF-8 encoded). */
function fakeFetch(
  parts: readonly (string | Uint8Array)[],
  contentType = 'text/event-stream',
): typeof fetch {
  const bytes = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  return async () =>
    new Response(body(bytes), { status: 200, headers: { 'content-type': contentType } });
}

async function run(
  parts: readonly (string | Uint8Array)[],
  contentType?: string,
): Promise<{ text: string; pieces: string[]; outcome: CompletionOutcome }> {
  const stream = streamCompletion(REQUEST, new AbortController().signal, {
    fetch: fakeFetch(parts, contentType),
  });
  const pieces: string[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { text: pieces.join(''), pieces, outcome: next.value };
    pieces.push(next.value);
  }
}

async function runExpectingError(
  parts: readonly string[],
  kind: ApiErrorKind,
  request: CompletionRequest = REQUEST,
): Promise<{ error: ApiError; pieces: string[] }> {
  const pieces: string[] = [];
  try {
    const stream = streamCompletion(request, new AbortController().signal, {
      fetch: fakeFetch(parts),
    });
    for await (const piece of stream) pieces.push(piece);
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
    assert.equal(e.kind, kind, `kind of "${e.message}"`);
    assert.ok(!e.message.includes(KEY));
    return { error: e, pieces };
  }
  return assert.fail('expected an error');
}

function chunk(text: string, finishReason: string | null = null, extra: object = {}): string {
  return `data: ${JSON.stringify({
    id: 'cmpl-1',
    object: 'text_completion',
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
    ...extra,
  })}\n\n`;
}

describe('the completion stream, as networks deliver it', () => {
  const TEXT = 'héllo → 世界 🎉 done';
  const STREAM = `${chunk('héllo → ')}${chunk('世界 🎉')}${chunk(' done')}${chunk('', 'stop')}data: [DONE]\n\n`;
  const BYTES = encoder.encode(STREAM);

  it('survives a split at every byte offset, including inside multi-byte characters', async function () {
    this.timeout(10_000); // a few hundred streams
    // Offsets inside 'é', '→', '世', '界' and the 4-byte '🎉' are among them.
    for (let at = 1; at < BYTES.length; at++) {
      const { text, outcome } = await run([BYTES.subarray(0, at), BYTES.subarray(at)]);
      assert.equal(text, TEXT, `split at byte ${at}`);
      assert.equal(outcome.finishReason, 'stop', `split at byte ${at}`);
    }
  });

  it('survives one byte per read', async () => {
    const parts = Array.from(BYTES, (byte) => Uint8Array.of(byte));
    const { text, outcome } = await run(parts);
    assert.equal(text, TEXT);
    assert.equal(outcome.finishReason, 'stop');
  });

  it('accepts CRLF and bare CR line endings, split between CR and LF', async () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    const cut = crlf.indexOf('\r\n') + 1; // between the CR and the LF of the first line end
    assert.equal((await run([crlf.slice(0, cut), crlf.slice(cut)])).text, TEXT);
    assert.equal((await run([STREAM.replace(/\n/g, '\r')])).text, TEXT);
  });

  it("accepts TGI's `data:` without a space, and `data:[DONE]`", async () => {
    const tgi =
      'data:{"object":"text_completion","id":"","choices":[{"index":0,"text":"a b","finish_reason":""}]}\n\n' +
      'data:{"object":"text_completion","id":"","choices":[{"index":0,"text":" c","finish_reason":"eos_token"}],' +
      '"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}\n\n' +
      'data:[DONE]\n\n';
    const { text, outcome } = await run([tgi]);
    assert.equal(text, 'a b c', 'the text in the finish chunk is kept');
    assert.deepEqual(outcome, {
      finishReason: 'eos_token',
      usage: { promptTokens: 3, completionTokens: 2 },
    });
  });

  it('ignores comment and keep-alive lines, and `event:`/`id:`/`retry:` fields', async () => {
    const noisy =
      ':\n\n: OPENROUTER PROCESSING\n\n' +
      `event: message\nid: 7\nretry: 1000\n${chunk('one')}` +
      `: keep-alive\n\n${chunk(' two', 'stop')}data: [DONE]\n\n`;
    assert.equal((await run([noisy])).text, 'one two');
  });

  it('delivers an unterminated last event at EOF (no blank line, no newline)', async () => {
    const last = chunk(' end', 'stop').trimEnd();
    const { text, outcome } = await run([chunk('the'), last]);
    assert.equal(text, 'the end');
    assert.equal(outcome.finishReason, 'stop');
    const oneNewline = await run([chunk('the'), `${last}\n`]);
    assert.equal(oneNewline.text, 'the end');
  });

  it('returns finishReason undefined when the stream ends without one (truncated)', async () => {
    // Ollama after a runner failure: an empty chunk, then the connection closes.
    const { text, outcome } = await run([chunk('partial'), chunk('')]);
    assert.equal(text, 'partial');
    assert.deepEqual(outcome, { finishReason: undefined });
  });

  it('stops reading at [DONE]', async () => {
    const { text } = await run([chunk('kept', 'stop'), 'data: [DONE]\n\n', chunk(' ignored')]);
    assert.equal(text, 'kept');
  });
});

describe('completion payloads from different servers', () => {
  it('keeps text that arrives in the same chunk as the finish reason (vLLM)', async () => {
    const { text, outcome } = await run([chunk('a'), chunk('b', 'length'), 'data: [DONE]\n\n']);
    assert.equal(text, 'ab');
    assert.equal(outcome.finishReason, 'length');
  });

  it('treats finish_reason "" and null as unfinished', async () => {
    const { outcome } = await run([chunk('a', ''), chunk('b', null)]);
    assert.equal(outcome.finishReason, undefined);
  });

  it('handles a usage-only chunk with `choices: []` and keeps the last non-zero usage', async () => {
    // Ollama with include_usage: zeros on every chunk, then the real usage in `choices: []`.
    const zeros = { usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } };
    const { text, outcome } = await run([
      chunk('x', null, zeros),
      chunk('', 'stop', zeros),
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 } })}\n\n`,
      'data: [DONE]\n\n',
    ]);
    assert.equal(text, 'x');
    assert.deepEqual(outcome, {
      finishReason: 'stop',
      usage: { promptTokens: 9, completionTokens: 1 },
    });
  });

  it('keeps running usage when the last chunk reports zeros (LocalAI)', async () => {
    const { outcome } = await run([
      chunk('x', null, { usage: { prompt_tokens: 4, completion_tokens: 1 } }),
      `data: ${JSON.stringify({ choices: [{ index: 0, finish_reason: 'stop' }], usage: { prompt_tokens: 0, completion_tokens: 0 } })}\n\n`,
    ]);
    assert.deepEqual(outcome, {
      finishReason: 'stop',
      usage: { promptTokens: 4, completionTokens: 1 },
    });
  });

  it('reads `delta.content` (Together)', async () => {
    const delta = (content: string, finish: string | null): string =>
      `data: ${JSON.stringify({ object: 'completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
    const { text, outcome } = await run([delta('to', null), delta('gether', 'eos')]);
    assert.equal(text, 'together');
    assert.equal(outcome.finishReason, 'eos');
  });

  it('follows one choice when several are interleaved', async () => {
    const two = (a: string, b: string): string =>
      `data: ${JSON.stringify({
        choices: [
          { index: 1, text: b },
          { index: 0, text: a },
        ],
      })}\n\n`;
    assert.equal((await run([two('A', 'x'), two('B', 'y')])).text, 'AB');
  });

  it('joins a multi-line `data:` event with newlines before parsing', async () => {
    const split = 'data: {"choices":[{"index":0,\ndata: "text":"multi"}]}\n\n';
    assert.equal((await run([split])).text, 'multi');
  });
});

describe('errors inside a 200 stream', () => {
  it('an OpenAI-shaped error event after text → its message and type; text before it was yielded', async () => {
    const { error, pieces } = await runExpectingError(
      [
        chunk('so far'),
        'data: {"error":{"message":"The server had an error","type":"server_error","code":null}}\n\n',
      ],
      'server',
    );
    assert.equal(error.message, 'The server had an error');
    assert.deepEqual(pieces, ['so far']);
  });

  it("TGI's error event → the kind of its http_status_code", async () => {
    const { error } = await runExpectingError(
      [
        'data:{"error":{"message":"Input validation error: too long","http_status_code":422}}\n\ndata:[DONE]\n\n',
      ],
      'badRequest',
    );
    assert.equal(error.message, 'Input validation error: too long');
    assert.equal(error.status, 422);
  });

  it("OpenRouter's error chunk with finish_reason error → the error, not a finish", async () => {
    const payload = {
      object: 'chat.completion.chunk',
      error: { code: 502, message: 'Provider returned error' },
      choices: [{ index: 0, text: '', finish_reason: 'error' }],
    };
    const { error } = await runExpectingError([`data: ${JSON.stringify(payload)}\n\n`], 'server');
    assert.equal(error.message, 'Provider returned error');
  });

  it('a flat vLLM-legacy error object and a string error', async () => {
    const flat = await runExpectingError(
      [
        'data: {"object":"error","message":"bad things","type":"BadRequestError","param":null,"code":400}\n\n',
      ],
      'badRequest',
    );
    assert.equal(flat.error.message, 'bad things');
    const plain = await runExpectingError(['data: {"error":"Model crashed"}\n\n'], 'protocol');
    assert.equal(plain.error.message, 'Model crashed');
  });

  it('a finish reason that reports a failure → server, not a finished completion', async () => {
    // DeepSeek out of capacity mid-generation; OpenRouter's `error` without an error object.
    for (const reason of ['insufficient_system_resource', 'error']) {
      const { error, pieces } = await runExpectingError(
        [chunk('half'), chunk(' more', reason), 'data: [DONE]\n\n'],
        'server',
      );
      assert.equal(
        error.message,
        `fake.test gave up on the completion (finish_reason "${reason}").`,
      );
      assert.deepEqual(pieces, ['half'], 'the failing chunk yields nothing');
    }
  });

  it("llama.cpp's native format → protocol, saying to add /v1", async () => {
    const native = [
      'data: {"content":"x","id_slot":0,"index":0,"stop":false,"tokens":[]}\n\n',
      'data: {"content":"","stop":true,"stop_type":"eos"}\n\n',
    ];
    const { error, pieces } = await runExpectingError(native, 'protocol');
    // REQUEST.baseUrl ends in /v1 already: the fix is then to use the OpenAI-compatible API.
    assert.equal(
      error.message,
      "fake.test answered in llama.cpp's native format, not the OpenAI Completions API; " +
        'set tokenhub.baseUrl to its OpenAI-compatible API, which ends in /v1.',
    );
    assert.deepEqual(pieces, []);
    const deeper = await runExpectingError(native, 'protocol', {
      ...REQUEST,
      baseUrl: 'http://fake.test/llama',
    });
    assert.match(deeper.error.message, /; add \/v1 to the end of tokenhub\.baseUrl\.$/);
  });

  it('a data event that is not JSON → protocol', async () => {
    const { error } = await runExpectingError(
      [chunk('ok'), 'data: <html>oops</html>\n\n'],
      'protocol',
    );
    assert.match(error.message, /oops/);
  });

  it('a JSON error body sent as text/event-stream (no SSE framing) → its message', async () => {
    const { error } = await runExpectingError(
      ['{\n  "error": {\n    "message": "Incorrect API key provided",\n    "code": 401\n  }\n}\n'],
      'unauthorized',
    );
    assert.equal(error.message, 'Incorrect API key provided');
  });

  it('plain text that is neither SSE nor JSON → protocol', async () => {
    const { error } = await runExpectingError(['Service temporarily unavailable\n'], 'protocol');
    assert.match(error.message, /Service temporarily unavailable/);
  });
});

describe('a connection that breaks mid-stream', () => {
  it('→ network, after the text that did arrive', async () => {
    // What undici raises when the socket closes mid-body.
    const terminated = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    let sent = false;
    const failing: typeof fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          // Erroring in the same call would discard the queued chunk: fail on the next read.
          pull(controller) {
            if (sent) controller.error(terminated);
            else controller.enqueue(encoder.encode(chunk('half')));
            sent = true;
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    const pieces: string[] = [];
    const error = await (async () => {
      try {
        const signal = new AbortController().signal;
        for await (const piece of streamCompletion(REQUEST, signal, { fetch: failing })) {
          pieces.push(piece);
        }
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /fake\.test closed mid-response.*other side closed/);
    assert.deepEqual(pieces, ['half']);
  });
});

describe('readSseEvents', () => {
  async function events(text: string, strays: string[] = []): Promise<string[]> {
    const data: string[] = [];
    for await (const event of readSseEvents(body([encoder.encode(text)]), {
      onStrayLine: (l) => strays.push(l),
    })) {
      data.push(event.data);
    }
    return data;
  }

  it('strips at most one space after `data:` and keeps the rest', async () => {
    assert.deepEqual(await events('data:  two spaces\n\ndata:none\n\n'), [' two spaces', 'none']);
  });

  it('reports lines that are not SSE fields, for the caller to judge', async () => {
    const strays: string[] = [];
    assert.deepEqual(await events('{"error":"x"}\n', strays), []);
    assert.deepEqual(strays, ['{"error":"x"}']);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('data: tick\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of readSseEvents(stream)) {
      assert.equal(event.data, 'tick');
      break;
    }
    assert.equal(cancelled, true);
  });
});
