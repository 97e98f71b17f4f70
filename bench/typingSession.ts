/**
 * Part 1: a human typing real files, replayed against the real engine and the project's test
 * server, through the same path the VS Code adapter uses: one `engine.complete` call per
 * keystroke with the text around the cursor read by the adapter's own code (src/core/cursorText.ts),
 * and an AbortSignal that is aborted when the next keystroke arrives (VS Code cancels the
 * provider's token then).
 *
 * A call may be answered before its stream ends with the settled words; the engine then says
 * when asking again at that spot would show more, and the VS Code side (src/inline/
 * ghostTextRefresh.ts) asks again if the cursor has not moved, at most every
 * `refreshSpacingMs`. The session does the same: a `refresh` call at the same spot, cancelled
 * by the next keystroke like any call, whose answer replaces the ghost text (an empty answer
 * hides it). Not modelled: in VS Code the suggestion is blank for the round trip of a refresh.
 *
 * Time is compressed: every delay (keystroke gaps, pauses, the server's delays, the debounce)
 * is divided by `compression`, and measured times are multiplied back, so results read in
 * uncompressed milliseconds. What is NOT compressed is the engine's CPU time (so it weighs
 * `compression` times more than in reality), the orphan grace of a request nobody waits for (a
 * constant in src/core/engine.ts) and the request timeouts (they only fire on failures).
 */
import type { CompletionEngine, CompletionQuery } from '../src/core/engine';
import { refreshSpacingMs } from '../src/core/growingAnswer';
import { BenchServer } from './benchServer';
import { loadCorpus, type CorpusFile } from './corpus';
import { benchSettings, newEngine } from './engineFactory';
import { GhostText } from './ghostText';
import { adapterText, LineDocument } from './lineDocument';
import { Random } from './random';
import { analyseSession, type TypingResult } from './typingAnalysis';
import type { KeystrokeRecord, SessionOptions } from './sessionRecord';
import { planKeystrokes, typingModel, type Keystroke } from './typist';

/** Uncompressed ms the user stays idle after finishing a file, so the last answers arrive. */
const idleAfterFileMs = 2000;

export async function runTypingSession(options: SessionOptions): Promise<TypingResult> {
  const { files, missing } = loadCorpus();
  const random = new Random(options.seed);
  const plans = files.map((file) => planKeystrokes(file, random));
  const keystrokes = plans.reduce((n, plan) => n + plan.length, 0);
  if (keystrokes < options.minKeystrokes) {
    throw new Error(
      `typing corpus has ${keystrokes} keystrokes, fewer than ${options.minKeystrokes}` +
        (missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''),
    );
  }

  const c = options.compression;
  const epoch = process.hrtime.bigint();
  const clock = () => Number(process.hrtime.bigint() - epoch) / 1e6;
  const server = await BenchServer.start({
    texts: files.map((file) => file.text),
    firstTokenDelayMs: options.firstTokenMs / c,
    tokenDelayMs: options.tokenMs / c,
    continuationChars: options.continuationChars,
    epoch: String(epoch),
  });
  try {
    // The request timeout only fires on failure, so it is left uncompressed.
    const settings = benchSettings(server.url, options.debounceMs / c);
    await warmUp(newEngine(settings), server, files);
    const warmUpRequests = (await server.requests()).length;

    const engine = newEngine(settings);
    const records: KeystrokeRecord[] = [];
    const ghosts: GhostText[] = [];
    const started = clock();
    for (const [fileIndex, file] of files.entries()) {
      const ghost = new GhostText(file.text);
      ghosts.push(ghost);
      const plan = plans[fileIndex] ?? [];
      const typist = { engine, server, clock, compression: c, fileIndex, file, ghost };
      records.push(...(await typeFile(typist, plan)));
    }
    const realDurationMs = clock() - started;
    const served = (await server.requests()).slice(warmUpRequests);
    return analyseSession({
      options,
      files,
      plans,
      records,
      served,
      ghosts,
      metrics: engine.metrics.snapshot(),
      realDurationMs,
      typingModel,
    });
  } finally {
    await server.close();
  }
}

interface Typist {
  readonly engine: CompletionEngine;
  readonly server: BenchServer;
  readonly clock: () => number;
  readonly compression: number;
  readonly fileIndex: number;
  readonly file: CorpusFile;
  readonly ghost: GhostText;
}

