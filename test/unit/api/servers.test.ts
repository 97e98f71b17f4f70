// Every server family × every way a reply breaks (issue 3): streamCompletion against the test
// server gives exactly the expected text and outcome, or the expected ApiError. The
// expectations are written from servers.md here, independently of the dialects in
// test/support, so a dialect or a client change that breaks one fails a case.
import * as assert from 'node:assert/strict';
import { streamCompletion } from '../../../src/core/api/completions';
import { ApiError, type ApiErrorKind } from '../../../src/core/api/errors';
import type { CompletionOutcome, CompletionRequest } from '../../../src/core/api/types';
import { SERVER_STYLES, type ServerStyle } from '../../support/dialects';
import { FAULT_AFTER_TEXT_EVENTS, SCENARIOS, type ScenarioName } from '../../support/scenarios';
import { TestServer, splitText, type Reply } from '../../support/server';

/** Go-escaped characters, multi-byte UTF-8 (2, 3 and 4 bytes), quotes and newlines. */
const TEXT = 'if (a < b && c > d) {\n  return "héllo → 世界 🎉";\n}';
const PIECES = splitText(TEXT);
const PROMPT = 'function f(a, b, c, d) {\n  ';
const USAGE = { promptTokens: PROMPT.length, completionTokens: PIECES.length };
const BEFORE_FAULT = PIECES.slice(0, FAULT_AFTER_TEXT_EVENTS).join('');
const KEY = 'sk-matrix-secret-0b5e55ed';
/**
 * The timer a case tests is small, to keep the matrix fast; the others are generous, so a
 * loaded machine does not fire them by accident. Stalls last far longer than either.
 */
const SHORT_TIMER_MS = 150;
const LONG_TIMER_MS = 3000;

/** The scenarios of the matrix: the named set, plus two finish-reason variants. */
type Case = ScenarioName | 'endOfSequence' | 'stopSequence';
const CASES: readonly Case[] = [
  ...(Object.keys(SCENARIOS) as ScenarioName[]),
  'endOfSequence',
  'stopSequence',
];
const STOP = 'return';
const STOPPED_TEXT = TEXT.slice(0, TEXT.indexOf(STOP));

/** What a case must give. */
type Expected =
  | { readonly text: string; readonly outcome: CompletionOutcome }
  | {
      readonly error: ApiErrorKind;
      /** Text yielded before the error: exactly, or (`prefixOf`) any prefix of it. */
      readonly textBefore: string;
      readonly prefixOf?: boolean;
      readonly message?: RegExp;
      readonly retryAfterMs?: [number, number];
      /** Another kind that is also right (a reset may land before the first event is read). */
      readonly orError?: ApiErrorKind;
    };

/** The finish reason each style reports, from servers.md §1b and §2.9. */
function finishReason(style: ServerStyle, ended: 'length' | 'eos' | 'stopString'): string {
  if (style === 'localai') return 'stop'; // hard-coded, even on length
  if (ended === 'length') return 'length';
  if (ended === 'stopString') return style === 'tgi' ? 'stop_sequence' : 'stop';
  return style === 'tgi' ? 'eos_token' : style === 'together' ? 'eos' : 'stop';
}

/** Pieces the server sends when it cuts the text at `STOP`. */
const STOPPED_PIECES = PIECES.filter(
  (_, i) => PIECES.slice(0, i).join('').length < STOPPED_TEXT.length,
);

/** The error a style reports in a stream or a 200 body, from servers.md §1d and §2.6–2.9. */
const MID_STREAM: Readonly<Record<ServerStyle, ApiErrorKind | 'truncated'>> = {
  openai: 'server', // {"error":{"type":"server_error","code":null}}
  vllm: 'server', // "code": 500, then [DONE]
  vllmLegacy: 'server', // flat object with "code": 500 inside {"error":…}
  llamacpp: 'server', // {"error":{"code":500,…}}
  llamacppNative: 'protocol', // its first chunk already says "add /v1"
  ollama: 'truncated', // an empty chunk and close, no error text
  tgi: 'server', // http_status_code 424 (generation), then data:[DONE]
  openrouter: 'server', // error.code 502 next to finish_reason "error"
  deepseek: 'server', // finish_reason "insufficient_system_resource"
  localai: 'server', // {"error":{"code":500,…}}
  together: 'server', // OpenAI's shape [unverified]
  lmstudio: 'protocol', // {"error":"The model has crashed…"}: a bare string says no more
};

