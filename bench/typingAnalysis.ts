import { completionMode } from '../src/core/completionMode';
import { splitText } from '../test/support/server';
import type { ServedRequest } from './serverProtocol';
import type { KeystrokeRecord, SessionData } from './sessionRecord';
import { per100, quantile, round } from './stats';

export type TypingResult = ReturnType<typeof analyseSession>;

/** Turns the raw records of a session into the numbers the report prints. */
export function analyseSession(data: SessionData) {
  const { options, records, served, metrics } = data;
  const c = options.compression;
  const keystrokes = records.length;
  const recordAt = indexRecords(records);
  const requestAt = (s: ServedRequest) => recordAt.get(`${s.fileIndex}:${s.cursor}`);

  const pauses = records.filter((r) => r.pauseMs > 0);
  const charsGenerated = sum(served.map((s) => s.charsSent));
  const charsShown = sum(data.ghosts.map((g) => g.charsEverShown));
  const throughKeystrokes = records.filter((r) => r.throughShown).length;
  const throughRequests = served.filter((s) => requestAt(s)?.throughShown === true).length;
  const atPauses = served.filter((s) => (requestAt(s)?.pauseMs ?? 0) > 0).length;
  const serverAborted = served.filter((s) => s.aborted).length;
  const pace = measuredPace(data);

  return {
    seed: options.seed,
    compression: c,
    settings: {
      debounceMs: options.debounceMs,
      firstTokenMs: options.firstTokenMs,
      tokenMs: options.tokenMs,
      continuationChars: options.continuationChars,
      typing: data.typingModel,
    },
    files: data.files.map((file, i) => ({
      source: file.source,
      languageId: file.languageId,
      charsTyped: file.end - file.start,
      keystrokes: data.plans[i]?.length ?? 0,
    })),
    keystrokes,
    pauses: pauses.length,
    simulatedDurationMs: round(data.realDurationMs * c, 0),
    realDurationMs: round(data.realDurationMs, 0),
    totals: {
      requestsStarted: metrics.requestsStarted,
      requestsAtServer: served.length,
      requestsJoined: metrics.requestsJoined,
      requestsAbortedAtServer: serverAborted,
      requestsAbortedByEngine: metrics.requestsAborted,
      cacheHits: metrics.cacheHits,
      charsGenerated,
      charsShown,
      charsReceivedByEngine: metrics.charsReceived,
      ghostCharsDisplayedSum: metrics.charsShown,
    },
    per100Keystrokes: {
      requestsStarted: per100(metrics.requestsStarted, keystrokes),
      requestsJoined: per100(metrics.requestsJoined, keystrokes),
      requestsAborted: per100(serverAborted, keystrokes),
      cacheHits: per100(metrics.cacheHits, keystrokes),
      charsGenerated: per100(charsGenerated, keystrokes),
      charsShown: per100(charsShown, keystrokes),
      tokensGenerated: per100(charsGenerated / 4, keystrokes),
      tokensShown: per100(charsShown / 4, keystrokes),
    },
    requestsPerPause: pauses.length === 0 ? 0 : round(metrics.requestsStarted / pauses.length, 2),
    requestsAtPauses: atPauses,
    requestsWhileTyping: served.length - atPauses,
    unshownPct:
      charsGenerated === 0 ? 0 : round(100 * Math.max(0, 1 - charsShown / charsGenerated)),
    typingThrough: { keystrokes: throughKeystrokes, requests: throughRequests },
    pauseToGhost: pauseLatency(data, pace),
    pauseToGhostVsServer: serverLimitLatency(data, pace),
    refreshes: sum(records.map((r) => r.refreshes)),
    timing: {
      keystrokeLatenessP50Ms: round((quantile(lateness(records), 0.5) ?? 0) * c),
      keystrokeLatenessP99Ms: round((quantile(lateness(records), 0.99) ?? 0) * c),
      serverFirstTokenMeasuredMs: round(pace.firstTokenMs),
      serverTokenMeasuredMs: round(pace.tokenMs),
    },
    checks: {
      promptsNotLocated: served.filter((s) => s.cursor === -1).length,
      ghostTextsNotMatchingFile: sum(data.ghosts.map((g) => g.mismatches)),
      failedCalls: records.filter((r) => r.outcome === 'failed').length,
    },
  };
}

/** The pace the server actually kept in this run (uncompressed ms), from its write times. */
function measuredPace(data: SessionData) {
  const c = data.options.compression;
  const firstToken: number[] = [];
  const tokenGaps: number[] = [];
  for (const s of data.served) {
    const [first] = s.textAt;
    if (first !== undefined) firstToken.push((first - s.arrivedMs) * c);
    for (let i = 1; i < s.textAt.length; i++) {
      tokenGaps.push(((s.textAt[i] ?? 0) - (s.textAt[i - 1] ?? 0)) * c);
    }
  }
  return {
    firstTokenMs: quantile(firstToken, 0.5) ?? data.options.firstTokenMs,
    tokenMs: quantile(tokenGaps, 0.5) ?? data.options.tokenMs,
  };
}

