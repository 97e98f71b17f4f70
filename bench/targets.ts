/**
 * The targets of issues 4 and 11 (issue 11 loosened requests per pause to 1.3 and unshown
 * tokens to 25 % in exchange for ghost text at the pause), each with the measured number next to it. Computed from the
 * results, never written by hand, so a regression shows up as "missed".
 */
import type { measureBundle } from './bundle';
import type { measureContext } from './context';
import type { measureMemory } from './memory';
import type { measureOverhead } from './overhead';
import type { CorpusScore } from './postprocessCorpus';
import type { TypingResult } from './typingAnalysis';

export interface Target {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured by this benchmark. */
  readonly met: boolean | undefined;
}

export interface Results {
  readonly typing: TypingResult;
  readonly overhead: Awaited<ReturnType<typeof measureOverhead>>;
  readonly memory: readonly Awaited<ReturnType<typeof measureMemory>>[];
  readonly bundle: ReturnType<typeof measureBundle>;
  readonly corpus: CorpusScore;
  readonly context: Awaited<ReturnType<typeof measureContext>>;
}

export function evaluateTargets({
  typing,
  overhead,
  memory,
  bundle,
  corpus,
  context,
}: Results): Target[] {
  const targets: Target[] = [];
  const network = typing.pauseToGhost.judged;
  const vsServer = typing.pauseToGhostVsServer;
  const largest = overhead.sizes[overhead.sizes.length - 1];
  targets.push(
    {
      name: 'Requests while typing through a shown suggestion',
      target: '0',
      measured: `${typing.typingThrough.requests} (over ${typing.typingThrough.keystrokes} keystrokes typed through)`,
      met: typing.typingThrough.requests === 0,
    },
    {
      name: 'Requests per pause',
      target: '<= 1.3',
      measured: `${typing.requestsPerPause} (${typing.totals.requestsStarted} requests / ${typing.pauses} pauses)`,
      met: typing.requestsPerPause <= 1.3,
    },
    {
      name: 'Tokens generated but never shown',
      target: '< 25 %',
      measured: `${typing.unshownPct} %`,
      met: typing.unshownPct < 25,
    },
    {
      name: 'Pause-to-ghost p50 vs the server-side limit, network pauses >= limit + 60 ms',
      target: `<= limit + ${vsServer.allowanceMs} ms (median limit ${ms(vsServer.judged.targetP50Ms)})`,
      measured:
        `${ms(vsServer.judged.p50Ms)}, p90 ${ms(vsServer.judged.p90Ms)} ` +
        `(median excess ${signed(vsServer.judged.excessP50Ms)})`,
      met:
        vsServer.judged.excessP50Ms !== null && vsServer.judged.excessP50Ms <= vsServer.allowanceMs,
    },
    {
      name: `Pauses >= ${vsServer.longPauseMs} ms that showed ghost text`,
      target: '>= 85 %',
      measured:
        `${vsServer.longPausesShownPct} % (${vsServer.longPausesShown} / ${vsServer.longPauses}; ` +
        `${vsServer.longPausesNothingToShow} more at a blank line, nothing to show)`,
      met: vsServer.longPausesShownPct >= 85,
    },
    {
      name: 'Pause-to-ghost p50, network pauses >= their target',
      target: `<= debounce + 1st line + 10 ms (median ${ms(network.targetP50Ms)})`,
      measured: `${ms(network.p50Ms)} (median excess ${signed(network.excessP50Ms)})`,
      met: network.excessP50Ms !== null && network.excessP50Ms <= 0,
    },
    {
      name: `Own overhead p99 at ${largest?.lines ?? '?'} lines (miss)`,
      target: '< 2 ms',
      // Judged on the time the code took: wall time minus the OS's run-queue wait (overhead.ts).
      measured:
        `${ms(largest?.typing.miss.own.p99Ms ?? null, 2)} ` +
        `(wall ${ms(largest?.typing.miss.total.p99Ms ?? null, 2)})`,
      met: (largest?.typing.miss.own.p99Ms ?? Infinity) < 2,
    },
    {
      name: 'Own overhead 100k/1k ratio, p50 (miss)',
      target: '< 1.5',
      measured: `${overhead.ratioP50 ?? '-'} (p99 ${overhead.ratioP99 ?? '-'})`,
      met: overhead.ratioP50 !== null && overhead.ratioP50 < 1.5,
    },
  );
  for (const m of memory) {
    targets.push({
      name: `Heap growth, ${m.completions} completions in a ${m.lines}-line file`,
      target: '< 20 MB',
      measured: `${m.heapGrowthMB} MB`,
      met: m.heapGrowthMB < 20,
    });
  }
  targets.push(
    {
      name: 'Bundle dist/extension.js (production)',
      target: '< 150 KB',
      measured: `${(bundle.bytes / 1024).toFixed(1)} KB${bundle.production ? '' : ' (NOT a production build)'}`,
      met: bundle.production && bundle.bytes < 150 * 1024,
    },
    ...contextTargets(context),
    {
      name: 'Post-processing corpus cases exactly right',
      target: '100 %',
      measured:
        `${corpus.rightPct} % (${corpus.right} / ${corpus.cases})` +
        (corpus.wrong.length > 0 ? `; wrong: ${corpus.wrong.join('; ')}` : ''),
      met: corpus.right === corpus.cases,
    },
    {
      name: 'Activation time in the VS Code host',
      target: '< 50 ms',
      measured: 'not measured here: see the integration test run',
      met: undefined,
    },
  );
  return targets;
}

function ms(value: number | null, digits = 0): string {
  if (value === null) return '-';
  if (value === Infinity) return 'never';
  return `${value.toFixed(digits)} ms`;
}

function signed(value: number | null): string {
  if (value === null) return '-';
  if (value === Infinity) return '+inf';
  return `${value > 0 ? '+' : ''}${value.toFixed(0)} ms`;
}

/** Issue 8's context targets (also printed alone with BENCH_ONLY=context). */
export function contextTargets(context: Results['context']): Target[] {
  const found = (where: string, r: Results['context']['afterName']): Target => ({
    name: `Prompt holds the defining line, cursor ${where} the name`,
    target: '>= 50 % (0 % without context)',
    measured: `${r.foundPct} % of ${r.points} points (without context ${r.foundWithoutContextPct} %)`,
    met: r.points >= 300 && r.foundPct >= 50,
  });
  const { memory } = context;
  return [
    found('after', context.afterName),
    found('before', context.beforeName),
    {
      name: 'Heap held by a full context index',
      target: '< 20 MB',
      measured: `${memory.heapGrowthMB} MB (${memory.documentsTracked} documents, ${Math.round(memory.charsTracked / 1000)}k chars)`,
      met: memory.heapGrowthMB < 20,
    },
    {
      name: 'Retrieval per request sent (warm), not per keystroke',
      target: 'reported',
      measured: `p50 ${ms(context.afterName.warmP50Ms, 2)}, p99 ${ms(context.afterName.warmP99Ms, 2)}; first request after opening p99 ${ms(context.afterName.coldP99Ms, 1)}; ${context.afterName.contextTokensP50} context tokens (p50)`,
      met: undefined,
    },
  ];
}
