import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromServer, ServedRequest, ServerConfig, ToServer } from './serverProtocol';

/** The main thread's handle on the server thread (serverWorker.ts). */
export class BenchServer {
  private readonly cursor: Int32Array;

  private constructor(
    private readonly worker: Worker,
    shared: SharedArrayBuffer,
    /** Base URL including `/v1`. */
    readonly url: string,
  ) {
    this.cursor = new Int32Array(shared);
  }

  static async start(config: Omit<ServerConfig, 'cursor'>): Promise<BenchServer> {
    const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    // esbuild compiles bench/serverWorker.ts next to this file's output (out/bench/).
    const worker = new Worker(path.join(__dirname, 'serverWorker.js'), {
      workerData: { ...config, cursor: shared } satisfies ServerConfig,
    });
    const ready = await nextMessage(worker, 'ready');
    return new BenchServer(worker, shared, ready.url);
  }

  /** Tells the server where the user's cursor is now (called on every keystroke). */
  setCursor(fileIndex: number, offset: number): void {
    Atomics.store(this.cursor, 0, fileIndex);
    Atomics.store(this.cursor, 1, offset);
  }

  /** Every request served so far, with what was streamed and whether it was aborted. */
  async requests(): Promise<readonly ServedRequest[]> {
    const answer = nextMessage(this.worker, 'summary');
    this.send({ type: 'summary' });
    return (await answer).requests;
  }

  async close(): Promise<void> {
    const closed = nextMessage(this.worker, 'closed');
    this.send({ type: 'close' });
    await closed;
    await this.worker.terminate();
  }

  private send(message: ToServer): void {
    this.worker.postMessage(message);
  }
}

function nextMessage<T extends FromServer['type']>(
  worker: Worker,
  type: T,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromServer) => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(message as Extract<FromServer, { type: T }>);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}