/**
 * Pause-to-ghost-text: from the keystroke that starts a pause to the ghost text being there.
 * A pause that ended before any ghost text came counts as Infinity (none was seen in that
 * pause); a pause where the engine had nothing to show (say, at a blank line) is counted
 * apart. Each pause gets its own target, because the time to the end of the first line
 * depends on how long that line is; the target uses the pace the server really kept, so the
 * engine is not blamed for the server's timers running late under compression.
 *
 * A pause shorter than its target cannot tell whether the target was met when the ghost text
 * came after it, so the target is judged on the network pauses at least as long as their
 * target. Pause lengths are drawn independently of the engine, so this selects no latencies.
 */
function pauseLatency(data: SessionData, pace: { firstTokenMs: number; tokenMs: number }) {
  const { options, records, served, files } = data;
  const c = options.compression;
  const servedAt = new Map(served.map((s) => [`${s.fileIndex}:${s.cursor}`, s]));
  const all = new Samples();
  const cache = new Samples();
  const network = new Samples();
  const judged = new Samples();
  const singleLine = new Samples();
  const multiLine = new Samples();
  const toRequest: number[] = [];
  const requestToGhost: number[] = [];
  const lastTextToGhost: number[] = [];
  const serverStream: number[] = [];
  const serverFirstLine: number[] = [];
  let empty = 0;
  for (const r of records) {
    if (r.pauseMs === 0) continue;
    if (r.outcome === 'empty' || r.outcome === 'failed') {
      empty++;
      continue;
    }
    const text = files[r.fileIndex]?.text ?? '';
    const tokens = firstLineTokens(text, r.end, options.continuationChars);
    const firstLineMs = pace.firstTokenMs + pace.tokenMs * tokens;
    const budget = options.debounceMs + firstLineMs + 10;
    const shown = r.outcome === 'shown' && r.settledMs !== undefined;
    const latency = shown ? ((r.settledMs ?? 0) - r.atMs) * c : Infinity;
    all.add(latency, budget);
    (r.fromCache ? cache : network).add(latency, budget);
    if (!r.fromCache) {
      // The engine's own rule for this position, so the split matches what it asked for.
      const mode = completionMode(text.slice(0, r.end), '');
      (mode === 'multiLine' ? multiLine : singleLine).add(latency, budget);
      if (r.pauseMs >= budget) judged.add(latency, budget);
    }
    const request = servedAt.get(`${r.fileIndex}:${r.end}`);
    if (shown && !r.fromCache && request !== undefined && request.arrivedMs >= r.atMs) {
      const settled = r.settledMs ?? 0;
      toRequest.push((request.arrivedMs - r.atMs) * c);
      requestToGhost.push((settled - request.arrivedMs) * c);
      const lastText = request.textAt[request.textAt.length - 1];
      if (lastText !== undefined) {
        serverStream.push((lastText - request.arrivedMs) * c);
        lastTextToGhost.push((settled - lastText) * c);
      }
      serverFirstLine.push(firstLineMs);
    }
  }
  return {
    all: all.summary(),
    fromCache: cache.summary(),
    fromNetwork: network.summary(),
    singleLine: singleLine.summary(),
    multiLine: multiLine.summary(),
    /** Network pauses at least as long as their target: where the target is judged. */
    judged: judged.summary(),
    emptyCount: empty,
    /** Pauses answered by a request made at that very position, split at the request. */
    breakdown: {
      samples: toRequest.length,
      keystrokeToRequestP50Ms: q(toRequest, 0.5),
      requestToGhostP50Ms: q(requestToGhost, 0.5),
      /** From the request's arrival to its last text event: the server really streaming. */
      serverStreamP50Ms: q(serverStream, 0.5),
      /** From the last text event of the request to the ghost text: finish event, [DONE], client. */
      lastTextToGhostP50Ms: q(lastTextToGhost, 0.5),
      serverFirstLineP50Ms: q(serverFirstLine, 0.5),
    },
  };
}

/** Pauses of at least this long (uncompressed ms) should show ghost text (issue 11). */
const longPauseMs = 400;
/** How far above the server-side limit the p50 may be (issue 11). */
const clientAllowanceMs = 60;

