/** Prints the results as plain-text tables and writes them as JSON under bench/results/. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import type { describeMachine } from './machine';
import { contextSection } from './contextReport';
import type { Results, Target } from './targets';
import { mb, minutes, ms, paragraph, table } from './textTable';

export interface Report extends Results {
  readonly date: string;
  readonly machine: ReturnType<typeof describeMachine>;
  readonly targets: readonly Target[];
  readonly benchDurationMs: number;
}

/**
 * Writes latest.json and a dated copy; returns their paths. Formatted with the project's
 * prettier settings so `prettier --check` stays clean with results in the tree.
 */
export async function writeJson(report: Report): Promise<string[]> {
  const dir = path.resolve(__dirname, '../../bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  const options = (await prettier.resolveConfig(file)) ?? {};
  const json = await prettier.format(JSON.stringify(report, replacer), {
    ...options,
    filepath: file,
  });
  const stamp = report.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const files = [file, path.join(dir, `${stamp}.json`)];
  for (const file of files) fs.writeFileSync(file, json);
  return files;
}

// JSON has no Infinity: a ghost text that never came is written as the string "never".
function replacer(_key: string, value: unknown): unknown {
  return value === Infinity ? 'never' : value;
}

export function printReport(report: Report, jsonFiles: readonly string[]): void {
  const { machine } = report;
  const out = [
    `TokenHub Inline benchmark, ${report.date}`,
    paragraph(
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ` +
        `${machine.node}, ${machine.platform}; load average at start ` +
        `${machine.loadAverage.join(' / ')} (other work on the machine adds noise).`,
    ),
    '',
    ...typingSection(report),
    '',
    ...overheadSection(report),
    '',
    ...memorySection(report),
    '',
    ...bundleSection(report),
    '',
    ...contextSection(report.context),
    '',
    'Targets (issues 4, 8, 9, 10 and 11)',
    targetTable(report.targets),
    '',
    `Bench run took ${minutes(report.benchDurationMs)}. JSON: ${jsonFiles.join(', ')}`,
  ];
  console.log(out.join('\n'));
}

function typingSection({ typing: t }: Report): string[] {
  const p = t.per100Keystrokes;
  const tot = t.totals;
  const g = t.pauseToGhost;
  const b = g.breakdown;
  const pauseRow = (name: string, s: typeof g.all) => [
    ...pauseCells(name, s),
    `${s.withinTargetPct} %`,
  ];
  return [
    `1. Typing session (seed ${t.seed}): ${t.keystrokes} keystrokes, ${t.pauses} pauses`,
    paragraph(
      `Files: ${t.files.map((f) => `${f.source} (${f.languageId}, ${f.keystrokes} keys)`).join(', ')}.`,
    ),
    paragraph(
      `Time compression x${t.compression}: keystroke gaps, pauses, the debounce and the ` +
        `server's delays are divided by ${t.compression}; every time below is multiplied back ` +
        `(uncompressed ms). The engine's CPU time is thereby weighted x${t.compression} ` +
        '(pessimistic). Real-time constants inside the engine (the orphan grace of a request ' +
        "nobody waits for, the adaptive debounce's typing-speed thresholds) are not " +
        `compressed. Simulated ${minutes(t.simulatedDurationMs)} of typing in ` +
        `${minutes(t.realDurationMs)}.`,
    ),
    paragraph(
      `Typist: ${t.settings.typing.keystrokeMs.join('-')} ms per key, pauses of ` +
        `${t.settings.typing.pauseMs.join('-')} ms at natural points. Debounce ` +
        `${t.settings.debounceMs} ms. Server: ${t.settings.firstTokenMs} ms to first token, ` +
        `${t.settings.tokenMs} ms per token (measured ${t.timing.serverFirstTokenMeasuredMs} / ` +
        `${t.timing.serverTokenMeasuredMs}), replying with the file's true next ` +
        `${t.settings.continuationChars} characters.`,
    ),
    table(
      ['', 'total', 'per 100 keys'],
      [
        ['requests started', tot.requestsStarted, p.requestsStarted],
        ['requests joined (reused in flight)', tot.requestsJoined, p.requestsJoined],
        ['requests aborted (server saw the close)', tot.requestsAbortedAtServer, p.requestsAborted],
        ['answers from the cache', tot.cacheHits, p.cacheHits],
        ['chars generated (sent by the server)', tot.charsGenerated, p.charsGenerated],
        ['  tokens generated (chars / 4)', Math.round(tot.charsGenerated / 4), p.tokensGenerated],
        ['chars shown (distinct)', tot.charsShown, p.charsShown],
        ['  tokens shown (chars / 4)', Math.round(tot.charsShown / 4), p.tokensShown],
      ],
    ),
    paragraph(
      `Requests / pauses ${t.requestsPerPause} (${t.requestsAtPauses} requests at pauses, ` +
        `${t.requestsWhileTyping} while typing). Generated but never shown: ${t.unshownPct} %. ` +
        `Keystrokes typing through a shown suggestion: ${t.typingThrough.keystrokes}, requests ` +
        `from them: ${t.typingThrough.requests}.`,
    ),
    paragraph(
      'Pause to ghost text, each pause against its own target (debounce + server time to the ' +
        'end of its first line at the measured pace + 10 ms); "late": the pause ended before ' +
        'the ghost text came, counted as never:',
    ),
    table(
      ['', 'pauses', 'late', 'p50', 'p90', 'target p50', 'median excess', 'within target'],
      [
        pauseRow('all pauses', g.all),
        pauseRow('answered from the cache', g.fromCache),
        pauseRow('needed the network', g.fromNetwork),
        pauseRow('  single-line completion', g.singleLine),
        pauseRow('  multi-line completion', g.multiLine),
        pauseRow('  pauses >= their target', g.judged),
      ],
    ),
    ...serverLimitLines(t),
    paragraph(
      `${g.emptyCount} pauses had nothing to show (e.g. before a blank line). Of the network ` +
        `pauses, ${b.samples} had a request made at that very spot: keystroke to request p50 ` +
        `${ms(b.keystrokeToRequestP50Ms)} (debounce ${t.settings.debounceMs} ms), request to ` +
        `ghost text p50 ${ms(b.requestToGhostP50Ms)} (server to the end of the first line p50 ` +
        `${ms(b.serverFirstLineP50Ms)}); within that, arrival to the last text event p50 ` +
        `${ms(b.serverStreamP50Ms)} and last text event to ghost text p50 ` +
        `${ms(b.lastTextToGhostP50Ms)} (the finish event, [DONE] and the client). The target ` +
        'is judged on network pauses at least as long as their target: a shorter pause cannot ' +
        'show whether a later ghost text would have met it.',
    ),
    paragraph(
      `Health: keystrokes late by p50 ${t.timing.keystrokeLatenessP50Ms} ms, p99 ` +
        `${t.timing.keystrokeLatenessP99Ms} ms; ${t.checks.promptsNotLocated} prompts not ` +
        `located in the file, ${t.checks.ghostTextsNotMatchingFile} ghost texts not matching ` +
        `the file, ${t.checks.failedCalls} failed calls.`,
    ),
  ];
}

/** One group of pauses: how many, how many late, p50, p90, the target's p50 and the excess. */
function pauseCells(
  name: string,
  s: {
    count: number;
    late: number;
    p50Ms: number | null;
    p90Ms: number | null;
    targetP50Ms: number | null;
    excessP50Ms: number | null;
  },
) {
  return [name, s.count, s.late, ms(s.p50Ms), ms(s.p90Ms), ms(s.targetP50Ms), ms(s.excessP50Ms)];
}

/** Issue 11: pause to ghost text against what the server allows, with no client wait. */
function serverLimitLines(t: Report['typing']): string[] {
  const v = t.pauseToGhostVsServer;
  return [
    paragraph(
      'Against the server-side limit (time to the first token + the tokens up to the first ' +
        'word that can be shown, at the measured pace; no client wait, no debounce):',
    ),
    table(
      ['', 'pauses', 'late', 'p50', 'p90', 'limit p50', 'median excess'],
      [
        pauseCells('needed the network', v.fromNetwork),
        pauseCells(`  pauses >= limit + ${v.allowanceMs} ms`, v.judged),
      ],
    ),
    paragraph(
      `Pauses of ${v.longPauseMs} ms or more that showed ghost text: ${v.longPausesShownPct} % ` +
        `(${v.longPausesShown} of ${v.longPauses}; ${v.longPausesNothingToShow} more were at a ` +
        'blank line, where nothing is the right answer). Ghost text grew by refresh calls ' +
        `(the extension asking VS Code again while a stream ran): ${t.refreshes}.`,
    ),
  ];
}

function overheadSection({ overhead }: Report): string[] {
  const moving = overhead.sizes[0]?.samples.moving ?? 0;
  return [
    '2. Own overhead per completion, no network waiting',
    paragraph(
      "The adapter's real text reading (src/core/cursorText.ts, line by line from the cursor, " +
        'on a document stored the way VS Code stores it: lines, joined by getText, offsets from ' +
        'line-start sums), then ' +
        'engine.complete with a fetch that answers at once (cache lookup, prompt, request ' +
        'body, SSE parsing, stops, post-processing). miss: the user typed somewhere new; hit: ' +
        "then typed the ghost text's first character (from the cache); move: the cursor " +
        `moved without an edit (${moving} per size). Wall time, except "own" (wall time ` +
        'minus the time the OS kept the thread waiting for a CPU, from Linux schedstat: what ' +
        'the code and its garbage collection took; the targets use it) and the CPU columns ' +
        "(the process's CPU time during the call, including V8's background threads).",
    ),
    table(
      [
        'lines',
        'chars',
        'n',
        'miss p50',
        'miss p99',
        'own p99',
        'miss CPU p50',
        'miss CPU p99',
        'of it adapter',
        'hit p50',
        'hit p99',
        'move p50',
        'move p99',
        'buildPrompt',
      ],
      overhead.sizes.map((s) => [
        s.lines,
        s.chars,
        s.samples.typing,
        ms(s.typing.miss.total.p50Ms, 2),
        ms(s.typing.miss.total.p99Ms, 2),
        ms(s.typing.miss.own.p99Ms, 2),
        ms(s.typing.miss.cpu.p50Ms, 2),
        ms(s.typing.miss.cpu.p99Ms, 2),
        ms(s.typing.miss.adapter.p50Ms, 2),
        ms(s.typing.hit.total.p50Ms, 2),
        ms(s.typing.hit.total.p99Ms, 2),
        ms(s.moving.total.p50Ms, 2),
        ms(s.moving.total.p99Ms, 2),
        ms(s.buildPrompt.p50Ms, 3),
      ]),
    ),
    paragraph(
      `100k/1k ratio of the miss: p50 ${overhead.ratioP50}, p99 ${overhead.ratioP99} (CPU ` +
        `p50 ${overhead.cpuRatioP50}). This machine's floor (an empty async call measured the ` +
        `same way): p50 ${overhead.floor.p50Us} µs, p99 ${overhead.floor.p99Us} µs. ` +
        '"of it adapter" and "buildPrompt" are p50s of ' +
        'those parts alone. Samples left out because they were not what they were meant to ' +
        'be (a random position met an earlier one, so the cache answered a "miss"): ' +
        `${overhead.sizes.map((s) => s.unexpected).join(' / ')}.`,
    ),
    paragraph(
      'Where the slow misses come from: garbage-collection pauses on the main thread per size ' +
        '(count, p50, longest), the misses one of them fell into, and the miss p99 without ' +
        'those: ' +
        overhead.sizes
          .map(
            (s) =>
              `${s.lines} lines: ${s.gc.pauses} pauses (${ms(s.gc.p50Ms, 2)}, ` +
              `max ${ms(s.gc.maxMs, 2)}), in ${s.typing.miss.gcCalls} of ` +
              `${s.samples.typing} misses, own p99 without them ` +
              `${ms(s.typing.miss.withoutGc.p99Ms, 2)}; the OS held up ` +
              `${s.typing.miss.osWaitCalls} misses by more than 0.1 ms`,
          )
          .join('; ') +
        '.',
    ),
  ];
}

function memorySection({ memory }: Report): string[] {
  return [
    '3. Memory: heap used after N completions minus before',
    paragraph(
      'In a child process with --expose-gc, heap measured after forced full collections. The ' +
        'user types real source in the middle of the document; the fake server answers with ' +
        'its true continuation (so the cache answers most keystrokes). "Before" is taken after ' +
        `${memory[0]?.warmUpCompletions ?? 0} warm-up completions, so one-time initialisation ` +
        'is not counted as growth.',
    ),
    table(
      ['lines', 'completions', 'shown', 'requests', 'heap before', 'heap after', 'growth'],
      memory.map((m) => [
        m.lines,
        m.completions,
        m.shown,
        String(m.metrics.requestsStarted),
        mb(m.heapBeforeBytes),
        mb(m.heapAfterBytes),
        `${m.heapGrowthMB} MB`,
      ]),
    ),
  ];
}

function bundleSection({ bundle }: Report): string[] {
  const kind = bundle.production ? 'production build' : 'NOT a production build';
  return [
    `4. Bundle: ${bundle.file} ${(bundle.bytes / 1024).toFixed(1)} KB ` +
      `(gzip ${(bundle.gzipBytes / 1024).toFixed(1)} KB), ${kind}.`,
    paragraph(
      'Activation time is measured in the real VS Code host by the integration test run, ' +
        'not by this benchmark.',
    ),
  ];
}

export function targetTable(targets: readonly Target[]): string {
  return table(
    ['', 'target', 'measured', 'met'],
    targets.map((x) => [
      x.name,
      x.target,
      x.measured,
      x.met === undefined ? 'n/a' : x.met ? 'yes' : 'NO',
    ]),
    [0, 1, 2],
  );
}
