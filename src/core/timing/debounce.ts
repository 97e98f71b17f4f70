/**
 * Waits `ms` unless `signal` aborts first. VS Code cancels the previous provider call on every
 * keystroke, so waiting on the call's own signal is a debounce: only a pause of `ms` survives
 * to send a request. Resolves `true` when the wait completed, `false` when it was cancelled.
 */
export function debounce(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
