import * as assert from 'node:assert/strict';
import { CompletionEngine, type CompletionQuery, type EngineSettings } from '../../src/core/engine';
import type { EngineState } from '../../src/core/engineStatus';
import { atCursor } from '../support/cursor';
import { TestServer } from '../support/server';
import { waitUntil } from '../support/wait';
import { testSettings } from '../support/engineSettings';

describe('CompletionEngine', () => {
  let server: TestServer;
  let settings: EngineSettings;
  let apiKey: string | undefined;
  let states: EngineState[];
  let engine: CompletionEngine;

  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());

  beforeEach(() => {
    server.reset();
    settings = testSettings(server.url);
    apiKey = 'unit-test-key';
    states = [];
    engine = newEngine();
  });

  function newEngine() {
    const created = new CompletionEngine({
      settings: () => settings,
      apiKey: () => apiKey,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    created.onStateChange((state) => states.push(state));
    return created;
  }

  function query(
    marked: string,
    trigger: CompletionQuery['trigger'] = 'automatic',
  ): CompletionQuery {
    return { ...atCursor(marked), languageId: 'typescript', relativePath: 'src/math.ts', trigger };
  }

  const live = () => new AbortController().signal;

  it('turns the streamed reply into ghost text at the cursor', async () => {
    server.reply({ text: 'a + b;' });
    const result = await engine.complete(query('function add(a, b) { return █ }'), live());
    assert.deepEqual(result, { text: 'a + b;', replaceChars: 0 });
  });

  it('sends model, one prompt string, max_tokens, temperature, a stop array, stream and the key', async () => {
    server.reply({ text: 'x' });
    settings = { ...settings, stop: ['// END'] };
    await engine.complete(query('const v = █ * 2;'), live());
    const [request] = server.requests;
    assert.ok(request);
    assert.equal(request.body.model, 'test-model');
    assert.equal(request.body.stream, true);
    assert.equal(request.body.max_tokens, 64);
    assert.equal(request.body.temperature, 0.2);
    assert.deepEqual(request.body.stop, ['\n\n\n', '// END']);
    assert.equal(typeof request.body.prompt, 'string');
    assert.ok(request.body.prompt.endsWith('const v = '));
    assert.equal(request.body.suffix, ' * 2;');
    assert.match(request.body.prompt, /^\/\/ Path: src\/math\.ts\n/);
    assert.equal(request.headers.authorization, 'Bearer unit-test-key');
  });

  it('stops reading at the end of the first line in single-line mode and aborts the request', async () => {
    server.reply({
      chunks: ['a + b;', '\n', 'more();\n', ...Array(50).fill('x')],
      tokenDelayMs: 20,
      honourStop: false, // a server that ignores stop sequences: the client must cut
    });
    const result = await engine.complete(query('return █'), live());
    assert.equal(result?.text, 'a + b;');
    await waitUntil(() => server.requests[0]?.aborted === true, 'the first request to be aborted');
    assert.ok((server.requests[0]?.eventsSent ?? 0) < 10, 'the server stopped generating');
  });

  it('keeps several lines on an empty line after a block opener', async () => {
    server.reply({ text: '  const sum = a + b;\n  return sum;\n}' });
    const result = await engine.complete(query('function add(a, b) {\n█'), live());
    assert.equal(result?.text, '  const sum = a + b;\n  return sum;\n}');
    assert.ok(!server.requests[0]?.body.stop.includes('\n'));
  });

  it('after an opening brace at the end of a line, shows the next lines, not nothing', async () => {
    server.reply({ text: '\n  return a + b;\n}\n\nfunction sub(a, b) {' });
    const result = await engine.complete(query('function add(a, b) {█\n}'), live());
    assert.deepEqual(result, { text: '\n  return a + b;', replaceChars: 0 });
    assert.ok(!server.requests[0]?.body.stop.includes('\n'), 'no newline stop was sent');
  });

  it('at the end of a line, reads the next line only and aborts the request there', async () => {
    server.reply({
      chunks: ['\n', 'const b = 2;', '\n', 'const c = 3;\n', ...Array(50).fill('x')],
      tokenDelayMs: 20,
      honourStop: false,
    });
    const result = await engine.complete(query('const a = 1;█'), live());
    assert.deepEqual(result, { text: '\nconst b = 2;', replaceChars: 0 });
    await waitUntil(() => server.requests[0]?.aborted === true, 'the request to be aborted');
    assert.ok((server.requests[0]?.eventsSent ?? 99) < 10, 'the server stopped generating');
  });

  it('shows the block a first line opens, replacing the closer typed through', async () => {
    server.reply({ text: '(item) => {\n  total += item;\n})\nmore();' });
    const result = await engine.complete(query('items.forEach(█)'), live());
    assert.deepEqual(result, { text: '(item) => {\n  total += item;\n})', replaceChars: 1 });
  });

  it('typing through a post-processed suggestion continues what was shown', async () => {
    server.reply({ text: '```ts\ncompute(a, b);\n```' });
    assert.equal((await engine.complete(query('const v = █'), live()))?.text, 'compute(a, b);');
    assert.equal((await engine.complete(query('const v = com█'), live()))?.text, 'pute(a, b);');
    assert.equal(server.requests.length, 1);
  });

  it('answers typing through a shown suggestion from the cache, with no request', async () => {
    server.reply({ text: 'compute(a, b);' });
    assert.equal((await engine.complete(query('const v = █'), live()))?.text, 'compute(a, b);');
    assert.equal((await engine.complete(query('const v = com█'), live()))?.text, 'pute(a, b);');
    assert.equal((await engine.complete(query('const v = compute(a█'), live()))?.text, ', b);');
    assert.equal(server.requests.length, 1);
    assert.equal(engine.metrics.cacheHits, 2);
  });

  it('applies stops beyond the four a server accepts on the client', async () => {
    settings = { ...settings, stop: ['S1', 'S2', 'S3', 'S4'] };
    server.reply({ text: 'keep S4 drop', honourStop: false });
    const result = await engine.complete(query('x = █ + 1'), live());
    assert.deepEqual(server.requests[0]?.body.stop, ['\n\n\n', 'S1', 'S2', 'S3']);
    assert.equal(result?.text, 'keep');
  });

  it('debounces automatic requests: a keystroke inside the pause sends nothing', async () => {
    settings = { ...settings, debounceMs: 200 };
    server.reply({ text: 'value' });
    const typing = new AbortController();
    const first = engine.complete(query('x = █'), typing.signal);
    setTimeout(() => typing.abort(), 20); // VS Code cancels the call on the next keystroke
    assert.equal(await first, undefined);
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(server.requests.length, 0);
  });

  it('skips the debounce on an explicit trigger (Alt+\\)', async () => {
    settings = { ...settings, debounceMs: 60_000 };
    server.reply({ text: 'value' });
    const result = await engine.complete(query('x = █', 'explicit'), live());
    assert.equal(result?.text, 'value');
  });

  it('aborts the HTTP request of a superseded or cancelled completion', async () => {
    server.reply({ text: 'slow completion text', firstTokenDelayMs: 2000 });
    const typing = new AbortController();
    const first = engine.complete(query('x = █'), typing.signal);
    await server.waitForRequests(1);
    typing.abort();
    assert.equal(await first, undefined);
    await waitUntil(() => server.requests[0]?.aborted === true, 'the first request to be aborted');

    const older = engine.complete(query('y = █'), live());
    await server.waitForRequests(2);
    server.reply({ text: 'fast' });
    const newer = await engine.complete(query('z = █'), live());
    assert.equal(await older, undefined);
    assert.equal(newer?.text, 'fast');
    await waitUntil(() => server.requests[1]?.aborted === true, 'the older request to be aborted');
  });

  it('joins the request in flight when the user types what it is streaming', async () => {
    server.reply({ text: 'compute(a, b);', firstTokenDelayMs: 150, tokenDelayMs: 10 });
    const firstKeystroke = new AbortController();
    const first = engine.complete(query('const v = █'), firstKeystroke.signal);
    await server.waitForRequests(1);
    firstKeystroke.abort(); // the user typed `c`: VS Code cancels the first call
    assert.equal(await first, undefined);
    const second = await engine.complete(query('const v = c█'), live());
    // Answered from the stream as soon as a word had settled (at least `compute(`).
    assert.ok(
      second && second.text.startsWith('ompute(') && 'ompute(a, b);'.startsWith(second.text),
    );
    assert.equal(server.requests.length, 1, 'one request served both positions');
    assert.equal(server.requests[0]?.aborted, false);
    assert.equal(engine.metrics.requestsJoined, 1);
    assert.equal(engine.metrics.requestsStarted, 1);
  });

  it('aborts the request in flight once its text disagrees with what was typed', async () => {
    server.reply((request) =>
      server.requests.indexOf(request) === 0
        ? { text: 'compute(a, b);', firstTokenDelayMs: 100, tokenDelayMs: 30 }
        : { text: 'eta;' },
    );
    const firstKeystroke = new AbortController();
    const first = engine.complete(query('const v = █'), firstKeystroke.signal);
    await server.waitForRequests(1);
    firstKeystroke.abort();
    await first;
    const second = await engine.complete(query('const v = z█'), live());
    assert.equal(second?.text, 'eta;');
    assert.equal(server.requests.length, 2);
    await waitUntil(() => server.requests[0]?.aborted === true, 'the first request to be aborted');
    assert.ok((server.requests[0]?.eventsSent ?? 99) < 'compute(a, b);'.length);
  });

  it('never shows a cut-off multi-line stream as whole: only its complete first line', async () => {
    const chunk = (text: string) =>
      `data: ${JSON.stringify({ object: 'text_completion', choices: [{ index: 0, text, finish_reason: null }] })}\n\n`;
    server.reply({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: chunk('  const sum = a + b;\n') + chunk('  return su'),
    });
    const result = await engine.complete(query('function add(a, b) {\n█'), live());
    assert.equal(result?.text, '  const sum = a + b;');
  });

  it('shows nothing for a cut-off single line', async () => {
    server.reply({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: `data: ${JSON.stringify({ choices: [{ index: 0, text: 'compu', finish_reason: null }] })}\n\n`,
    });
    assert.equal(await engine.complete(query('const v = █'), live()), undefined);
  });

  it('offers distinct alternatives on an explicit trigger, sampled warmer', async () => {
    settings = { ...settings, candidates: 3 };
    const texts = ['first();', 'second();', 'first();'];
    server.reply((request) => ({ text: texts[server.requests.indexOf(request)] ?? '' }));
    const shown = await engine.candidates(query('x = █', 'explicit'), live());
    assert.equal(server.requests.length, 3);
    assert.deepEqual(shown.map((s) => s.text).sort(), ['first();', 'second();']);
    const temperatures = server.requests.map((r) => r.body.temperature).sort();
    assert.deepEqual(temperatures, [0.2, 0.7, 0.7]);
  });

  it('sends the text after the cursor as suffix, and falls back once when it is refused', async () => {
    server.reply((request) =>
      request.body.suffix === undefined
        ? { text: 'a + b' }
        : {
            status: 400,
            body: '{"error":{"message":"suffix is not currently supported","type":"BadRequestError"}}',
          },
    );
    const first = await engine.complete(query('return █ + b;\n}'), live());
    assert.equal(first?.text, 'a + b');
    assert.equal(server.requests[0]?.body.suffix, ' + b;\n}', 'fill-in-the-middle was tried');
    assert.equal(server.requests[1]?.body.suffix, undefined, 'then the prompt alone');
    assert.equal(engine.fim.current(settings).via, 'prefix');

    await engine.complete(query('const c = █;\n'), live());
    assert.equal(server.requests.length, 3, 'refused once, not asked again');
    assert.equal(server.requests[2]?.body.suffix, undefined);
  });

  it('still aborts the request on an early stop when fill-in-the-middle is on', async () => {
    server.reply({
      chunks: ['a + b', '\n', ...Array(50).fill('x')],
      tokenDelayMs: 20,
      honourStop: false,
    });
    // Alt+\\ waits for the whole line (an automatic call may answer with its first words).
    const result = await engine.complete(query('return █;\n}', 'explicit'), live());
    assert.equal(result?.text, 'a + b');
    assert.equal(server.requests[0]?.body.suffix, '\n}', 'the closing rest of the line left out');
    await waitUntil(() => server.requests[0]?.aborted === true, 'the request to be aborted');
  });

  it('remembers an endpoint that accepts suffix', async () => {
    server.reply({ text: 'x' });
    await engine.complete(query('f(█, b)'), live());
    assert.equal(server.requests[0]?.body.suffix, ', b)');
    assert.equal(engine.fim.current(settings).via, 'field');
    assert.match(engine.fim.describe(settings), /accepted/);
  });

  it('sends a prefetch at once, without the debounce, but not while backing off', async () => {
    settings = { ...settings, debounceMs: 60_000 };
    server.reply({ text: 'next();' });
    const prefetched = await engine.complete(query('done();\n█', 'prefetch'), live());
    assert.equal(prefetched?.text, 'next();');

    server.reply({ status: 503, headers: { 'retry-after': '30' }, body: 'busy' });
    await engine.complete(query('x = █', 'explicit'), live());
    assert.equal(await engine.complete(query('y = █', 'prefetch'), live()), undefined);
    assert.equal(server.requests.length, 2, 'no prefetch while backing off');
  });

  it('sends nothing without a key to a remote endpoint, and says so', async () => {
    apiKey = undefined;
    settings = { ...settings, baseUrl: 'https://api.tokenhub.ai/v1' };
    const result = await engine.complete(query('x = █'), live());
    assert.equal(result, undefined);
    assert.deepEqual(engine.state, { kind: 'noKey', host: 'api.tokenhub.ai' });
  });

  it('sends to a loopback server without a key and without an Authorization header', async () => {
    apiKey = undefined;
    server.reply({ text: 'ok' });
    assert.equal((await engine.complete(query('x = █'), live()))?.text, 'ok');
    assert.equal(server.requests[0]?.headers.authorization, undefined);
  });

  it('reports a failing endpoint in its state and recovers on the next success', async () => {
    server.reply({
      status: 401,
      body: '{"error":{"message":"Invalid API key","type":"invalid_request_error"}}',
    });
    assert.equal(await engine.complete(query('x = █'), live()), undefined);
    const failed = engine.state;
    assert.equal(failed.kind, 'error');
    assert.match(failed.kind === 'error' ? failed.message : '', /Invalid API key/);
    assert.ok(!JSON.stringify(states).includes('unit-test-key'), 'the key never reaches the state');

    server.reply({ text: 'fine' });
    assert.equal(await engine.complete(query('y = █'), live()), undefined);
    assert.equal(server.requests.length, 1, 'a rejected key is not sent again automatically');
    assert.equal((await engine.complete(query('y = █', 'explicit'), live()))?.text, 'fine');
    assert.equal(engine.state.kind, 'ready');
    assert.deepEqual(
      states.map((s) => s.kind),
      ['loading', 'error', 'loading', 'ready'],
    );
  });

  it('sends no automatic request before a 429’s Retry-After, then resumes by itself', async () => {
    server.reply({
      status: 429,
      headers: { 'retry-after-ms': '400', 'content-type': 'application/json' },
      body: '{"error":{"message":"Slow down"}}',
    });
    assert.equal(await engine.complete(query('a = █'), live()), undefined);
    const limited = engine.state;
    assert.equal(limited.kind === 'error' && limited.error?.kind, 'rateLimited');
    assert.ok(
      limited.kind === 'error' && limited.retryAt !== undefined && limited.retryAt > Date.now(),
    );

    server.reply({ text: 'back' });
    assert.equal(await engine.complete(query('b = █'), live()), undefined);
    assert.equal(server.requests.length, 1, 'nothing sent while backing off');
    assert.equal((await engine.complete(query('c = █', 'explicit'), live()))?.text, 'back');
    assert.equal(server.requests.length, 2, 'an explicit trigger still goes out');

    server.reply({
      status: 429,
      headers: { 'retry-after-ms': '200', 'content-type': 'application/json' },
      body: '{"error":{"message":"Slow down"}}',
    });
    await engine.complete(query('d = █', 'explicit'), live());
    await new Promise((resolve) => setTimeout(resolve, 250));
    server.reply({ text: 'resumed' });
    assert.equal((await engine.complete(query('e = █'), live()))?.text, 'resumed');
    assert.equal(engine.state.kind, 'ready');
  });

  it('refuses a base URL that is not http(s), with a clear state and no request', async () => {
    settings = { ...settings, baseUrl: 'localhost:8080/v1' };
    assert.equal(await engine.complete(query('x = █'), live()), undefined);
    const state = engine.state;
    assert.equal(state.kind, 'error');
    assert.match(state.kind === 'error' ? state.message : '', /tokenhub\.baseUrl/);
  });
});
