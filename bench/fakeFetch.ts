import { splitText } from '../test/support/server';

/**
 * A `fetch` that answers at once with an event stream shaped like the test server's (OpenAI
 * framing: text chunks, a finish chunk, `[DONE]`). With it the engine does all of its own work
 * (prompt, request body, SSE parsing, stops, post-processing, cache) and no waiting.
 *
 * `reply` is the completion, or a function that picks it from the request body (parsed JSON).
 * A fixed completion is encoded once: parsing the body and writing the stream is the server's
 * work, and done per call it would be timed (and garbage-collected) as the extension's.
 */
export function fakeFetch(reply: string | ((body: RequestBody) => string)): typeof fetch {
  const fixed = typeof reply === 'string' ? new TextEncoder().encode(eventStream(reply)) : null;
  const textFor = typeof reply === 'string' ? null : reply;
  return async (_input, init) => {
    const body = fixed ?? eventStream(textFor?.(JSON.parse(String(init?.body))) ?? '');
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    });
  };
}

/** The fields of a completions request body a reply may depend on. */
interface RequestBody {
  readonly prompt: string;
  readonly stop?: string[];
}

/** The SSE body streaming `text` in ~4-character chunks. */
export function eventStream(text: string): string {
  const chunk = (piece: string, finish: string | null) =>
    `data: ${JSON.stringify({
      id: 'cmpl-bench',
      object: 'text_completion',
      created: 0,
      model: 'test-model',
      choices: [{ index: 0, text: piece, logprobs: null, finish_reason: finish }],
    })}\n\n`;
  return [
    ...splitText(text).map((piece) => chunk(piece, null)),
    chunk('', 'stop'),
    'data: [DONE]\n\n',
  ].join('');
}

/** `text` cut before the first of `stops`, as a server honouring stop sequences does. */
export function cutAtStops(text: string, stops: readonly string[] = []): string {
  let cut = text.length;
  for (const stop of stops) {
    const at = stop === '' ? -1 : text.indexOf(stop);
    if (at !== -1 && at < cut) cut = at;
  }
  return text.slice(0, cut);
}