function expected(style: ServerStyle, scenario: Case): Expected {
  const native = style === 'llamacppNative';
  const nativeError: Expected = {
    error: 'protocol',
    textBefore: '',
    message: /native format.*add \/v1 to tokenhub\.baseUrl: http:\/\/127\.0\.0\.1:\d+\/v1\.$/,
  };
  const full = (text: string, finish: string, usage = USAGE): Expected =>
    native ? nativeError : { text, outcome: { finishReason: finish, usage } };
  switch (scenario) {
    case 'normal':
    case 'randomSplits':
    case 'utf8Splits':
    case 'crlf':
    case 'keepAlives':
      return full(TEXT, finishReason(style, 'length'));
    case 'endOfSequence':
      return full(TEXT, finishReason(style, 'eos'));
    case 'stopSequence':
      return full(STOPPED_TEXT, finishReason(style, 'stopString'), {
        promptTokens: PROMPT.length,
        completionTokens: STOPPED_PIECES.length,
      });
    case 'midStreamError': {
      if (native) return nativeError;
      const kind = MID_STREAM[style];
      if (kind === 'truncated') return { text: BEFORE_FAULT, outcome: { finishReason: undefined } };
      return { error: kind, textBefore: BEFORE_FAULT };
    }
    case 'cut':
      if (native) return nativeError;
      // Only LocalAI reports usage before the end: a running count on every chunk.
      return {
        text: BEFORE_FAULT,
        outcome:
          style === 'localai'
            ? {
                finishReason: undefined,
                usage: { promptTokens: PROMPT.length, completionTokens: FAULT_AFTER_TEXT_EVENTS },
              }
            : { finishReason: undefined },
      };
    case 'reset':
      return native
        ? { ...nativeError, orError: 'network' }
        : { error: 'network', textBefore: BEFORE_FAULT, prefixOf: true };
    case 'stall':
    case 'keepAliveStall':
      return native
        ? nativeError
        : { error: 'timeout', textBefore: BEFORE_FAULT, message: /idle timeout/ };
    case 'slowStart':
      return { error: 'timeout', textBefore: '', message: /first-event timeout/ };
    case 'errorBody200':
      return {
        error: style === 'lmstudio' ? 'protocol' : 'server',
        textBefore: '',
        message: /^[^{]/,
      };
    case 'html502':
      return { error: 'server', textBefore: '', message: /^502 Bad Gateway$/ };
    case 'status401':
      return { error: 'unauthorized', textBefore: '' };
    case 'status404':
      return { error: 'notFound', textBefore: '' };
    case 'status429RetryAfterMs':
      return { error: 'rateLimited', textBefore: '', retryAfterMs: [1500, 1500] };
    case 'status429RetryAfterSeconds':
      return { error: 'rateLimited', textBefore: '', retryAfterMs: [7000, 7000] };
    case 'status429RetryAfterDate':
      // An HTTP date has whole seconds, and the request takes a moment.
      return { error: 'rateLimited', textBefore: '', retryAfterMs: [25_000, 30_000] };
    case 'status500':
      return { error: 'server', textBefore: '' };
    case 'status503RetryAfter':
      return { error: 'server', textBefore: '', retryAfterMs: [2000, 2000] };
  }
}

function replyFor(style: ServerStyle, scenario: Case): Reply {
  const base: Reply = { style, text: TEXT, finishReason: 'length', includeUsage: true };
  if (scenario === 'endOfSequence') return { ...base, finishReason: 'stop' };
  if (scenario === 'stopSequence') return base;
  return { ...base, ...SCENARIOS[scenario]() };
}

describe('every server × every scenario (servers.md)', () => {
  let server: TestServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  before(async () => {
    server = await TestServer.start();
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
  });
  beforeEach(() => server.reset());
  afterEach(async () => {
    // Rejections are reported a turn after they happen.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled.map(String), [], 'no unhandled promise rejections');
  });

  function request(style: ServerStyle, scenario: Case): CompletionRequest {
    return {
      // llama.cpp's native format is what users get with a base URL that lacks /v1.
      baseUrl: style === 'llamacppNative' ? server.url.slice(0, -'/v1'.length) : server.url,
      apiKey: KEY,
      model: 'test-model',
      prompt: PROMPT,
      maxTokens: 64,
      temperature: 0,
      stop: scenario === 'stopSequence' ? [STOP] : [],
      timeoutMs: 8000,
      firstEventTimeoutMs: scenario === 'slowStart' ? SHORT_TIMER_MS : LONG_TIMER_MS,
      idleTimeoutMs:
        scenario === 'stall' || scenario === 'keepAliveStall' ? SHORT_TIMER_MS : LONG_TIMER_MS,
    };
  }

  for (const style of SERVER_STYLES) {
    describe(style, () => {
      for (const scenario of CASES) {
        const want = expected(style, scenario);
        const title =
          'outcome' in want
            ? `${scenario} → ${JSON.stringify(want.outcome.finishReason ?? 'truncated')}`
            : `${scenario} → ${want.error}`;
        it(title, async () => {
          server.reply(replyFor(style, scenario));
          const got = await run(request(style, scenario));
          check(got, want, `${style} × ${scenario}`);
          if (!('outcome' in want) && want.error === 'timeout') {
            await waitUntil(
              () => server.requests[0]?.aborted === true,
              'the server to see the abort',
            );
            // The next completion works after a stall.
            server.reply({ style, text: TEXT, finishReason: 'length', includeUsage: true });
            const next = await run(request(style, 'normal'));
            check(next, expected(style, 'normal'), `${style} after ${scenario}`);
          }
        });
      }
    });
  }
});

type Result =
  | { readonly text: string; readonly outcome: CompletionOutcome }
  | { readonly text: string; readonly error: unknown };

async function run(request: CompletionRequest): Promise<Result> {
  const pieces: string[] = [];
  try {
    const stream = streamCompletion(request, new AbortController().signal);
    for (;;) {
      const next = await stream.next();
      if (next.done) return { text: pieces.join(''), outcome: next.value };
      pieces.push(next.value);
    }
  } catch (error) {
    return { text: pieces.join(''), error };
  }
}

function check(got: Result, want: Expected, what: string): void {
  if ('outcome' in want) {
    assert.ok('outcome' in got, `${what}: expected a completion, got ${summary(got)}`);
    assert.equal(got.text, want.text, `${what}: text`);
    assert.deepEqual(got.outcome, want.outcome, `${what}: outcome`);
    return;
  }
  assert.ok('error' in got, `${what}: expected an error, got ${summary(got)}`);
  const { error } = got;
  assert.ok(error instanceof ApiError, `${what}: expected an ApiError, got ${String(error)}`);
  const kinds = [want.error, ...(want.orError ? [want.orError] : [])];
  assert.ok(kinds.includes(error.kind), `${what}: kind ${error.kind} (${error.message})`);
  if (error.kind === want.error) {
    if (want.prefixOf) assert.ok(want.textBefore.startsWith(got.text), `${what}: text ${got.text}`);
    else assert.equal(got.text, want.textBefore, `${what}: text before the error`);
    if (want.message) assert.match(error.message, want.message, what);
  }
  assert.ok(error.message.trim() !== '', `${what}: a message`);
  assert.ok(!error.message.includes(KEY), `${what}: the key leaked`);
  if (want.retryAfterMs) {
    const [low, high] = want.retryAfterMs;
    const ms = error.retryAfterMs ?? Number.NaN;
    assert.ok(ms >= low && ms <= high, `${what}: retryAfterMs ${ms}`);
  } else {
    assert.equal(error.retryAfterMs, undefined, `${what}: retryAfterMs`);
  }
}

function summary(result: Result): string {
  return 'outcome' in result
    ? `text ${JSON.stringify(result.text)} and ${JSON.stringify(result.outcome)}`
    : `${String(result.error)} after ${JSON.stringify(result.text)}`;
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
