/**
 * The garbage collector's pauses on the main thread while a measurement runs (perf_hooks 'gc'
 * entries), so a slow sample can be told apart from a slow code path: a scavenge stops the
 * thread for a millisecond or more on this machine, and whichever call it lands in pays for it.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';

/** One pause, in `performance.now()` milliseconds. */
export interface GcPause {
  readonly start: number;
  readonly end: number;
}

export class GcPauses {
  private readonly pauses: GcPause[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  });

  /** Starts recording; call {@link stop} when the measurement ends. */
  static start(): GcPauses {
    const recorder = new GcPauses();
    recorder.observer.observe({ entryTypes: ['gc'] });
    return recorder;
  }

  /** Stops recording once the entries still queued have arrived; returns every pause seen. */
  async stop(): Promise<readonly GcPause[]> {
    // Entries reach the observer asynchronously, a little after the pause.
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.observer.disconnect();
    return this.pauses;
  }
}

/** True when a pause overlaps the window `start`..`end` (`performance.now()` milliseconds). */
export function pausedDuring(pauses: readonly GcPause[], start: number, end: number): boolean {
  return pauses.some((pause) => pause.start < end && pause.end > start);
}

/** The current `performance.now()`, the clock GC entries use. */
export const now = (): number => performance.now();
