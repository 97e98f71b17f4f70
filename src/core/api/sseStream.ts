import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { readUnlessAborted } from './abortableRead';
import { ResponseTooLargeError } from './responseLimit';

/** A single event larger than this is not a completion chunk; we stop rather than buffer it. */
export const MAX_EVENT_CHARS = 4 * 1024 * 1024;

/** Options of {@link readSseEvents}. */
export interface SseReadOptions {
  /**
   * Called with each line that is not an SSE field (no `data:`, `event:`, `id:`, `retry:` or
   * comment). Such lines mean the body is not an event stream at all, e.g. a JSON error sent
   * with the wrong Content-Type; the caller decides what that means.
   */
  readonly onStrayLine?: (line: string) => void;
  /** Stop with a {@link ResponseTooLargeError} once the body passes this many bytes. */
  readonly maxBytes?: number;
  /** Stop reading, rejecting with its reason, when this aborts. */
  readonly signal?: AbortSignal;
}

/**
 * Reads Server-Sent Events from a byte stream, as networks deliver them (servers.md §2.1–2.5):
 * reads split anywhere, including inside a UTF-8 character (one streaming `TextDecoder`);
 * LF, CR and CRLF line endings; `data:` with or without the space; comments and unknown
 * fields ignored; multi-line data joined with `\n`; and a last event without its blank line
 * (or without any newline) still delivered at EOF.
 *
 * Yields each event as it completes. Ending the iteration early cancels the body.
 *
 * @throws Error when one event exceeds {@link MAX_EVENT_CHARS}; {@link ResponseTooLargeError}
 *   when the body passes `options.maxBytes`.
 */
export async function* readSseEvents(
  body: ReadableStream<Uint8Array>,
  options: SseReadOptions = {},
): AsyncGenerator<EventSourceMessage, void> {
  const { onStrayLine = () => undefined, maxBytes = Number.POSITIVE_INFINITY } = options;
  const ready: EventSourceMessage[] = [];
  let overflow: Error | undefined;
  const parser = createParser({
    maxBufferSize: MAX_EVENT_CHARS,
    onEvent: (event) => ready.push(event),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') overflow = error;
      else if (error.type === 'unknown-field') onStrayLine(error.line ?? '');
    },
  });
  const feed = function* (text: string): Generator<EventSourceMessage> {
    parser.feed(text);
    if (overflow) throw overflow;
    yield* ready.splice(0);
  };

  const decoder = new TextDecoder();
  const reader = body.getReader();
  let received = 0;
  let done = false;
  try {
    for (;;) {
      const read = await readUnlessAborted(reader, options.signal);
      if (read.done) break;
      received += read.value.byteLength;
      if (received > maxBytes) throw new ResponseTooLargeError(maxBytes);
      yield* feed(decoder.decode(read.value, { stream: true }));
    }
    done = true;
    // `parser.reset({ consume: true })` parses a pending line but drops the pending event, so
    // end the stream the way a well-behaved server would: with a blank line.
    yield* feed(`${decoder.decode()}\n\n`);
  } finally {
    if (!done) reader.cancel().catch(() => undefined);
  }
}
