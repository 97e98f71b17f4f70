// The test server itself: other tests trust it to behave like a real endpoint.
import * as assert from 'node:assert/strict';
import { TestServer, splitText } from '../support/server';

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
});
