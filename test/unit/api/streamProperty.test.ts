// The stream path as a property (issue 3, servers.md §2.1–2.2): however the bytes of a reply
// are split into reads (inside `data:`, inside a multi-byte UTF-8 character, between CR and
// LF), streamCompletion yields the same pieces and ends the same way as with one read.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { streamCompletion } from '../../../src/core/api/completions';
import { ApiError } from '../../../src/core/api/errors';
import {
  SERVER_STYLES,
  dialectFor,
  frameOf,
  type CompletionPlan,
  type ServerStyle,
  type StreamItem,
} from '../../support/dialects';
import { utf8Cuts } from '../../support/scenarios';
import { splitText } from '../../support/server';
import { fakeRequest } from '../../support/fakeRequest';

const REQUEST = fakeRequest('sk-property-secret', { maxTokens: 64 });

const encoder = new TextEncoder();

/** One reply, as a server of `style` would write it, and how it ends. */
interface Stream {
  readonly style: ServerStyle;
  readonly text: string;
  readonly pieceSize: number;
  readonly lineEnding: '\n' | '\r\n' | '\r';
  readonly keepAlives: boolean;
  readonly ending: 'complete' | 'midStreamError' | 'cut';
  /** Text events before the error or the cut. */
  readonly after: number;
}

function plan(stream: Stream): CompletionPlan {
  return {
    pieces: splitText(stream.text, stream.pieceSize),
    finishReason: 'length',
    stoppedAt: undefined,
    model: 'm',
    promptTokens: 1,
    includeUsage: true,
    serial: 1,
    created: 1_700_000_000,
    serverStarted: 1_700_000_000,
  };
}

/** The bytes of the whole reply. */
function bytesOf(stream: Stream): Uint8Array {
  const dialect = dialectFor(stream.style);
  const completion = plan(stream);
  const all = dialect.events(completion);
  let items: StreamItem[] = all;
  if (stream.ending !== 'complete') {
    let textEvents = 0;
    const at = all.findIndex((item) => {
      if ('comment' in item) return false;
      if (textEvents >= stream.after) return true;
      if (item.text) textEvents++;
      return false;
    });
    items = at < 0 ? all : all.slice(0, at);
    if (stream.ending === 'midStreamError') items.push(...dialect.midStreamError(completion));
  }
  const text = items
    .flatMap((item) =>
      stream.keepAlives
        ? [frameOf(dialect, { comment: dialect.keepAlive }), frameOf(dialect, item)]
        : [frameOf(dialect, item)],
    )
    .join('')
    .replace(/\n/g, stream.lineEnding);
  return encoder.encode(text);
}

/** Offsets worth cutting at: inside multi-byte characters and between CR and LF. */
function awkwardOffsets(bytes: Uint8Array): number[] {
  const between: number[] = [];
  bytes.forEach((byte, i) => {
    if (byte === 0x0a && bytes[i - 1] === 0x0d) between.push(i);
  });
  return [...utf8Cuts(bytes), ...between];
}

/** `bytes` cut at the chosen offsets, as separate reads. */
function split(bytes: Uint8Array, picks: readonly [boolean, number][]): Uint8Array[] {
  const awkward = awkwardOffsets(bytes);
  const offsets = new Set<number>();
  for (const [preferAwkward, n] of picks) {
    if (preferAwkward && awkward.length > 0) offsets.add(awkward[n % awkward.length] ?? 0);
    else if (bytes.length > 1) offsets.add(1 + (n % (bytes.length - 1)));
  }
  const cuts = [...offsets].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const end of [...cuts, bytes.length]) {
    parts.push(bytes.subarray(start, end));
    start = end;
  }
  return parts;
}

/** What a run gave: the pieces yielded, and the outcome or the error (kind, message, status). */
async function run(style: ServerStyle, parts: readonly Uint8Array[]): Promise<unknown> {
  const fetchParts: typeof fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
      { headers: { 'content-type': dialectFor(style).streamHeaders['content-type'] ?? '' } },
    );
  const pieces: string[] = [];
  try {
    const stream = streamCompletion(REQUEST, new AbortController().signal, { fetch: fetchParts });
    for (;;) {
      const next = await stream.next();
      if (next.done) return { pieces, outcome: next.value };
      pieces.push(next.value);
    }
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
    return { pieces, error: { kind: e.kind, message: e.message, status: e.status } };
  }
}

const streams: fc.Arbitrary<Stream> = fc.record({
  style: fc.constantFrom(...SERVER_STYLES),
  // Graphemes cover multi-byte and astral characters, combining marks, CR and LF in the text.
  text: fc.string({ unit: 'grapheme', maxLength: 24 }),
  pieceSize: fc.integer({ min: 1, max: 6 }),
  lineEnding: fc.constantFrom<Stream['lineEnding']>('\n', '\r\n', '\r'),
  keepAlives: fc.boolean(),
  ending: fc.constantFrom<Stream['ending']>('complete', 'midStreamError', 'cut'),
  after: fc.integer({ min: 0, max: 4 }),
});

const picks = fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 40 });

describe('the stream path, as a property', () => {
  it('any split of the bytes gives the same pieces and the same end as one read', async function () {
    this.timeout(60_000); // hundreds of streams on a loaded machine
    await fc.assert(
      fc.asyncProperty(streams, picks, async (stream, chosen) => {
        const bytes = bytesOf(stream);
        const whole = await run(stream.style, [bytes]);
        const parts = split(bytes, chosen);
        assert.deepEqual(await run(stream.style, parts), whole);
      }),
      { numRuns: 300 },
    );
  });

  it('one byte per read too, and a complete stream gives back exactly its text', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(
        streams.filter((s) => s.ending === 'complete' && s.style !== 'llamacppNative'),
        async (stream) => {
          const bytes = bytesOf(stream);
          const whole = (await run(stream.style, [bytes])) as { pieces: string[] };
          // Anchors the property: the unsplit stream itself is read right.
          assert.equal(whole.pieces.join(''), stream.text);
          const bytewise = Array.from(bytes, (byte) => Uint8Array.of(byte));
          assert.deepEqual(await run(stream.style, bytewise), whole);
        },
      ),
      { numRuns: 60 },
    );
  });
});
