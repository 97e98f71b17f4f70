// The pure pieces of the client's error handling and request building.
import * as assert from 'node:assert/strict';
import { completionsBody, completionsUrl } from '../../../src/core/api/completionsRequest';
import {
  errorMessageFromText,
  MAX_MESSAGE_CHARS,
  payloadError,
} from '../../../src/core/api/errorBody';
import { ApiError, isAbortError, kindForStatus, networkError } from '../../../src/core/api/errors';
import { retryAfterMs } from '../../../src/core/api/retryAfter';

describe('errorMessageFromText', () => {
  it('reads every JSON shape of servers.md §1d', () => {
    const cases: [string, string][] = [
      ['{"error":{"message":"Invalid API Key","type":"authentication_error"}}', 'Invalid API Key'],
      ['{"error":"Unauthorized"}', 'Unauthorized'],
      [
        '{"object":"error","message":"flat vLLM legacy","type":"BadRequestError","code":400}',
        'flat vLLM legacy',
      ],
      ['{"error":"Input validation error","error_type":"validation"}', 'Input validation error'],
      ['{"detail":"Not Found"}', 'Not Found'],
      ['{"detail":[{"loc":["body","prompt"],"msg":"field required"}]}', 'field required'],
      [
        '{\n  "error": {\n    "message": "pretty\\nprinted",\n    "code": null\n  }\n}',
        'pretty printed',
      ],
    ];
    for (const [body, message] of cases) assert.equal(errorMessageFromText(body), message, body);
  });

  it('falls back to the raw text, on one line', () => {
    assert.equal(errorMessageFromText('  upstream\n  timed out \n'), 'upstream timed out');
    assert.equal(errorMessageFromText('{"unexpected":true}'), '{"unexpected":true}');
    assert.equal(errorMessageFromText(''), '');
  });

  it('reduces HTML to its title, else a short note', () => {
    assert.equal(
      errorMessageFromText(
        '<html><head><title>503 Service &amp; Co</title></head></html>',
        'text/html',
      ),
      '503 Service & Co',
    );
    assert.equal(
      errorMessageFromText('<!DOCTYPE html><html><body><h1>Oops</h1></body></html>'),
      'Oops',
    );
    assert.equal(errorMessageFromText('<html><body><p>x</p></body></html>'), 'HTML error page');
  });

  it(`truncates to ${MAX_MESSAGE_CHARS} characters`, () => {
    const message = errorMessageFromText(JSON.stringify({ error: { message: 'x'.repeat(5000) } }));
    assert.equal(message.length, MAX_MESSAGE_CHARS);
    assert.ok(message.endsWith('…'));
  });
});

describe('payloadError', () => {
  it('finds errors and their in-body status; ordinary chunks are not errors', () => {
    assert.deepEqual(payloadError({ error: { message: 'm', http_status_code: 422 } }), {
      message: 'm',
      status: 422,
      kind: 'badRequest',
    });
    assert.deepEqual(payloadError({ error: { message: 'm', code: 'invalid_api_key' } }), {
      message: 'm',
      status: undefined,
      kind: 'unauthorized',
    });
    assert.deepEqual(payloadError({ object: 'error', message: 'm', code: 500 }), {
      message: 'm',
      status: 500,
      kind: 'server',
    });
    assert.equal(payloadError({ choices: [{ text: 'x' }], error: null }), undefined);
    assert.equal(payloadError({ choices: [] }), undefined);
    assert.equal(payloadError('text'), undefined);
  });

  it('takes the kind from type, code or error_type names when there is no status (§1d)', () => {
    const kinds: [unknown, string][] = [
      [{ error: { message: 'm', type: 'server_error', code: null } }, 'server'],
      [{ error: { message: 'm', type: 'api_error', param: null, code: null } }, 'server'],
      [{ error: { message: 'm', type: 'not_found_error' } }, 'notFound'],
      [{ error: { message: 'm', code: 'rate_limit_exceeded' } }, 'rateLimited'],
      [{ error: 'Model is overloaded', error_type: 'overloaded' }, 'rateLimited'],
      [{ error: 'failed', error_type: 'generation' }, 'server'],
      [{ error: { message: 'm', type: 'invalid_request_error' } }, 'badRequest'],
      // A bare string says nothing about the kind (LM Studio's unknown endpoint).
      [{ error: 'Unexpected endpoint or method. (POST /completions)' }, 'protocol'],
      // Names are matched whole: no pattern built from server text.
      [{ error: { message: 'm', type: 'server_error_but_not_quite' } }, 'protocol'],
      // A numeric status beats the names.
      [{ error: { message: 'm', type: 'server_error', code: 401 } }, 'unauthorized'],
    ];
    for (const [payload, kind] of kinds) {
      assert.equal(payloadError(payload)?.kind, kind, JSON.stringify(payload));
    }
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const headers = (init: Record<string, string>): Headers => new Headers(init);

  it('reads retry-after-ms, then seconds, then an HTTP date', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250' }), now), 250);
    assert.equal(retryAfterMs(headers({ 'retry-after': '3' }), now), 3000);
    assert.equal(retryAfterMs(headers({ 'retry-after': '1.5' }), now), 1500);
    assert.equal(
      retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }), now),
      10_000,
    );
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': '100', 'retry-after': '3' }), now), 100);
  });

  it('gives 0 for a past date and undefined for nothing or garbage', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now), 0);
    assert.equal(retryAfterMs(headers({}), now), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': '-5' }), now), undefined);
  });
});

