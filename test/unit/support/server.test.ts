// The test server itself: other tests trust it to behave like a real endpoint.
import * as assert from 'node:assert/strict';
import { goJson, pythonJson } from '../../support/jsonStyles';
import { randomCuts, seededRandom, utf8Cuts } from '../../support/scenarios';
import { TestServer, splitText } from '../../support/server';

describe('TestServer', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  function post(body: unknown, init: RequestInit = {}): Promise<Response> {
    return fetch(`${server.url}/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    });
  }

  /** The `data:` payloads of an SSE body, in order. */
  function dataOf(raw: string): string[] {
    return raw
      .split('\n\n')
      .filter((frame) => frame !== '')
      .map((frame) => {
        assert.ok(frame.startsWith('data: '), `frame ${JSON.stringify(frame)}`);
        return frame.slice('data: '.length);
      });
  }

  /** The SSE frames of a body, split at blank lines (LF framing). */
  function frames(raw: string): string[] {
    return raw.split('\n\n').filter((frame) => frame !== '');
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function payloads(raw: string, prefix = 'data: '): any[] {
    return frames(raw)
      .filter((f) => f.startsWith(prefix) && f !== `${prefix}[DONE]`)
      .map((f) => JSON.parse(f.slice(prefix.length)) as unknown);
  }

  it('listens on 127.0.0.1 with a /v1 base URL', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('streams like OpenAI: text chunks, a finish chunk with empty text, then [DONE]', async () => {
    server.reply({ text: 'Hello, world', finishReason: 'length' });
    const response = await post({ model: 'my-model', prompt: 'p', stream: true });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const raw = await response.text();
    assert.ok(raw.endsWith('data: [DONE]\n\n'));
    const data = dataOf(raw);
    assert.equal(data.pop(), '[DONE]');
    const chunks = data.map((d) => JSON.parse(d) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const c of chunks) {
      assert.equal(c.object, 'text_completion');
      assert.match(c.id, /^cmpl-/);
      assert.equal(c.model, 'my-model');
      assert.equal(typeof c.created, 'number');
      assert.equal(c.choices.length, 1);
      assert.equal(c.choices[0].index, 0);
      assert.equal(c.choices[0].logprobs, null);
    }
    const last = chunks.pop();
    assert.deepEqual(last?.choices[0], {
      index: 0,
      text: '',
      logprobs: null,
      finish_reason: 'length',
    });
    assert.deepEqual(
      chunks.map((c) => c.choices[0].text),
      ['Hell', 'o, w', 'orld'],
    );
    assert.ok(chunks.every((c) => c.choices[0].finish_reason === null));
    assert.equal(server.requests[0]?.eventsSent, 3);
    assert.equal(server.requests[0]?.aborted, false);
  });

  it('splits text into ~4-character pieces without splitting surrogate pairs', () => {
    assert.deepEqual(splitText('abcdefghi'), ['abcd', 'efgh', 'i']);
    for (const piece of splitText('a🎉b🎉🎉cd🎉')) {
      assert.ok(!/[\uD800-\uDBFF]$/.test(piece) && !/^[\uDC00-\uDFFF]/.test(piece), piece);
    }
    assert.equal(splitText('a🎉b🎉🎉cd🎉').join(''), 'a🎉b🎉🎉cd🎉');
  });

  it('streams explicit chunks as given', async () => {
    server.reply({ chunks: ['x', 'yz'] });
    const data = dataOf(await (await post({ prompt: 'p' })).text());
    const texts = data
      .slice(0, -2)
      .map((d) => (JSON.parse(d) as { choices: { text: string }[] }).choices[0]?.text);
    assert.deepEqual(texts, ['x', 'yz']);
  });

  it('cuts the text at the first stop string, like real servers, unless told not to', async () => {
    server.reply({ chunks: ['one', ' two', '\nthree'], finishReason: 'length' });
    const text = async (stop: unknown): Promise<{ text: string; finish: unknown }> => {
      const data = dataOf(await (await post({ prompt: 'p', stop })).text()).slice(0, -1);
      const chunks = data.map(
        (d) => JSON.parse(d) as { choices: { text: string; finish_reason: unknown }[] },
      );
      return {
        text: chunks.map((c) => c.choices[0]?.text).join(''),
        finish: chunks.at(-1)?.choices[0]?.finish_reason,
      };
    };
    assert.deepEqual(await text(['\n', 'tw']), { text: 'one ', finish: 'stop' });
    assert.deepEqual(await text('\n'), { text: 'one two', finish: 'stop' });
    assert.deepEqual(await text(['absent']), { text: 'one two\nthree', finish: 'length' });
    server.reply({ text: 'one two', honourStop: false });
    assert.equal((await text([' '])).text, 'one two');
  });

  it('sends an error reply with the given status, body and headers', async () => {
    server.reply({
      status: 429,
      body: '{"error":{"message":"slow down"}}',
      headers: { 'Retry-After': '3' },
    });
    const response = await post({ prompt: 'p' });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '3');
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(await response.text(), '{"error":{"message":"slow down"}}');
  });

  it('defaults an error body to the OpenAI shape, and lets headers replace the Content-Type', async () => {
    server.reply({ status: 500 });
    const body = (await (await post({ prompt: 'p' })).json()) as { error: { message: string } };
    assert.match(body.error.message, /500/);
    server.reply({ status: 502, body: '<html></html>', headers: { 'Content-Type': 'text/html' } });
    assert.equal((await post({ prompt: 'p' })).headers.get('content-type'), 'text/html');
  });

  it('answers a reply function per request', async () => {
    server.reply((req) => ({ text: `echo:${String(req.body.prompt)}` }));
    const raw = await (await post({ prompt: 'ping' })).text();
    assert.match(raw, /"text":"echo"/);
    assert.match(raw, /"text":":pin"/);
  });

  it('records requests with method, path, headers, parsed body and arrival time', async () => {
    const before = Date.now();
    await (
      await post(
        { model: 'm', prompt: 'p' },
        { headers: { authorization: 'Bearer k', 'content-type': 'application/json' } },
      )
    ).text();
    const [recorded] = server.requests;
    assert.equal(recorded?.method, 'POST');
    assert.equal(recorded?.path, '/v1/completions');
    assert.equal(recorded?.headers.authorization, 'Bearer k');
    assert.deepEqual(recorded?.body, { model: 'm', prompt: 'p' });
    assert.ok((recorded?.receivedAt ?? 0) >= before);
  });

  it('lists the test model at GET /v1/models and answers unknown paths with a 404 JSON error', async () => {
    const models = await fetch(`${server.url}/models`);
    assert.deepEqual(await models.json(), {
      object: 'list',
      data: [{ id: 'test-model', object: 'model' }],
    });
    const missing = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{}' });
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as { error: { message: string; type: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.equal(server.requests.length, 0, 'only completion requests are recorded');
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(`${server.url}/completions`, { method: 'POST', body: 'nope' });
    assert.equal(response.status, 400);
    assert.equal(server.requests[0]?.body, undefined);
  });

  it('notices a client that disconnects, and stops writing', async () => {
    server.reply({ chunks: Array.from({ length: 50 }, () => 'tok'), tokenDelayMs: 20 });
    const controller = new AbortController();
    const response = await post({ prompt: 'p' }, { signal: controller.signal });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    const deadline = Date.now() + 2000;
    while (!server.requests[0]?.aborted && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    assert.equal(server.requests[0]?.aborted, true);
    const sent = server.requests[0]?.eventsSent ?? 0;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.requests[0]?.eventsSent, sent, 'no events after the abort');
    assert.ok(sent < 50);
  });

  it('waits for requests, and times out with a clear message', async () => {
    const waiting = server.waitForRequests(2, 2000);
    await (await post({ prompt: 'a' })).text();
    await (await post({ prompt: 'b' })).text();
    await waiting;
    await assert.rejects(
      server.waitForRequests(3, 50),
      /waitForRequests\(3\): only 2 completion request\(s\) arrived within 50 ms/,
    );
  });

  it('applies the first-token delay after sending headers', async () => {
    server.reply({ text: 'late', firstTokenDelayMs: 300 });
    const response = await post({ prompt: 'p' });
    const headersAt = Date.now();
    await response.text();
    // The delay starts once the headers are out, so the text comes well after them.
    assert.ok(Date.now() - headersAt >= 150, 'the text waited after the headers');
  });

  it('reset clears requests and restores the empty default reply', async () => {
    server.reply({ text: 'something' });
    await (await post({ prompt: 'p' })).text();
    server.reset();
    assert.equal(server.requests.length, 0);
    const data = dataOf(await (await post({ prompt: 'p' })).text());
    assert.equal(data.length, 2, 'just the finish chunk and [DONE]');
  });

  it('close ends streams in progress', async () => {
    const other = await TestServer.start();
    other.reply({ text: 'x', firstTokenDelayMs: 10_000 });
    const response = await fetch(`${other.url}/completions`, {
      method: 'POST',
      body: '{"prompt":"p"}',
    });
    const started = Date.now();
    await other.close();
    await assert.rejects(response.text());
    assert.ok(Date.now() - started < 1000);
    assert.equal(other.requests[0]?.aborted, true);
  });

  describe('server styles (servers.md §1)', () => {
    it('TGI: `data:` without the space, finish_reason "" while streaming, the last text with the finish and usage, data:[DONE]', async () => {
      server.reply({ style: 'tgi', chunks: ['ab', 'cd', 'ef'] });
      const raw = await (await post({ prompt: 'pp' })).text();
      assert.ok(
        frames(raw).every((f) => f.startsWith('data:') && !f.startsWith('data: ')),
        raw,
      );
      assert.ok(raw.endsWith('data:[DONE]\n\n'));
      const chunks = payloads(raw, 'data:');
      assert.equal(Object.keys(chunks[0])[0], 'object', '`object` is the first key');
      assert.deepEqual(
        chunks.map((c) => [c.id, c.choices[0].text, c.choices[0].finish_reason]),
        [
          ['', 'ab', ''],
          ['', 'cd', ''],
          ['', 'ef', 'eos_token'],
        ],
      );
      assert.deepEqual(chunks[2].usage, {
        prompt_tokens: 2,
        completion_tokens: 3,
        total_tokens: 5,
      });
    });

    it('vLLM: text and finish in one chunk; `stream_options: {}` means usage, in a `choices: []` chunk', async () => {
      server.reply({ style: 'vllm', chunks: ['ab', 'cd'], finishReason: 'length' });
      const response = await post({ prompt: 'ppp', stream: true, stream_options: {} });
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const chunks = payloads(await response.text());
      assert.deepEqual(
        chunks.map((c) => c.choices[0]?.text ?? null),
        ['ab', 'cd', null],
      );
      assert.equal(chunks[1].choices[0].finish_reason, 'length');
      assert.deepEqual(chunks[2].choices, []);
      assert.deepEqual(Object.keys(chunks[2].usage), [
        'prompt_tokens',
        'total_tokens',
        'completion_tokens',
      ]);
    });

    it('OpenAI: usage only when the request asks for it', async () => {
      server.reply({ text: 'abcd' });
      const without = payloads(await (await post({ prompt: 'p' })).text());
      assert.ok(without.every((c) => !('usage' in c)));
      const asked = payloads(
        await (await post({ prompt: 'p', stream_options: { include_usage: true } })).text(),
      );
      assert.ok(asked.slice(0, -1).every((c) => c.usage === null));
      assert.deepEqual(asked.at(-1).usage, {
        prompt_tokens: 1,
        completion_tokens: 1,
        total_tokens: 2,
      });
    });

    it('Ollama and LocalAI write Go JSON; LocalAI omits `text` in its last chunk and reports zeros', async () => {
      server.reply({ style: 'localai', chunks: ['a<b'], finishReason: 'length' });
      const raw = await (await post({ prompt: 'p' })).text();
      assert.match(raw, /"text":"a\\u003cb"/);
      const last = payloads(raw).at(-1);
      assert.deepEqual(last.choices, [{ index: 0, finish_reason: 'stop' }]);
      assert.deepEqual(last.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    });

    it('OpenRouter and DeepSeek send their comments before the first event', async () => {
      server.reply({ style: 'openrouter', text: 'x' });
      assert.ok(
        (await (await post({ prompt: 'p' })).text()).startsWith(': OPENROUTER PROCESSING\n\n'),
      );
      server.reply({ style: 'deepseek', text: 'x' });
      assert.ok((await (await post({ prompt: 'p' })).text()).startsWith(': keep-alive\n\n'));
    });

    it('llama.cpp answers POST /completions without /v1 in its native format, with no [DONE]', async () => {
      const root = server.url.slice(0, -'/v1'.length);
      server.reply({ style: 'llamacpp', chunks: ['ab', 'cd'] });
      const raw = await (
        await fetch(`${root}/completions`, { method: 'POST', body: '{"prompt":"p"}' })
      ).text();
      assert.ok(!raw.includes('[DONE]'));
      assert.deepEqual(
        payloads(raw).map((c) => [c.content, c.stop]),
        [
          ['ab', false],
          ['cd', false],
          ['', true],
        ],
      );
      assert.equal(server.requests[0]?.path, '/completions');
      server.reply({ style: 'openai', text: 'x' });
      const other = await fetch(`${root}/completions`, { method: 'POST', body: '{"prompt":"p"}' });
      assert.equal(other.status, 404, 'other servers have no such route');
      assert.equal(server.requests.length, 1);
    });

    it("words error replies the style's way, and a 200 error body too", async () => {
      server.reply({ style: 'tgi', status: 429 });
      const busy = await post({ prompt: 'p' });
      assert.equal(busy.headers.get('retry-after'), null, 'TGI sends no Retry-After');
      assert.deepEqual(await busy.json(), {
        error: 'Model is overloaded',
        error_type: 'overloaded',
      });
      server.reply({ style: 'tgi', status: 404 });
      assert.equal(await (await post({ prompt: 'p' })).text(), '', "axum's empty 404");
      server.reply({ style: 'lmstudio', status: 200 });
      const ok = await post({ prompt: 'p' });
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), {
        error: 'Unexpected endpoint or method. (POST /v1/completions)',
      });
      server.reply({ style: 'deepseek', status: 200 });
      assert.match(await (await post({ prompt: 'p' })).text(), /^\n\n\n\{"error"/);
    });
  });

  describe('scenarios', () => {
    async function raw(reply: Parameters<TestServer['reply']>[0]): Promise<string> {
      server.reply(reply);
      return (await post({ prompt: 'p' })).text();
    }

    it('crlf rewrites every line ending; keepAlives puts a comment before every event', async () => {
      const crlf = await raw({ text: 'abcdefgh', scenario: { crlf: true } });
      assert.ok(!/[^\r]\n/.test(crlf) && crlf.endsWith('data: [DONE]\r\n\r\n'), crlf);
      const noisy = await raw({ style: 'tgi', text: 'abcdefgh', scenario: { keepAlives: true } });
      assert.equal(noisy.split(':\n\ndata:').length - 1, 3, 'a comment before each of 3 events');
    });

    it('splits change the writes, never the bytes', async () => {
      const plain = await raw({ style: 'tgi', text: 'héllo 世界 🎉 done' });
      // `created` is the only field that can differ between two requests of the TGI style.
      const bare = (text: string): string => text.replace(/"created":\d+/g, '');
      for (const scenario of [{ randomSplits: 7 }, { utf8Splits: true }]) {
        assert.equal(
          bare(await raw({ style: 'tgi', text: 'héllo 世界 🎉 done', scenario })),
          bare(plain),
        );
      }
    });

    it('faults: an error event then close, a clean cut, a reset', async () => {
      const error = await raw({
        style: 'vllm',
        chunks: ['a', 'b', 'c'],
        scenario: { fault: { kind: 'error', afterTextEvents: 1 } },
      });
      assert.match(
        error,
        /^data: \{.*"text":"a".*\n\ndata: \{"error": \{"message": "Internal server error", "type": "InternalServerError", "param": null, "code": 500\}\}\n\ndata: \[DONE\]\n\n$/s,
      );
      const cut = await raw({
        chunks: ['a', 'b', 'c'],
        scenario: { fault: { kind: 'cut', afterTextEvents: 2 } },
      });
      assert.equal(payloads(cut).length, 2);
      assert.ok(!cut.includes('[DONE]') && !cut.includes('"finish_reason":"stop"'));
      server.reply({
        chunks: ['a', 'b'],
        scenario: { fault: { kind: 'reset', afterTextEvents: 1 } },
      });
      await assert.rejects((await post({ prompt: 'p' })).text(), /terminated/);
    });

    it('a stall holds the data, and can send keep-alives meanwhile', async () => {
      server.reply({
        chunks: ['a', 'b'],
        // Ten keep-alive periods in the stall, so a busy machine's late timers still send three.
        scenario: { stall: { afterTextEvents: 1, ms: 200, keepAliveEveryMs: 20 } },
      });
      const started = Date.now();
      const text = await (await post({ prompt: 'p' })).text();
      assert.ok(Date.now() - started >= 180, 'the reply waited');
      const between = text.slice(text.indexOf('"a"'), text.indexOf('"b"'));
      assert.ok(between.split(': keep-alive').length - 1 >= 3, between);
    });

    it('cut helpers: UTF-8 cuts land inside characters; random cuts are seeded and in range', () => {
      const bytes = new TextEncoder().encode('aé世🎉');
      assert.deepEqual(utf8Cuts(bytes), [2, 4, 5, 7, 8, 9]);
      const first = randomCuts(100, seededRandom(5));
      assert.deepEqual(randomCuts(100, seededRandom(5)), first);
      assert.ok(
        first.every((cut, i) => cut > 0 && cut < 100 && (i === 0 || cut > (first[i - 1] ?? 0))),
      );
    });

    it('JSON styles: Go escapes <, > and &; Python spaces and escapes non-ASCII', () => {
      assert.equal(goJson({ t: '<a> & b' }), '{"t":"\\u003ca\\u003e \\u0026 b"}');
      assert.equal(
        pythonJson({ a: [1, null], b: 'é🎉' }),
        '{"a": [1, null], "b": "\\u00e9\\ud83c\\udf89"}',
      );
      assert.deepEqual(JSON.parse(pythonJson({ b: 'é🎉' })), { b: 'é🎉' });
    });
  });
});
