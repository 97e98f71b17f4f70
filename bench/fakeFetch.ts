import { splitText } from '../test/support/server';

/**
 * A `fetch` that answers at once with a prebuilt event stream, shaped like the test server's
 * (OpenAI framing: text chunks, a finish chunk, `[DONE]`). With it the engine does all of its
 * own work (prompt, request body, SSE parsing, stops, post-processing, cache) and no waiting.
 *
 * `textFor` picks the completion per request from the request body (parsed JSON).
 */
export function fakeFetch(
  textFor: (body: { prompt: string; stop?: string[] }) => string,
): typeof fetch {
  return async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { prompt: string; stop?: string[] };
    return new Response(eventStream(textFor(body)), {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    });
  };
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
