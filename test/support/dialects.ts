/**
 * How each server family words a streamed legacy Completions reply, its errors and its
 * keep-alives, reproduced from /work/shared/notes/servers.md (§ numbers below refer to it).
 * Every dialect says which facts it reproduces; facts the notes mark [unverified] are filled
 * in the OpenAI way and say so.
 *
 * A dialect only words things. Timing, byte splits, line endings, cuts and stalls are the
 * scenario's business (see `scenarios.ts` and `TestServer`).
 */
import { fakeHex, fakeUuid, goJson, pythonJson } from './jsonStyles';

/** The server families the test server can imitate. */
export type ServerStyle =
  | 'openai'
  | 'vllm'
  | 'vllmLegacy'
  | 'llamacpp'
  | 'llamacppNative'
  | 'ollama'
  | 'tgi'
  | 'openrouter'
  | 'deepseek'
  | 'localai'
  | 'together'
  | 'lmstudio';

/** Every style, in a stable order (for test matrices). */
export const SERVER_STYLES: readonly ServerStyle[] = [
  'openai',
  'vllm',
  'vllmLegacy',
  'llamacpp',
  'llamacppNative',
  'ollama',
  'tgi',
  'openrouter',
  'deepseek',
  'localai',
  'together',
  'lmstudio',
];

/** What one streamed completion is made of, before a dialect words it. */
export interface CompletionPlan {
  /** Text pieces, one per text event. */
  readonly pieces: readonly string[];
  /** The finish reason the reply planned (`stop` means the model's end-of-sequence). */
  readonly finishReason: string;
  /** The stop string that ended generation, when one did. */
  readonly stoppedAt: string | undefined;
  /** The model the request named (some servers echo it, some do not). */
  readonly model: string;
  /** Prompt tokens as the fake server counts them: one per prompt character. */
  readonly promptTokens: number;
  /** Whether usage was asked for (`stream_options.include_usage`, or `Reply.includeUsage`). */
  readonly includeUsage: boolean;
  /** A per-server request counter, for ids. */
  readonly serial: number;
  /** Unix seconds of the request, and of the server's start (LocalAI's `created`). */
  readonly created: number;
  readonly serverStarted: number;
}

/**
 * One thing written to the stream: an SSE comment line, or a `data:` event. `text` marks events
 * that carry completion text (counted as `eventsSent`); `finish` marks the event that carries
 * the finish reason (where a cut or an error lands at the latest).
 */
export type StreamItem =
  | { readonly comment: string }
  | { readonly data: string; readonly text?: boolean; readonly finish?: boolean };

/** A non-streamed reply: status, body and Content-Type. */
export interface PlainReply {
  readonly body: string;
  readonly contentType: string;
}

/** The wording of one server family. */
export interface Dialect {
  /** `data: ` for most, `data:` without the space for TGI (axum). */
  readonly dataPrefix: string;
  /** Response headers of a stream, Content-Type included. */
  readonly streamHeaders: Readonly<Record<string, string>>;
  /** The comment line this server (or a proxy in front of it) sends as a keep-alive. */
  readonly keepAlive: string;
  /** The events of a whole reply, terminator included when the server sends one. */
  events(plan: CompletionPlan): StreamItem[];
  /**
   * What the server sends when generation fails after text went out, and nothing after it:
   * the connection then closes.
   */
  midStreamError(plan: CompletionPlan): StreamItem[];
  /**
   * The body of a non-streamed reply with this status: its error shape (§1d), or for 200 the
   * error it puts inside a 200 body (§2.25).
   */
  errorReply(status: number, model: string): PlainReply;
}

const DONE: StreamItem = { data: '[DONE]' };
const JSON_TYPE = 'application/json';
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

function usage(plan: CompletionPlan, completionTokens = plan.pieces.length): object {
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: plan.promptTokens + completionTokens,
  };
}

/** The finish reason OpenAI-like servers report: `stop` on a stop string, else the plan's. */
function openAiFinish(plan: CompletionPlan): string {
  return plan.stoppedAt === undefined ? plan.finishReason : 'stop';
}

