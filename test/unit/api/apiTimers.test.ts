// The three timers and the byte cap of streamCompletion (servers.md §2.28), with a fake fetch
// whose body sends on a schedule. Timers are tens of milliseconds: the machine is shared.
import * as assert from 'node:assert/strict';
import { streamCompletion, type StreamCompletionOptions } from '../../../src/core/api/completions';
import { ApiError, type ApiErrorKind } from '../../../src/core/api/errors';
import {
  DEFAULT_FIRST_EVENT_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  timersFor,
} from '../../../src/core/api/requestLifetime';
import type { CompletionOutcome, CompletionRequest } from '../../../src/core/api/types';
import { fakeRequest } from '../../support/fakeRequest';

/** A request as callers wrote it before the first-event and idle timers existed. */
const PLAIN = fakeRequest('sk-timer-secret');
const REQUEST: CompletionRequest = { ...PLAIN, firstEventTimeoutMs: 2000, idleTimeoutMs: 2000 };

const encoder = new TextEncoder();

function chunk(text: string, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, text, finish_reason: finishReason }] })}\n\n`;
}

/** A step of a body script: wait `after` ms, then send `send`. */
interface Step {
  readonly after: number;
  readonly send: string;
}

/** `count` steps sending `send` every `every` ms. */
function repeat(send: string, every: number, count: number): Step[] {
  return Array.from({ length: count }, () => ({ after: every, send }));
}

/**
 * A fetch whose body plays `script`, then closes. It records whether its signal aborted, and
 * stops its timers when the body is cancelled, so nothing outlives a test.
 */
function scripted(script: readonly Step[], contentType = 'text/event-stream') {
  const seen = { aborted: false };
  const fetchImpl: typeof fetch = async (_url, init) => {
    const signal = init?.signal ?? undefined;
    signal?.addEventListener('abort', () => {
      seen.aborted = true;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = script[step++];
        if (!next) {
          controller.close();
          return;
        }
        return new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            controller.enqueue(encoder.encode(next.send));
            resolve();
          }, next.after);
        });
      },
      cancel() {
        clearTimeout(timer);
      },
    });
    return new Response(body, { headers: { 'content-type': contentType } });
  };
  return { fetch: fetchImpl, seen };
}

type Result =
  | { pieces: string[]; outcome: CompletionOutcome }
  | { pieces: string[]; error: ApiError; ms: number };

async function run(
  request: CompletionRequest,
  options: StreamCompletionOptions,
  holdMs = 0,
): Promise<Result> {
  const started = Date.now();
  const pieces: string[] = [];
  try {
    const stream = streamCompletion(request, new AbortController().signal, options);
    for (;;) {
      const next = await stream.next();
      if (next.done) return { pieces, outcome: next.value };
      pieces.push(next.value);
      // A consumer that takes its time between reads.
      if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
    }
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
    return { pieces, error: e, ms: Date.now() - started };
  }
}

function failed(result: Result, kind: ApiErrorKind): { error: ApiError; ms: number } {
  assert.ok('error' in result, `expected an error, got ${JSON.stringify(result)}`);
  assert.equal(result.error.kind, kind, result.error.message);
  return result;
}

describe('streamCompletion timers', () => {
  it('first event: keep-alive comments alone do not keep the request alive', async () => {
    const { fetch, seen } = scripted(repeat(': keep-alive\n\n', 10, 100));
    const result = await run({ ...REQUEST, firstEventTimeoutMs: 80 }, { fetch });
    const { error, ms } = failed(result, 'timeout');
    assert.equal(
      error.message,
      'No data from fake.test within 80 ms of the request (first-event timeout).',
    );
    assert.ok(ms < 1000, `gave up after ${ms} ms`);
    assert.equal(seen.aborted, true, 'the request was aborted');
  });

  it('first event: also covers a server that never sends headers', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const result = await run({ ...REQUEST, firstEventTimeoutMs: 60 }, { fetch: hanging });
    assert.match(failed(result, 'timeout').error.message, /first-event timeout/);
  });

  it('first event: an empty `data:` is a keep-alive too, not data', async () => {
    const { fetch } = scripted(repeat('data:\n\n', 10, 100));
    const result = await run({ ...REQUEST, firstEventTimeoutMs: 80 }, { fetch });
    assert.match(failed(result, 'timeout').error.message, /first-event timeout/);
  });

  it('idle: a gap between data events fires it even while comments keep coming', async () => {
    const { fetch, seen } = scripted([
      { after: 0, send: chunk('first') },
      ...repeat(':\n\n', 10, 100),
      { after: 0, send: chunk(' late', 'stop') },
    ]);
    const result = await run({ ...REQUEST, idleTimeoutMs: 80 }, { fetch });
    const { error, ms } = failed(result, 'timeout');
    assert.equal(
      error.message,
      'fake.test sent no data for 80 ms mid-reply (idle timeout; keep-alive comments do not count).',
    );
    assert.deepEqual(result.pieces, ['first']);
    assert.ok(ms < 1000, `gave up after ${ms} ms`);
    assert.equal(seen.aborted, true);
  });

  it('idle: restarts on every data event, so a steady slow stream completes', async () => {
    const { fetch } = scripted([
      ...['a', 'b', 'c', 'd', 'e'].map((t) => ({ after: 60, send: chunk(t) })),
      { after: 60, send: chunk('', 'stop') },
    ]);
    // Six gaps of 60 ms: longer than the idle timeout together, shorter one by one.
    const result = await run({ ...REQUEST, idleTimeoutMs: 250 }, { fetch });
    assert.deepEqual(result, {
      pieces: ['a', 'b', 'c', 'd', 'e'],
      outcome: { finishReason: 'stop' },
    });
  });

  it('idle: time the consumer holds a piece is not the server going quiet', async () => {
    const { fetch } = scripted([
      { after: 0, send: chunk('one') + chunk('two') + chunk('three', 'stop') },
    ]);
    const result = await run({ ...REQUEST, idleTimeoutMs: 40 }, { fetch }, 120);
    assert.deepEqual(result, {
      pieces: ['one', 'two', 'three'],
      outcome: { finishReason: 'stop' },
    });
  });

  it('overall deadline: a stream still going when it passes', async () => {
    const { fetch } = scripted(repeat(chunk('x'), 20, 100));
    const result = await run({ ...REQUEST, timeoutMs: 300 }, { fetch });
    const { error } = failed(result, 'timeout');
    assert.equal(
      error.message,
      'No complete reply from fake.test within 300 ms (overall deadline).',
    );
    assert.ok(result.pieces.length >= 1, 'the stream was flowing');
  });

  it('a whole JSON body counts as the first event', async () => {
    const body = JSON.stringify({ choices: [{ index: 0, text: 'whole', finish_reason: 'stop' }] });
    const { fetch } = scripted([{ after: 30, send: body }], 'application/json');
    const result = await run(
      { ...REQUEST, firstEventTimeoutMs: 3000, idleTimeoutMs: 10 },
      { fetch },
      50,
    );
    assert.deepEqual(result, { pieces: ['whole'], outcome: { finishReason: 'stop' } });
  });

  it('defaults apply when the request leaves the new timers out', () => {
    assert.deepEqual(timersFor(PLAIN), {
      totalMs: 5000,
      firstEventMs: DEFAULT_FIRST_EVENT_TIMEOUT_MS,
      idleMs: DEFAULT_IDLE_TIMEOUT_MS,
    });
    assert.equal(DEFAULT_FIRST_EVENT_TIMEOUT_MS, 5000);
    assert.equal(DEFAULT_IDLE_TIMEOUT_MS, 3000);
  });

  it('a timer set to 0 never fires', async () => {
    const { fetch } = scripted([
      { after: 60, send: chunk('slow') },
      { after: 60, send: chunk('', 'stop') },
    ]);
    const result = await run({ ...REQUEST, firstEventTimeoutMs: 0, idleTimeoutMs: 0 }, { fetch });
    assert.deepEqual(result, { pieces: ['slow'], outcome: { finishReason: 'stop' } });
  });
});

describe('streamCompletion byte cap', () => {
  it('a stream past the cap → protocol, after the text before it', async () => {
    const { fetch, seen } = scripted(repeat(chunk('0123456789'.repeat(5)), 0, 100));
    const result = await run(REQUEST, { fetch, maxResponseBytes: 1000 });
    const { error } = failed(result, 'protocol');
    assert.equal(
      error.message,
      'fake.test sent more than 1000 bytes without finishing the completion.',
    );
    assert.ok(result.pieces.length > 0 && result.pieces.length < 100);
    assert.equal(seen.aborted, true, 'the download stopped');
  });

  it('a JSON body past the cap → protocol too, not a parse error', async () => {
    const body = JSON.stringify({
      choices: [{ index: 0, text: 'x'.repeat(2000), finish_reason: 'stop' }],
    });
    const { fetch } = scripted([{ after: 0, send: body }], 'application/json');
    const result = await run(REQUEST, { fetch, maxResponseBytes: 1000 });
    assert.match(failed(result, 'protocol').error.message, /more than 1000 bytes/);
  });

  it('the default cap is 1 MiB', async () => {
    const piece = chunk('y'.repeat(60_000));
    const count = Math.ceil((1024 * 1024) / piece.length) + 1;
    const { fetch } = scripted(repeat(piece, 0, count));
    const result = await run(REQUEST, { fetch });
    assert.match(failed(result, 'protocol').error.message, /more than 1048576 bytes/);
  });
});
