/**
 * `reader.read()`, or a rejection with the signal's reason as soon as the signal aborts.
 *
 * The platform fetch errors the body when its signal aborts, but not every fetch a caller may
 * inject does; without this, a body that never sends again would hold a read open past every
 * timer.
 */
export function readUnlessAborted<T>(
  reader: ReadableStreamDefaultReader<T>,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<T>> {
  if (!signal) return reader.read();
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