/** Text events for every piece, plus the pieces' position. */
function textEvents(
  plan: CompletionPlan,
  write: (piece: string, index: number) => string,
): StreamItem[] {
  return plan.pieces.map((piece, i) => ({ data: write(piece, i), text: true }));
}

/** OpenAI's error event after text (coder aibridge `stream_error.txtar`, §1e). */
const openAiMidStreamError = {
  error: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  },
};

/**
 * OpenAI (§1a, §1b): `data: ` + LF, text chunks with `finish_reason: null` and `logprobs:
 * null`, a separate final chunk with `text: ""` and the finish reason, with include_usage
 * `"usage": null` on every chunk plus a last chunk with `choices: []`, then `data: [DONE]`.
 * A mid-stream error is an `{"error":{…}}` event and nothing after it (§2.6).
 *
 * The test server's default; its error bodies keep the wording the tests always had.
 */
const openai: Dialect = openAiLike({
  id: (plan) => `cmpl-${plan.serial}`,
  errorReply: (status) =>
    json(openAiErrorObject(`Test server error reply (HTTP ${status})`, 'server_error')),
});

/** The body shape of OpenAI errors (§1d). */
function openAiErrorObject(message: string, type: string, code: string | null = null): object {
  return { error: { message, type, param: null, code } };
}

function json(value: unknown): PlainReply {
  return { body: JSON.stringify(value), contentType: JSON_TYPE };
}

interface OpenAiLikeOptions {
  readonly id: (plan: CompletionPlan) => string;
  readonly model?: string;
  readonly object?: string;
  readonly keepAlive?: string;
  /** Comments the server sends before the first event (DeepSeek while queued, OpenRouter). */
  readonly leadingComments?: readonly string[];
  readonly extraHeaders?: Readonly<Record<string, string>>;
  readonly extraFields?: Readonly<Record<string, unknown>>;
  /** The error event a failure mid-stream sends; nothing follows it. */
  readonly midStreamError?: unknown;
  /** Whether usage comes as a last `choices: []` chunk even without include_usage. */
  readonly alwaysUsage?: boolean;
  readonly errorReply: (status: number, model: string) => PlainReply;
}

/** The OpenAI wording, with the few things OpenAI-compatible services change. */
function openAiLike(options: OpenAiLikeOptions): Dialect {
  const chunk = (plan: CompletionPlan, choices: object[], extra: object = {}): string =>
    JSON.stringify({
      id: options.id(plan),
      object: options.object ?? 'text_completion',
      created: plan.created,
      model: options.model ?? plan.model,
      ...options.extraFields,
      choices,
      ...extra,
    });
  const nullUsage = (plan: CompletionPlan): object =>
    plan.includeUsage && !options.alwaysUsage ? { usage: null } : {};
  return {
    dataPrefix: 'data: ',
    streamHeaders: { ...SSE_HEADERS, ...options.extraHeaders },
    keepAlive: options.keepAlive ?? ': keep-alive',
    events(plan) {
      const choice = (text: string, finish: string | null): object => ({
        text,
        index: 0,
        logprobs: null,
        finish_reason: finish,
      });
      const items: StreamItem[] = (options.leadingComments ?? []).map((comment) => ({ comment }));
      items.push(...textEvents(plan, (p) => chunk(plan, [choice(p, null)], nullUsage(plan))));
      items.push({
        data: chunk(plan, [choice('', openAiFinish(plan))], nullUsage(plan)),
        finish: true,
      });
      if (plan.includeUsage || options.alwaysUsage) {
        items.push({ data: chunk(plan, [], { usage: usage(plan) }) });
      }
      items.push(DONE);
      return items;
    },
    midStreamError() {
      return [{ data: JSON.stringify(options.midStreamError ?? openAiMidStreamError) }];
    },
    errorReply: options.errorReply,
  };
}

/**
 * vLLM ≥ 0.10 (§1a–1d): `text/event-stream; charset=utf-8`; `cmpl-<hex>` ids; every choice also
 * carries `stop_reason`, `prompt_token_ids` and `token_ids` as null; **the last text piece and
 * the finish reason come in one chunk** (`stop_reason` = the matched stop string); usage only
 * when asked, as a last chunk with `choices: []` and keys in the order prompt, total,
 * completion; a mid-stream error is written with Python's `json.dumps` and is **followed by
 * `[DONE]`**; 401 is `{"error":"Unauthorized"}`, other errors `{"error":{…,"code":<int>}}`.
 */