/**
 * Pause to ghost text against the server-side limit (issue 11): the time to the first token
 * plus the tokens up to the first word the engine can show (a complete word: the character
 * after it has arrived), at the pace the server really kept, with no client wait at all. A
 * network pause is judged when it lasted at least its limit + the allowance (a shorter one
 * cannot show whether the ghost text would have come in time). Also: the share of pauses of
 * 400 ms or more that showed ghost text, over the pauses where the file's true continuation
 * has something to show on its first line (at a blank line the right answer is none).
 */
function serverLimitLatency(data: SessionData, pace: { firstTokenMs: number; tokenMs: number }) {
  const { options, records, files } = data;
  const c = options.compression;
  const network = new Samples();
  const judged = new Samples();
  let longPauses = 0;
  let longShown = 0;
  let longNothingToShow = 0;
  for (const r of records) {
    if (r.pauseMs === 0) continue;
    const text = files[r.fileIndex]?.text ?? '';
    const shown = r.outcome === 'shown' && r.settledMs !== undefined;
    if (r.pauseMs >= longPauseMs) {
      if (firstLineOf(text, r.end, options.continuationChars).trim() === '') longNothingToShow++;
      else {
        longPauses++;
        if (shown) longShown++;
      }
    }
    if (r.fromCache || r.outcome === 'empty' || r.outcome === 'failed') continue;
    const limit =
      pace.firstTokenMs + pace.tokenMs * firstWordTokens(text, r.end, options.continuationChars);
    const latency = shown ? ((r.settledMs ?? 0) - r.atMs) * c : Infinity;
    network.add(latency, limit);
    if (r.pauseMs >= limit + clientAllowanceMs) judged.add(latency, limit);
  }
  return {
    allowanceMs: clientAllowanceMs,
    fromNetwork: network.summary(),
    judged: judged.summary(),
    longPauseMs,
    longPauses,
    longPausesShown: longShown,
    longPausesShownPct: longPauses === 0 ? 0 : round((100 * longShown) / longPauses),
    longPausesNothingToShow: longNothingToShow,
  };
}

/** Latencies of a set of pauses with each pause's own target. */
class Samples {
  private readonly latencies: number[] = [];
  private readonly budgets: number[] = [];
  private readonly excess: number[] = [];

  add(latency: number, budget: number): void {
    this.latencies.push(latency);
    this.budgets.push(budget);
    this.excess.push(latency - budget);
  }

  summary() {
    const n = this.latencies.length;
    return {
      count: n,
      /** Pauses that ended before the ghost text came (counted as Infinity in the quantiles). */
      late: this.latencies.filter((l) => l === Infinity).length,
      p50Ms: q(this.latencies, 0.5),
      p90Ms: q(this.latencies, 0.9),
      targetP50Ms: q(this.budgets, 0.5),
      /** Median of (latency - that pause's target): at most 0 means the target is met. */
      excessP50Ms: q(this.excess, 0.5),
      withinTargetPct: n === 0 ? 0 : round((100 * this.excess.filter((e) => e <= 0).length) / n),
    };
  }
}

/** A quantile for the report: null without samples; Infinity kept (the JSON says "never"). */
function q(samples: readonly number[], p: number): number | null {
  const value = quantile(samples, p);
  return value === undefined ? null : value === Infinity ? Infinity : round(value);
}

/**
 * How many ~4-character tokens the server streams for the first line of the continuation at
 * `offset`, counting the token that ends it (the newline, or the finish event after a stop).
 */
export function firstLineTokens(text: string, offset: number, continuationChars: number): number {
  return splitText(firstLineOf(text, offset, continuationChars)).length;
}

/**
 * How many ~4-character tokens the server streams until the first word of the continuation
 * at `offset` is complete (the character after it has arrived); the whole first line's when
 * no word on it is followed by anything.
 */
export function firstWordTokens(text: string, offset: number, continuationChars: number): number {
  const firstLine = firstLineOf(text, offset, continuationChars);
  const word = /[\p{L}\p{N}_$]+(?=[^\p{L}\p{N}_$])/u.exec(firstLine);
  if (!word) return firstLineTokens(text, offset, continuationChars);
  const needed = word.index + word[0].length + 1;
  let covered = 0;
  let tokens = 0;
  for (const piece of splitText(firstLine)) {
    tokens++;
    covered += piece.length;
    if (covered >= needed) break;
  }
  return tokens;
}

function firstLineOf(text: string, offset: number, continuationChars: number): string {
  const continuation = text.slice(offset, offset + continuationChars);
  const newline = continuation.indexOf('\n');
  return newline === -1 ? continuation : continuation.slice(0, newline);
}

function indexRecords(records: readonly KeystrokeRecord[]): Map<string, KeystrokeRecord> {
  return new Map(records.map((r) => [`${r.fileIndex}:${r.end}`, r]));
}

function lateness(records: readonly KeystrokeRecord[]): number[] {
  return records.map((r) => r.atMs - r.plannedMs);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
