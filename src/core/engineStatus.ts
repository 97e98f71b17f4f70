import type { ApiError } from './api/errors';

/** What the status bar shows about the engine. */
export type EngineState =
  | { readonly kind: 'ready' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'noKey'; readonly host: string }
  | {
      readonly kind: 'error';
      readonly message: string;
      readonly error?: ApiError;
      /** While backing off: when automatic requests resume (epoch ms). */
      readonly retryAt?: number;
    };

/**
 * The engine's state as the status bar sees it: `loading` while any request runs, otherwise
 * the outcome of the last one that finished (an abort keeps the one before). Listeners hear
 * each change once.
 */
export class EngineStatus {
  private readonly listeners = new Set<(state: EngineState) => void>();
  private loading = 0;
  /** The outcome of the last finished request, shown whenever nothing is loading. */
  private settled: EngineState = { kind: 'ready' };
  private shown: EngineState = { kind: 'ready' };

  get current(): EngineState {
    return this.shown;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (state: EngineState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  requestStarted(): void {
    this.loading++;
    this.emit({ kind: 'loading' });
  }

  /** `outcome` undefined (an abort) keeps the previous outcome. */
  requestEnded(outcome: EngineState | undefined): void {
    this.loading--;
    this.settle(outcome ?? this.settled);
  }

  /** A new outcome, shown at once unless a request is loading. */
  settle(state: EngineState): void {
    this.settled = state;
    if (this.loading === 0) this.emit(state);
  }

  private emit(state: EngineState): void {
    if (sameState(state, this.shown)) return;
    this.shown = state;
    for (const listener of this.listeners) listener(state);
  }
}

function sameState(a: EngineState, b: EngineState): boolean {
  return (
    a.kind === b.kind && (a.kind !== 'error' || (b.kind === 'error' && a.message === b.message))
  );
}