const vllm: Dialect = vllmDialect(false);

/**
 * vLLM ~0.5–0.9 (§1b, §1d): as {@link vllm}, but every chunk has `"usage": null` (dumped with
 * `exclude_unset=False`), error bodies are flat `{"object":"error",…}`, and a streamed error
 * wraps the flat object in `{"error":{…}}`.
 */
const vllmLegacy: Dialect = vllmDialect(true);

function vllmDialect(legacy: boolean): Dialect {
  const chunk = (plan: CompletionPlan, choices: object[], extra: object = {}): string =>
    JSON.stringify({
      id: `cmpl-${fakeHex(plan.serial)}`,
      object: 'text_completion',
      created: plan.created,
      model: plan.model,
      choices,
      ...(legacy ? { usage: null } : {}),
      ...extra,
    });
  const choice = (text: string, finish: string | null, stopReason: string | null): object => ({
    index: 0,
    text,
    logprobs: null,
    finish_reason: finish,
    stop_reason: stopReason,
    prompt_token_ids: null,
    token_ids: null,
  });
  const flatError = (message: string, type: string, status: number): object => ({
    object: 'error',
    message,
    type,
    param: null,
    code: status,
  });
  return {
    dataPrefix: 'data: ',
    streamHeaders: { ...SSE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8' },
    keepAlive: ': keep-alive',
    events(plan) {
      const last = plan.pieces.length - 1;
      const items: StreamItem[] = plan.pieces.slice(0, Math.max(last, 0)).map((piece) => ({
        data: chunk(plan, [choice(piece, null, null)]),
        text: true,
      }));
      items.push({
        data: chunk(plan, [
          choice(plan.pieces[last] ?? '', openAiFinish(plan), plan.stoppedAt ?? null),
        ]),
        text: last >= 0,
        finish: true,
      });
      if (plan.includeUsage) {
        const { promptTokens } = plan;
        const completionTokens = plan.pieces.length;
        const counts = {
          prompt_tokens: promptTokens,
          total_tokens: promptTokens + completionTokens,
          completion_tokens: completionTokens,
        };
        items.push({ data: chunk(plan, [], { usage: counts }) });
      }
      items.push(DONE);
      return items;
    },
    midStreamError() {
      const inner = legacy
        ? flatError('Internal server error', 'InternalServerError', 500)
        : { message: 'Internal server error', type: 'InternalServerError', param: null, code: 500 };
      return [{ data: pythonJson({ error: inner }) }, DONE];
    },
    errorReply(status, model) {
      if (status === 401) return json({ error: 'Unauthorized' });
      const [message, type] =
        status === 404
          ? [`The model \`${model}\` does not exist.`, 'NotFoundError']
          : status === 200 || status >= 500
            ? ['Internal server error', 'InternalServerError']
            : [`HTTP ${status} from vLLM`, 'BadRequestError'];
      const code = status === 200 ? 500 : status;
      const flat = flatError(message, type, code);
      if (legacy) return json(flat);
      return json({
        error: { message, type, param: status === 404 ? 'model' : null, code },
      });
    },
  };
}

/** The model llama.cpp reports: the loaded file, whatever the request named (§1c). */
const LLAMA_MODEL = 'models/test-model-Q4_K_M.gguf';

/** llama.cpp error bodies (§1d): `{"error":{"code","message","type"}}`. */
function llamaCppError(status: number): PlainReply {
  const [message, type]: [string, string] =
    status === 401
      ? ['Invalid API Key', 'authentication_error']
      : status === 404
        ? ['File Not Found', 'not_found_error']
        : status === 503
          ? ['Loading model', 'unavailable_error']
          : status === 200 || status >= 500
            ? ['Internal server error: failed to decode the batch', 'server_error']
            : [`HTTP ${status} from llama.cpp`, 'invalid_request_error'];
  return json({ error: { code: status === 200 ? 500 : status, message, type } });
}

/** Timings llama.cpp adds to its last chunk. */
function llamaTimings(plan: CompletionPlan): object {
  return {
    prompt_n: plan.promptTokens,
    prompt_ms: 12.5,
    predicted_n: plan.pieces.length,
    predicted_ms: 40.25,
  };
}

/**
 * llama.cpp on `/v1/completions` (§1a–1d): **`chatcmpl-` ids even for text completions**; the
 * model reported is the loaded file; keys in alphabetical order (nlohmann::json); a separate
 * final chunk with `text: ""`, the finish reason and **`usage` whatever `include_usage` says**,
 * plus `timings`, next to a non-empty `choices`; `:` pings as keep-alives; a mid-stream error
 * is `data: {"error":{…}}` and then the connection closes (no `[DONE]`).
 */
const llamacpp: Dialect = {
  dataPrefix: 'data: ',
  streamHeaders: SSE_HEADERS,
  keepAlive: ':',
  events(plan) {
    const chunk = (text: string, finish: string | null, extra: object = {}): string =>
      JSON.stringify({
        choices: [{ finish_reason: finish, index: 0, logprobs: null, text }],
        created: plan.created,
        id: `chatcmpl-${fakeHex(plan.serial, 24)}`,
        model: LLAMA_MODEL,
        object: 'text_completion',
        system_fingerprint: 'b6000-0123abcd',
        ...extra,
      });
    return [
      ...textEvents(plan, (piece) => chunk(piece, null)),
      {
        data: chunk('', openAiFinish(plan), { timings: llamaTimings(plan), usage: usage(plan) }),
        finish: true,
      },
      DONE,
    ];
  },
  midStreamError() {
    const error = {
      code: 500,
      message: 'Internal server error: failed to decode',
      type: 'server_error',
    };
    return [{ data: JSON.stringify({ error }) }];
  },
  errorReply: (status) => llamaCppError(status),
};

/**
 * llama.cpp's native format, which `POST /completion`, `/completions` without `/v1` and
 * `/infill` answer (§1a, §2.24): `{"content": …, "stop": false}` chunks, a last chunk with
 * `"stop": true`, `stop_type` (`eos`, `limit`, `word`) and timings, and **never `[DONE]`**.
 */
const llamacppNative: Dialect = {
  dataPrefix: 'data: ',
  streamHeaders: SSE_HEADERS,
  keepAlive: ':',
  events(plan) {
    const items: StreamItem[] = textEvents(plan, (content, i) =>
      JSON.stringify({
        content,
        id_slot: 0,
        index: 0,
        stop: false,
        tokens: [],
        tokens_evaluated: plan.promptTokens,
        tokens_predicted: i + 1,
      }),
    );
    const stopType =
      plan.stoppedAt !== undefined ? 'word' : plan.finishReason === 'length' ? 'limit' : 'eos';
    items.push({
      data: JSON.stringify({
        content: '',
        id_slot: 0,
        index: 0,
        model: LLAMA_MODEL,
        stop: true,
        stop_type: stopType,
        stopping_word: plan.stoppedAt ?? '',
        timings: llamaTimings(plan),
        tokens: [],
        tokens_evaluated: plan.promptTokens,
        tokens_predicted: plan.pieces.length,
        truncated: false,
      }),
      finish: true,
    });
    return items;
  },
  midStreamError: (plan) => llamacpp.midStreamError(plan),
  errorReply: (status) => llamaCppError(status),
};

/**
 * Ollama (§1a–1d): Go's JSON (`<`, `>`, `&` escaped); ids `cmpl-<0..998>` that **repeat**; no
 * `logprobs` key; a separate final chunk with `text: ""`; with include_usage **every chunk
 * carries all-zero usage** and an extra `choices: []` chunk has the real one; a runner failure
 * mid-stream sends **an empty chunk and closes, with no error text** (only the missing finish
 * reason tells); errors `{"error":{"message","type","param":null,"code":null}}` + `\n`.
 */
const ollama: Dialect = {
  dataPrefix: 'data: ',
  streamHeaders: { 'content-type': 'text/event-stream' },
  keepAlive: ': keep-alive',
  events(plan) {
    const zeros = plan.includeUsage
      ? { usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } }
      : {};
    const items: StreamItem[] = textEvents(plan, (piece) =>
      ollamaChunk(plan, [{ text: piece, index: 0, finish_reason: null }], zeros),
    );
    items.push({
      data: ollamaChunk(plan, [{ text: '', index: 0, finish_reason: openAiFinish(plan) }], zeros),
      finish: true,
    });
    if (plan.includeUsage) items.push({ data: ollamaChunk(plan, [], { usage: usage(plan) }) });
    items.push(DONE);
    return items;
  },
  midStreamError(plan) {
    return [{ data: ollamaChunk(plan, [{ text: '', index: 0, finish_reason: null }]) }];
  },
  errorReply(status, model) {
    const [message, type] =
      status === 404
        ? [`model '${model}' not found`, 'not_found_error']
        : status === 400
          ? ['invalid request', 'invalid_request_error']
          : status === 200 || status >= 500
            ? ['llama runner process has terminated: exit status 2', 'api_error']
            : [`HTTP ${status} from Ollama`, 'api_error'];
    return {
      body: `${goJson({ error: { message, type, param: null, code: null } })}\n`,
      contentType: JSON_TYPE,
    };
  },
};