/** Replays one file's keystrokes on an absolute schedule (lateness does not accumulate). */
async function typeFile(typist: Typist, plan: readonly Keystroke[]): Promise<KeystrokeRecord[]> {
  const { engine, server, clock, compression, fileIndex, file, ghost } = typist;
  const records: KeystrokeRecord[] = [];
  const answers: Promise<void>[] = [];
  let current: AbortController | undefined;
  // What the extension would ask again for: the latest keystroke's spot, once it was answered.
  let answeredAt: { readonly record: KeystrokeRecord; readonly query: CompletionQuery } | undefined;
  // The extension spaces its refreshes (src/inline/ghostTextRefresh.ts): so does the session.
  let lastRefreshMs = -Infinity;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(refreshTimer);
    const wait = lastRefreshMs + refreshSpacingMs / compression - clock();
    if (wait > 0) return void (refreshTimer = setTimeout(refresh, wait));
    const spot = answeredAt;
    if (!spot || spot.record !== records[records.length - 1]) return;
    lastRefreshMs = clock();
    const controller = new AbortController();
    current = controller;
    spot.record.refreshes++;
    answers.push(
      engine.complete({ ...spot.query, trigger: 'refresh' }, controller.signal).then((result) => {
        if (controller.signal.aborted) return;
        if (result) ghost.show(result.text, spot.record.end);
        else ghost.hide();
      }),
    );
  };
  const stopRefreshing = engine.onGrowth(refresh);
  let plannedMs = clock();
  // The document holds the file up to where typing starts; the user writes it top to bottom,
  // so there is nothing after the cursor.
  const doc = new LineDocument(file.text.slice(0, file.start));
  let cursor = doc.end;
  server.setCursor(fileIndex, file.start);
  for (const keystroke of plan) {
    plannedMs += keystroke.gapMs / compression;
    await sleep(plannedMs - clock());
    const atMs = clock();
    // VS Code cancels the previous provider call as soon as the document changes.
    current?.abort();
    cursor = doc.insert(cursor, keystroke.text);
    server.setCursor(fileIndex, keystroke.end);
    const record: KeystrokeRecord = {
      fileIndex,
      end: keystroke.end,
      plannedMs,
      atMs,
      pauseMs: keystroke.pauseMs,
      pauseReason: keystroke.pauseReason,
      throughShown: ghost.type(keystroke.text),
      fromCache: false,
      outcome: 'pending',
      refreshes: 0,
    };
    records.push(record);
    const controller = new AbortController();
    current = controller;
    const hitsBefore = engine.metrics.cacheHits;
    const text = adapterText(doc, cursor);
    if (text.offset !== keystroke.end) throw new Error('typing harness out of step with its plan');
    const query: CompletionQuery = {
      ...text,
      languageId: file.languageId,
      relativePath: file.relativePath,
      trigger: 'automatic',
    };
    const answer = engine.complete(query, controller.signal);
    record.fromCache = engine.metrics.cacheHits > hitsBefore;
    answers.push(
      answer.then(
        (result) => {
          // VS Code drops the answer of a cancelled call, so it never shows.
          if (controller.signal.aborted) return void (record.outcome = 'cancelled');
          record.settledMs = clock();
          answeredAt = { record, query };
          if (!result) return void (record.outcome = 'empty');
          record.outcome = 'shown';
          ghost.show(result.text, keystroke.end);
        },
        () => void (record.outcome = 'failed'),
      ),
    );
  }
  await sleep(idleAfterFileMs / compression);
  current?.abort();
  stopRefreshing();
  clearTimeout(refreshTimer);
  // Refreshes push onto `answers` while earlier ones settle.
  for (let settled = 0; settled < answers.length; settled = answers.length) {
    await Promise.all(answers.slice(settled));
  }
  return records;
}

/**
 * One completion on a throwaway engine, so the first measured keystrokes do not pay for
 * opening the connection and for JIT compilation, which a long-lived extension host has done.
 */
async function warmUp(engine: CompletionEngine, server: BenchServer, files: readonly CorpusFile[]) {
  const file = files[0];
  if (!file) return;
  for (const end of [file.start, file.start + 40, file.start + 80]) {
    server.setCursor(0, end);
    const doc = new LineDocument(file.text.slice(0, end));
    const query = {
      ...adapterText(doc, doc.end),
      languageId: file.languageId,
      relativePath: file.relativePath,
      trigger: 'explicit' as const,
    };
    await engine.complete(query, new AbortController().signal);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
