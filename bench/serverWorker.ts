/**
 * Worker-thread entry: the project's TestServer answering every completion request with the
 * true continuation of the file being typed, so that when the user keeps typing, they type
 * exactly what the ghost text showed (see serverProtocol.ts for why this is a thread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { splitText, TestServer, type RecordedRequest } from '../test/support/server';
import { cutAtStops } from './fakeFetch';
import type { FromServer, ServedRequest, ServerConfig, ToServer } from './serverProtocol';

const config = workerData as ServerConfig;
const cursor = new Int32Array(config.cursor);
const epoch = BigInt(config.epoch);

interface Served {
  readonly recorded: RecordedRequest;
  readonly fileIndex: number;
  readonly cursor: number;
  readonly arrivedMs: number;
  readonly stop: string[];
  readonly chunks: string[];
  /** Real ms since the epoch at which each text event was written. */
  readonly textAt: number[];
}

const served: Served[] = [];

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serverWorker must run in a worker thread');
  const server = await TestServer.start();
  server.reply((recorded) => reply(recorded));
  port.on('message', (message: ToServer) => {
    if (message.type === 'summary') {
      post({ type: 'summary', requests: served.map(summarise) });
    } else {
      void server.close().then(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  post({ type: 'ready', url: server.url });
}

function post(message: FromServer): void {
  parentPort?.postMessage(message);
}

const now = () => Number(process.hrtime.bigint() - epoch) / 1e6;

function reply(recorded: RecordedRequest) {
  const arrivedMs = now();
  const fileIndex = Atomics.load(cursor, 0);
  const typedTo = Atomics.load(cursor, 1);
  const text = config.texts[fileIndex] ?? '';
  const prompt: unknown = recorded.body?.prompt;
  const stop = stopsOf(recorded.body?.stop);
  const at = typeof prompt === 'string' ? locateCursor(prompt, text, typedTo) : -1;
  // Honour stops the way real servers do (cut before the first one) so the chunks recorded
  // here are exactly what goes on the wire.
  const continuation =
    at === -1 ? '' : cutAtStops(text.slice(at, at + config.continuationChars), stop);
  const chunks = splitText(continuation);
  const textAt = stampTextEvents(recorded);
  served.push({ recorded, fileIndex, cursor: at, arrivedMs, stop, chunks, textAt });
  return {
    chunks,
    firstTokenDelayMs: config.firstTokenDelayMs,
    tokenDelayMs: config.tokenDelayMs,
  };
}

/**
 * Where in `text` the prompt's cursor is. The prompt ends with the text before the cursor
 * (after a header we do not parse, so prompt format changes do not break the benchmark). The
 * request may arrive a keystroke or two after it was built, so search back from where the
 * user is now; 200 characters of context make a false match practically impossible.
 */
function locateCursor(prompt: string, text: string, typedTo: number): number {
  const floor = Math.max(0, typedTo - 2000);
  for (let at = typedTo; at >= floor; at--) {
    if (prompt.endsWith(text.slice(Math.max(0, at - 200), at))) return at;
  }
  return -1;
}

/**
 * The test server counts each text event it writes (`eventsSent++`); turning that field into
 * an accessor timestamps every write without changing the server, so the report can say what
 * pace the server really kept (timers fire late by a fraction of a millisecond, which matters
 * once delays are compressed to a few milliseconds).
 */
function stampTextEvents(recorded: RecordedRequest): number[] {
  const textAt: number[] = [];
  let count = recorded.eventsSent;
  Object.defineProperty(recorded, 'eventsSent', {
    get: () => count,
    set: (value: number) => {
      count = value;
      textAt.push(now());
    },
  });
  return textAt;
}

function stopsOf(stop: unknown): string[] {
  const list: unknown[] = Array.isArray(stop) ? stop : [stop];
  return list.filter((s): s is string => typeof s === 'string' && s !== '');
}

function summarise(entry: Served): ServedRequest {
  const sent = entry.chunks.slice(0, entry.recorded.eventsSent);
  return {
    fileIndex: entry.fileIndex,
    cursor: entry.cursor,
    arrivedMs: entry.arrivedMs,
    stop: entry.stop,
    charsPlanned: entry.chunks.reduce((n, chunk) => n + chunk.length, 0),
    charsSent: sent.reduce((n, chunk) => n + chunk.length, 0),
    aborted: entry.recorded.aborted,
    textAt: entry.textAt,
  };
}

void main();