function ollamaChunk(plan: CompletionPlan, choices: object[], extra: object = {}): string {
  return goJson({
    id: `cmpl-${plan.serial % 999}`,
    object: 'text_completion',
    created: plan.created,
    model: plan.model,
    system_fingerprint: 'fp_ollama',
    choices,
    ...extra,
  });
}

/**
 * TGI (§1a–1d): **`data:` without the space** and `data:[DONE]` (axum); `:` keep-alives;
 * `object` first and an **empty `id`**; **`finish_reason: ""` while streaming**; the **last
 * token's text, the finish reason (`eos_token`, `length`, `stop_sequence`) and usage in one
 * final chunk**, always; a mid-stream error is `data:{"error":{"message","http_status_code"}}`
 * **followed by `data:[DONE]`**; error bodies `{"error":"…","error_type":"…"}`, 429 without
 * Retry-After, and axum's empty 404 for routes it does not serve.
 */
const tgi: Dialect = {
  dataPrefix: 'data:',
  streamHeaders: SSE_HEADERS,
  keepAlive: ':',
  events(plan) {
    const chunk = (text: string, finish: string, extra: object = {}): string =>
      JSON.stringify({
        object: 'text_completion',
        id: '',
        created: plan.created,
        model: plan.model,
        system_fingerprint: '3.1.0-native',
        choices: [{ index: 0, text, logprobs: null, finish_reason: finish }],
        ...extra,
      });
    const finish = finishName(plan, 'stop_sequence', 'eos_token');
    const last = plan.pieces.length - 1;
    const items: StreamItem[] = plan.pieces
      .slice(0, Math.max(last, 0))
      .map((piece) => ({ data: chunk(piece, ''), text: true }));
    items.push({
      data: chunk(plan.pieces[last] ?? '', finish, { usage: usage(plan) }),
      text: last >= 0,
      finish: true,
    });
    items.push(DONE);
    return items;
  },
  midStreamError() {
    const error = {
      message: 'Request failed during generation: Server error: CUDA out of memory',
      http_status_code: 424,
    };
    return [{ data: JSON.stringify({ error }) }, DONE];
  },
  errorReply(status) {
    if (status === 404) return { body: '', contentType: 'text/plain' };
    const [message, type] =
      status === 429
        ? ['Model is overloaded', 'overloaded']
        : status === 401
          ? ['Unauthorized', 'authorization']
          : status === 200 || status >= 500
            ? ['Request failed during generation: Server error', 'generation']
            : ['Input validation error: `inputs` must have less than 4096 tokens', 'validation'];
    return json({ error: message, error_type: type });
  },
};