describe('error kinds', () => {
  it('maps HTTP statuses', () => {
    const expected: [number, string][] = [
      [401, 'unauthorized'],
      [403, 'unauthorized'],
      [404, 'notFound'],
      [429, 'rateLimited'],
      [400, 'badRequest'],
      [422, 'badRequest'],
      [500, 'server'],
      [502, 'server'],
      [503, 'server'],
      [408, 'timeout'],
      // TGI's generation failure.
      [424, 'server'],
    ];
    for (const [status, kind] of expected)
      assert.equal(kindForStatus(status), kind, String(status));
  });

  it('isAbortError recognises aborts and nothing else', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(isAbortError(controller.signal.reason), true);
    const fetched = await fetch('http://127.0.0.1:1/', { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    assert.equal(isAbortError(fetched), true);
    assert.equal(isAbortError(new ApiError('timeout', 'slow', 'h')), false);
    assert.equal(isAbortError(new Error('AbortError')), false);
    assert.equal(isAbortError(undefined), false);
  });

  it('networkError names the host and the socket error, from undici or a plain errno error', () => {
    const undici = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:8000'), {
        code: 'ECONNREFUSED',
      }),
    });
    assert.equal(
      networkError(undici, '10.0.0.1:8000').message,
      'Cannot reach 10.0.0.1:8000: connect ECONNREFUSED 10.0.0.1:8000',
    );
    const errno = Object.assign(new Error('getaddrinfo failed'), { code: 'ENOTFOUND' });
    const error = networkError(errno, 'nowhere.test');
    assert.equal(error.kind, 'network');
    assert.equal(error.message, 'Cannot reach nowhere.test: ENOTFOUND getaddrinfo failed');
  });

  it('ApiError.redact masks the secret in the message and the stack', () => {
    const error = new ApiError('unauthorized', 'bad key sk-123456', 'h', { status: 401 }).redact(
      'sk-123456',
    );
    assert.equal(error.message, 'bad key ***');
    assert.equal(error.status, 401);
    assert.ok(!String(error.stack).includes('sk-123456'));
  });
});

describe('completions request building', () => {
  it('joins the path and keeps a query string', () => {
    assert.equal(completionsUrl('https://h.example/v1').href, 'https://h.example/v1/completions');
    assert.equal(completionsUrl('https://h.example/v1//').href, 'https://h.example/v1/completions');
    assert.equal(
      completionsUrl('https://h.example/openai/deployments/d?api-version=1').href,
      'https://h.example/openai/deployments/d/completions?api-version=1',
    );
  });

  it('rejects what must not receive a key', () => {
    for (const url of ['', 'ftp://h.example/v1', 'https://u:p@h.example/v1']) {
      assert.throws(
        () => completionsUrl(url),
        (e) => e instanceof ApiError && e.kind === 'badRequest',
        url,
      );
    }
  });

  it('never sends null: non-finite numbers are left out', () => {
    const body = completionsBody({
      baseUrl: 'x',
      apiKey: undefined,
      model: 'm',
      prompt: 'p',
      maxTokens: Number.NaN,
      temperature: Number.POSITIVE_INFINITY,
      stop: [],
      timeoutMs: 1,
    });
    assert.deepEqual(body, { model: 'm', prompt: 'p', stream: true });
  });
});
