/**
 * Counters of what the engine did, kept in memory only (never on disk): the numbers behind
 * "fewer wasted requests". The benchmark reads them, and so does the stats command.
 */
export class EngineMetrics {
  /** HTTP requests sent. */
  requestsStarted = 0;
  /** Positions answered by joining a request already in flight instead of sending one. */
  requestsJoined = 0;
  /** Requests aborted before they finished (superseded, abandoned, or cut early on purpose). */
  requestsAborted = 0;
  /** Positions answered from the cache with no request. */
  cacheHits = 0;
  /** Characters the server streamed to us (before stops and post-processing). */
  charsReceived = 0;
  /** Characters of ghost text handed to the editor from the network (cache re-shows not counted). */
  charsShown = 0;
  /** Characters of ghost text the user accepted whole (Tab). */
  charsAccepted = 0;
  /** Suggestions accepted whole. */
  accepted = 0;
  /** How long `activate()` took, in milliseconds (set once by the extension). */
  activationMs: number | undefined;
  /** Milliseconds from the call to the answer, for answers that needed the network. */
  readonly latenciesMs: number[] = [];

  /** Remembers a latency sample; keeps only the newest 1,000 so memory stays flat. */
  recordLatency(ms: number): void {
    this.latenciesMs.push(ms);
    if (this.latenciesMs.length > 1000) this.latenciesMs.shift();
  }

  /** A plain copy for printing and JSON. */
  snapshot() {
    return {
      activationMs: this.activationMs,
      requestsStarted: this.requestsStarted,
      requestsJoined: this.requestsJoined,
      requestsAborted: this.requestsAborted,
      cacheHits: this.cacheHits,
      charsReceived: this.charsReceived,
      charsShown: this.charsShown,
      accepted: this.accepted,
      charsAccepted: this.charsAccepted,
      latencyP50Ms: percentile(this.latenciesMs, 0.5),
      latencyP90Ms: percentile(this.latenciesMs, 0.9),
    };
  }
}

/** The `p` quantile (0..1) of the samples, or undefined when there are none. */
function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