/**
 * OpenRouter (§1a–1d): **`: OPENROUTER PROCESSING` comments** before and between events;
 * `object: "chat.completion.chunk"` even for a prompt; `gen-` ids and an `X-Generation-Id`
 * header; usage in a last `choices: []` chunk; errors `{"error":{"code":<number>,"message"}}`,
 * and after streaming started, an error is **a chunk with both `error` and `finish_reason:
 * "error"`**. Whether `[DONE]` follows it is [unverified]; here it does not.
 */
const openrouter: Dialect = openAiLike({
  id: (plan) => `gen-${1_700_000_000 + plan.serial}-${fakeHex(plan.serial, 20)}`,
  object: 'chat.completion.chunk',
  keepAlive: ': OPENROUTER PROCESSING',
  leadingComments: [': OPENROUTER PROCESSING', ': OPENROUTER PROCESSING'],
  extraHeaders: { 'x-generation-id': 'gen-1700000000-0000' },
  extraFields: { provider: 'OpenAI' },
  alwaysUsage: true,
  midStreamError: {
    id: 'gen-1700000000-0000',
    object: 'chat.completion.chunk',
    provider: 'OpenAI',
    error: { code: 502, message: 'Provider returned error' },
    choices: [{ index: 0, text: '', finish_reason: 'error' }],
  },
  errorReply(status) {
    const message =
      status === 401
        ? 'No auth credentials found'
        : status === 404
          ? 'No endpoints found for this model.'
          : status === 429
            ? 'Rate limit exceeded: free-models-per-min.'
            : status === 200 || status === 502
              ? 'Provider returned error'
              : `HTTP ${status} from OpenRouter`;
    return json({ error: { code: status === 200 ? 502 : status, message } });
  },
});

