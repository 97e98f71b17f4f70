/**
 * Part 2: the extension's own time per completion, with no network waiting: the adapter's
 * text reading (the real src/core/cursorText.ts on a document stored as VS Code stores it), then
 * `engine.complete` with a `fetch` that answers at once, which covers the cache lookup,
 * prompt building, request body, SSE parsing, stops and post-processing.
 *
 * A slow call is slow for one of three reasons, and each is measured apart: the OS ran another
 * process (the thread's run-queue wait, runQueue.ts, subtracted to give the "own" time the
 * targets use), a garbage-collection pause fell into it (gcPauses.ts), or the code was slow.
 */
import { buildPrompt } from '../src/core/prompt/buildPrompt';
import { syntheticDocument } from './corpus';
import { benchSettings, newEngine } from './engineFactory';
import { fakeFetch } from './fakeFetch';
import { GcPauses, now, pausedDuring, type GcPause } from './gcPauses';
import { adapterText, LineDocument } from './lineDocument';
import { Random } from './random';
import { Position } from './position';
import { runQueueWaitMs } from './runQueue';
import { msSince, quantile, round } from './stats';

export interface OverheadOptions {
  readonly seed: number;
  /** Document sizes in lines, smallest first (the ratio is largest / smallest). */
  readonly sizes: readonly number[];
  /** How many completions to measure per size. */
  readonly samples: (lines: number) => OverheadSamples;
}

export interface OverheadSamples {
  readonly warmUp: number;
  /** Typing samples: one miss and one cache hit each. */
  readonly typing: number;
  /** Cursor moves without an edit. */
  readonly moving: number;
}

/** What the fake server answers: one ordinary line of code. */
const completion = 'this.emit(constants.EVENT_RUN_END, { ok: true });';

export async function measureOverhead(options: OverheadOptions) {
  const random = new Random(options.seed);
  const sizes = [];
  for (const lines of options.sizes) {
    sizes.push(await measureSize(lines, options.samples(lines), random));
  }
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  const ratio = (a: number | null | undefined, b: number | null | undefined) =>
    a && b ? round(b / a, 2) : null;
  return {
    sizes,
    ratioP50: ratio(first?.typing.miss.own.p50Ms, last?.typing.miss.own.p50Ms),
    ratioP99: ratio(first?.typing.miss.own.p99Ms, last?.typing.miss.own.p99Ms),
    cpuRatioP50: ratio(first?.typing.miss.cpu.p50Ms, last?.typing.miss.cpu.p50Ms),
    floor: await noiseFloor(),
  };
}

/**
 * Two scenarios per size. Typing: the user types a character somewhere (the document changes,
 * so the position is new: a cache miss through the whole pipeline), then types the first
 * character of the ghost text (answered from the cache). Moving: the cursor moves to other
 * places without editing, each a miss in an unchanged document.
 */
async function measureSize(lines: number, samples: OverheadSamples, random: Random) {
  const doc = new LineDocument(syntheticDocument(lines));
  const chars = doc.length;
  const engine = newEngine(benchSettings('http://127.0.0.1:9/v1', 0), fakeFetch(completion));
  const miss = new Timings();
  const hit = new Timings();
  const moved = new Timings();
  const prompt: number[] = [];
  // A sample that was not what it was meant to be (say a "miss" the cache could answer,
  // because a random position met an earlier one) is counted here, not timed.
  let unexpected = 0;
  const keep = (into: Timings, call: CallTimes, wantHit: boolean, measured: boolean) => {
    if (!measured) return;
    if (call.shown && call.fromCache === wantHit) into.add(call);
    else unexpected++;
  };

  const gc = GcPauses.start();
  for (let i = 0; i < samples.warmUp + samples.typing; i++) {
    const measured = i >= samples.warmUp;
    const at = doc.insert(randomCursor(doc, random), 'x');
    keep(miss, await completeAt(engine, doc, at), false, measured);
    const typedTo = doc.insert(at, completion.charAt(0));
    keep(hit, await completeAt(engine, doc, typedTo), true, measured);
  }
  for (let i = 0; i < samples.moving; i++) {
    keep(moved, await completeAt(engine, doc, randomCursor(doc, random)), false, true);
  }
  const pauses = await gc.stop();
  // buildPrompt alone (it also ran inside every miss), to show where the time goes. Measured
  // apart: between the samples above, its garbage would bring collections into their calls.
  for (let i = 0; i < samples.typing; i++) {
    const { prefix, suffix } = adapterText(doc, randomCursor(doc, random));
    const start = process.hrtime.bigint();
    buildPrompt({ prefix, suffix, languageId: 'typescript', relativePath: 'src/big.ts' });
    prompt.push(msSince(start));
  }
  return {
    lines,
    chars,
    samples,
    typing: { miss: miss.summary(pauses), hit: hit.summary(pauses) },
    moving: moved.summary(pauses),
    buildPrompt: { p50Ms: r3(quantile(prompt, 0.5)), p99Ms: r3(quantile(prompt, 0.99)) },
    gc: gcSummary(pauses),
    /** Samples left out: no ghost text, or a cache hit where a miss was meant, or vice versa. */
    unexpected,
  };
}

