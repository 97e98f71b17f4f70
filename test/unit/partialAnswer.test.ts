import * as assert from 'node:assert/strict';
import { CompletionEngine, type CompletionQuery } from '../../src/core/engine';
import { atCursor } from '../support/cursor';
import { splitText, TestServer } from '../support/server';
import { waitUntil } from '../support/wait';
import { silentLogger } from '../../src/core/logger';
import { testSettings } from '../support/engineSettings';

/** Streamed in pieces 'alph', 'a be', 'ta g', 'amma', ' del', 'ta;'. */
const words = 'alpha beta gamma delta;';

describe('partial answers while a stream runs', () => {
  let server: TestServer;
  let engine: CompletionEngine;
  let growths: number;

  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());

  beforeEach(() => {
    server.reset();
    engine = new CompletionEngine({
      settings: () => testSettings(server.url),
      apiKey: () => 'unit-test-key',
      logger: silentLogger,
    });
    growths = 0;
    // An earlier test's stream may still run on its own engine: count this engine's only.
    const mine = engine;
    engine.onGrowth(() => {
      if (engine === mine) growths++;
    });
  });

  const at = (marked: string, trigger: CompletionQuery['trigger'] = 'automatic') => ({
    ...atCursor(marked),
    languageId: 'typescript',
    relativePath: 'src/words.ts',
    trigger,
  });
  const live = () => new AbortController().signal;

  it('answers a keystroke with the settled words before the stream ends', async () => {
    server.reply({ text: words, tokenDelayMs: 100 });
    const shown = await engine.complete(at('const w = █'), live());
    const request = server.requests[0];
    assert.ok(request);
    assert.ok(request.eventsSent < splitText(words).length, 'the stream was still running');
    assert.equal(shown?.text, 'alpha');
  });

  it('says when the answer can grow; asking again there shows more, the same start, no request', async () => {
    server.reply({ text: words, tokenDelayMs: 60 });
    const spot = at('const w = █');
    let shown = (await engine.complete(spot, live()))?.text ?? '';
    const seen = [shown];
    while (shown !== words) {
      const before = growths;
      await waitUntil(() => growths > before, 'the engine to say the answer can grow');
      const next = (await engine.complete({ ...spot, trigger: 'refresh' }, live()))?.text ?? '';
      assert.ok(next.startsWith(shown), `${JSON.stringify(shown)} grew to ${JSON.stringify(next)}`);
      assert.ok(next.length > shown.length, JSON.stringify([...seen, next]));
      shown = next;
      seen.push(shown);
    }
    assert.ok(seen.length >= 3, `it grew in steps: ${JSON.stringify(seen)}`);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.aborted, false, 'kept streaming while it was on screen');
  });

  it('answers a refresh after a stream broke off with nothing, and asks the server nothing', async () => {
    server.reply({
      text: words,
      tokenDelayMs: 60,
      scenario: { fault: { kind: 'cut', afterTextEvents: 3 } },
    });
    const spot = at('const w = █');
    assert.equal((await engine.complete(spot, live()))?.text, 'alpha');
    let shown: string | undefined = 'alpha';
    while (shown !== undefined) {
      const before = growths;
      await waitUntil(() => growths > before, 'the engine to say the answer changed');
      shown = (await engine.complete({ ...spot, trigger: 'refresh' }, live()))?.text;
    }
    assert.equal(server.requests.length, 1);
    assert.equal(
      await engine.complete({ ...spot, trigger: 'refresh' }, live()),
      undefined,
      'a refresh never starts a request',
    );
    assert.equal(server.requests.length, 1);
  });

  it('does not wait on a single-line request once the user typed a new line past it', async () => {
    server.reply({ text: 'x;', firstTokenDelayMs: 1000 });
    const keystroke = new AbortController();
    // Mid-line (code follows the cursor): a single-line request.
    const first = engine.complete(at('let v = f(█, y);'), keystroke.signal);
    await server.waitForRequests(1);
    keystroke.abort(); // Enter: VS Code cancels the call
    await first;
    server.reply({ text: 'next();' });
    const second = engine.complete(at('let v = f(\n  █, y);'), live());
    await server.waitForRequests(2);
    assert.equal(server.requests[0]?.eventsSent, 0, 'asked while the first had sent nothing');
    assert.equal((await second)?.text, 'next();');
  });

  it('makes Alt+\\ wait for the whole answer', async () => {
    server.reply({ text: words, tokenDelayMs: 30 });
    const shown = await engine.complete(at('const w = █', 'explicit'), live());
    assert.equal(shown?.text, words);
  });
});