/**
 * DeepSeek `/beta/completions` (§1a–1d): OpenAI-compatible; **`: keep-alive` comments while the
 * request is queued**; uuid ids; a finish reason of its own, `insufficient_system_resource`,
 * when it runs out of capacity mid-generation (its mid-stream failure here); and **blank lines
 * before a non-streamed JSON body**. Chunk details beyond that are [unverified], as OpenAI.
 */
const deepseek: Dialect = {
  ...openAiLike({
    id: (plan) => fakeUuid(plan.serial),
    model: 'deepseek-chat',
    leadingComments: [': keep-alive', ': keep-alive'],
    errorReply(status) {
      const [message, type] =
        status === 401
          ? ['Authentication Fails (no such user)', 'authentication_error']
          : status === 429
            ? ['Rate Limit Reached', 'rate_limit_error']
            : status === 200 || status >= 500
              ? ['Server Error', 'server_error']
              : [`HTTP ${status} from DeepSeek`, 'invalid_request_error'];
      const body = JSON.stringify(openAiErrorObject(message, type));
      return { body: status === 200 ? `\n\n\n${body}` : body, contentType: JSON_TYPE };
    },
  }),
  midStreamError(plan) {
    return [
      {
        data: JSON.stringify({
          id: fakeUuid(plan.serial),
          object: 'text_completion',
          created: plan.created,
          model: 'deepseek-chat',
          choices: [
            { text: '', index: 0, logprobs: null, finish_reason: 'insufficient_system_resource' },
          ],
        }),
      },
      DONE,
    ];
  },
};

/**
 * LocalAI (§1a–1d): Go's JSON; `created` **fixed at server start**; `text` **omitted when
 * empty**; running usage on every chunk; a separate final chunk with **no `text` key**,
 * `finish_reason: "stop"` **even when the reply was cut by length**, and **zero usage**;
 * errors `{"error":{"code":<int>,"message","type":""}}`. Its mid-stream error event is a
 * [synthetic fixture] in that shape.
 */