/** How often and how long the collector stopped the thread while one size was measured. */
function gcSummary(pauses: readonly GcPause[]) {
  const durations = pauses.map((pause) => pause.end - pause.start);
  return {
    pauses: pauses.length,
    p50Ms: r3(quantile(durations, 0.5)),
    maxMs: r3(quantile(durations, 1)),
  };
}

interface CallTimes {
  /** When the call started and ended, in `performance.now()` ms (the clock of GC entries). */
  readonly start: number;
  readonly end: number;
  readonly adapterMs: number;
  readonly engineMs: number;
  /** How long the OS let the thread wait for a CPU during the call (0 where unknown). */
  readonly waitMs: number;
  /**
   * CPU time of the process during the call: not inflated when the OS runs other processes,
   * but it includes V8's background threads (compiler, concurrent GC).
   */
  readonly cpuMs: number;
  readonly shown: boolean;
  readonly fromCache: boolean;
}

async function completeAt(
  engine: ReturnType<typeof newEngine>,
  doc: LineDocument,
  cursor: Position,
): Promise<CallTimes> {
  const hitsBefore = engine.metrics.cacheHits;
  const waitBefore = runQueueWaitMs();
  const cpuBefore = process.cpuUsage();
  const start = now();
  const text = adapterText(doc, cursor);
  const engineStart = now();
  const result = await engine.complete(
    { ...text, languageId: 'typescript', relativePath: 'src/big.ts', trigger: 'automatic' },
    new AbortController().signal,
  );
  const end = now();
  const cpu = process.cpuUsage(cpuBefore);
  const waitAfter = runQueueWaitMs();
  return {
    start,
    end,
    adapterMs: engineStart - start,
    engineMs: end - engineStart,
    waitMs: waitBefore === undefined || waitAfter === undefined ? 0 : waitAfter - waitBefore,
    cpuMs: (cpu.user + cpu.system) / 1000,
    shown: result !== undefined,
    fromCache: engine.metrics.cacheHits > hitsBefore,
  };
}

/**
 * The same measurement around an async call that does almost nothing: what this machine adds
 * by itself (timer resolution, the OS running other processes, the event loop's own work).
 */
async function noiseFloor() {
  const samples: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const start = process.hrtime.bigint();
    await Promise.resolve(i);
    samples.push(msSince(start));
  }
  const us = (value: number | undefined) => (value === undefined ? null : round(value * 1000, 1));
  return { p50Us: us(quantile(samples, 0.5)), p99Us: us(quantile(samples, 0.99)) };
}

/** The middle of a random non-empty line: mid-line, so the engine asks for a single line. */
function randomCursor(doc: LineDocument, random: Random): Position {
  for (;;) {
    const line = random.below(doc.lineCount);
    const length = doc.lineAt(line).text.length;
    if (length >= 2) return new Position(line, Math.floor(length / 2));
  }
}

class Timings {
  private readonly calls: CallTimes[] = [];

  add(t: CallTimes): void {
    this.calls.push(t);
  }

  /** p50/p99 of each part; `pauses` tells which calls a garbage collection ran in. */
  summary(pauses: readonly GcPause[]) {
    const pair = (samples: number[]) => ({
      p50Ms: r3(quantile(samples, 0.5)),
      p99Ms: r3(quantile(samples, 0.99)),
    });
    const total = (t: CallTimes) => t.adapterMs + t.engineMs;
    const own = (t: CallTimes) => Math.max(0, total(t) - t.waitMs);
    const undisturbed = this.calls.filter((t) => !pausedDuring(pauses, t.start, t.end));
    return {
      adapter: pair(this.calls.map((t) => t.adapterMs)),
      engine: pair(this.calls.map((t) => t.engineMs)),
      /** Wall time of adapter + engine. */
      total: pair(this.calls.map(total)),
      /** Wall time minus the time the OS kept the thread waiting for a CPU. */
      own: pair(this.calls.map(own)),
      /** Calls the OS held up by more than 0.1 ms. */
      osWaitCalls: this.calls.filter((t) => t.waitMs > 0.1).length,
      cpu: pair(this.calls.map((t) => t.cpuMs)),
      /** Calls a garbage-collection pause fell into, and the own time of the others. */
      gcCalls: this.calls.length - undisturbed.length,
      withoutGc: pair(undisturbed.map(own)),
    };
  }
}

function r3(value: number | undefined): number | null {
  return value === undefined ? null : round(value, 3);
}
