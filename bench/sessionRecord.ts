/**
 * What the typing session (typingSession.ts) records and the analysis (typingAnalysis.ts) reads:
 * the data between the two, in a file of its own so neither imports the other.
 */
import type { EngineMetrics } from '../src/core/metrics';
import type { CorpusFile } from './corpus';
import type { GhostText } from './ghostText';
import type { ServedRequest } from './serverProtocol';
import type { Keystroke, PauseReason, typingModel } from './typist';

export interface SessionOptions {
  readonly seed: number;
  /** All delays are divided by this; results are reported multiplied back. */
  readonly compression: number;
  /** Uncompressed ms: the engine's debounce and the server's pace (issue 4: 150 and 15). */
  readonly debounceMs: number;
  readonly firstTokenMs: number;
  readonly tokenMs: number;
  /** Characters of true continuation the server offers per request. */
  readonly continuationChars: number;
  /** The session refuses to report on fewer keystrokes than this (issue 4: 5,000). */
  readonly minKeystrokes: number;
}

/** What happened at one keystroke. Times are real (compressed) ms since the session epoch. */
export interface KeystrokeRecord {
  readonly fileIndex: number;
  /** Cursor offset in the file after the keystroke. */
  readonly end: number;
  readonly plannedMs: number;
  readonly atMs: number;
  readonly pauseMs: number;
  readonly pauseReason: PauseReason | undefined;
  /** The user typed the start of the ghost text that was on screen. */
  readonly throughShown: boolean;
  /** The engine answered from its cache (decided synchronously inside `complete`). */
  fromCache: boolean;
  /** shown: ghost text; empty: the engine had nothing to show; cancelled: the next keystroke came first. */
  outcome: 'pending' | 'shown' | 'empty' | 'cancelled' | 'failed';
  settledMs?: number;
  /** Refresh calls made at this spot while its stream ran (the extension asking VS Code again). */
  refreshes: number;
}

/** What the typing session recorded (times in real, compressed milliseconds). */
export interface SessionData {
  readonly options: SessionOptions;
  readonly files: readonly CorpusFile[];
  readonly plans: readonly (readonly Keystroke[])[];
  readonly records: readonly KeystrokeRecord[];
  readonly served: readonly ServedRequest[];
  readonly ghosts: readonly GhostText[];
  readonly metrics: ReturnType<EngineMetrics['snapshot']>;
  readonly realDurationMs: number;
  readonly typingModel: typeof typingModel;
}