const localai: Dialect = {
  dataPrefix: 'data: ',
  streamHeaders: { 'content-type': 'text/event-stream' },
  keepAlive: ': keep-alive',
  events(plan) {
    const chunk = (choice: object, counts: object): string =>
      goJson({
        created: plan.serverStarted,
        object: 'text_completion',
        id: fakeUuid(plan.serial),
        model: plan.model,
        choices: [choice],
        usage: counts,
      });
    const items: StreamItem[] = textEvents(plan, (piece, i) =>
      chunk(
        { index: 0, finish_reason: null, ...(piece === '' ? {} : { text: piece }) },
        usage(plan, i + 1),
      ),
    );
    items.push({
      data: chunk(
        { index: 0, finish_reason: 'stop' },
        { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      ),
      finish: true,
    });
    items.push(DONE);
    return items;
  },
  midStreamError() {
    return [
      { data: goJson({ error: { code: 500, message: 'rpc error: backend crashed', type: '' } }) },
    ];
  },
  errorReply(status, model) {
    const message =
      status === 404
        ? `model ${model} not found`
        : status === 401
          ? 'An authentication key is required'
          : `rpc error: code = Unavailable (HTTP ${status === 200 ? 500 : status})`;
    return {
      body: goJson({ error: { code: status === 200 ? 500 : status, message, type: '' } }),
      contentType: JSON_TYPE,
    };
  },
};

/**
 * Together (§1b): `object: "completion.chunk"`, hex ids, text in **`delta.content`**, `logprobs`
 * a single float per chunk, `usage: null` until the final chunk, and **`eos`** as the
 * end-of-sequence finish reason. Framing, keep-alives and errors are [unverified], as OpenAI.
 */
const together: Dialect = {
  dataPrefix: 'data: ',
  streamHeaders: SSE_HEADERS,
  keepAlive: ': keep-alive',
  events(plan) {
    const chunk = (content: string, finish: string | null, counts: object | null): string =>
      JSON.stringify({
        id: fakeHex(plan.serial, 16),
        object: 'completion.chunk',
        created: plan.created,
        model: plan.model,
        choices: [{ index: 0, delta: { content }, logprobs: -0.25, finish_reason: finish }],
        usage: counts,
      });
    const finish = finishName(plan, 'stop', 'eos');
    return [
      ...textEvents(plan, (piece) => chunk(piece, null, null)),
      { data: chunk('', finish, usage(plan)), finish: true },
      DONE,
    ];
  },
  midStreamError: () => [{ data: JSON.stringify(openAiMidStreamError) }],
  errorReply: (status) =>
    json(
      openAiErrorObject(
        status === 401 ? 'Invalid API key provided' : `HTTP ${status} from Together`,
        status >= 400 && status < 500 ? 'invalid_request_error' : 'server_error',
        status === 401 ? 'invalid_api_key' : null,
      ),
    ),
};

/**
 * LM Studio: everything is [unverified] except that **an unknown route answers HTTP 200 with
 * `{"error":"Unexpected endpoint or method. (POST …)"}`** (§1d, §2.25), which is its 200 error
 * body here; its other errors use the same string shape, and its stream is OpenAI's.
 */
const lmstudio: Dialect = openAiLike({
  id: (plan) => `cmpl-${fakeHex(plan.serial, 20)}`,
  midStreamError: {
    error: 'The model has crashed without additional information. (Exit code: null)',
  },
  errorReply(status, model) {
    const message =
      status === 200
        ? 'Unexpected endpoint or method. (POST /v1/completions)'
        : status === 404
          ? `Model "${model}" not found`
          : `HTTP ${status} from LM Studio`;
    return json({ error: message });
  },
});

const DIALECTS: Readonly<Record<ServerStyle, Dialect>> = {
  openai,
  vllm,
  vllmLegacy,
  llamacpp,
  llamacppNative,
  ollama,
  tgi,
  openrouter,
  deepseek,
  localai,
  together,
  lmstudio,
};

/** The dialect of a style. */
export function dialectFor(style: ServerStyle): Dialect {
  return DIALECTS[style];
}

/** The `data:` line of an item, or the comment line, with the blank line that ends it. */
export function frameOf(dialect: Dialect, item: StreamItem): string {
  return 'comment' in item ? `${item.comment}\n\n` : `${dialect.dataPrefix}${item.data}\n\n`;
}

/**
 * The finish reason in a server's own words: what it calls a matched stop string and the end of
 * the sequence (TGI: `stop_sequence` / `eos_token`; Together: `stop` / `eos`); others pass through.
 */
function finishName(plan: CompletionPlan, stopString: string, endOfSequence: string): string {
  if (plan.stoppedAt !== undefined) return stopString;
  return plan.finishReason === 'stop' ? endOfSequence : plan.finishReason;
}
