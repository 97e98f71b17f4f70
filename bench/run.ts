/**
 * `npm run bench` entry (after the production build and `esbuild.js --tests`): runs the four
 * parts of issue 4's benchmark, prints a table with every target next to its measurement, and
 * writes bench/results/latest.json plus a dated copy.
 *
 *   BENCH_COMPRESSION=6  time compression of the typing session (default 6; 1 = real time)
 *   BENCH_SEED=4         seed of the typist and the cursor positions
 *   BENCH_ONLY=context   only part 5 (context from other files), printed, no JSON written
 */
import * as path from 'node:path';
import { measureBundle } from './bundle';
import { measureContext } from './context';
import { contextSection } from './contextReport';
import { describeMachine } from './machine';
import { measureMemory } from './memory';
import { measureOverhead } from './overhead';
import { scoreCorpus } from './postprocessCorpus';
import { printReport, targetTable, writeJson, type Report } from './report';
import { contextTargets, evaluateTargets } from './targets';
import { runTypingSession } from './typingSession';

async function main(): Promise<void> {
  const started = Date.now();
  const machine = describeMachine();
  const seed = Number(process.env.BENCH_SEED ?? 4);
  // 6 keeps the server's delays (25 ms, 2.5 ms) above timer granularity and the run near
  // two minutes; see typingSession.ts for what compression does and does not scale.
  const compression = Number(process.env.BENCH_COMPRESSION ?? 6);
  if (process.env.BENCH_ONLY === 'context') {
    const context = await measureContext({ seed, points: 400 });
    console.log([...contextSection(context), '', targetTable(contextTargets(context))].join('\n'));
    return;
  }

  progress('bundle');
  const bundle = measureBundle();
  progress('typing session');
  const typing = await runTypingSession({
    seed,
    compression,
    debounceMs: 150,
    firstTokenMs: 150,
    tokenMs: 15,
    continuationChars: 200,
    minKeystrokes: 5000,
  });
  progress('own overhead');
  const overhead = await measureOverhead({
    seed,
    sizes: [1_000, 10_000, 100_000],
    // Enough samples that p99 is the 10th-worst call, not the single worst.
    samples: () => ({ warmUp: 200, typing: 1000, moving: 200 }),
  });
  progress('memory');
  const memory = [];
  for (const lines of [1_000, 10_000, 100_000]) {
    memory.push(await measureMemory({ lines, completions: 10_000 }));
  }

  progress('post-processing corpus');
  const corpus = await scoreCorpus();

  progress('context');
  const context = await measureContext({ seed, points: 400 });

  const results = { typing, overhead, memory, bundle, corpus, context };
  const report: Report = {
    date: new Date().toISOString(),
    machine,
    ...results,
    targets: evaluateTargets(results),
    benchDurationMs: Date.now() - started,
  };
  const files = await writeJson(report);
  printReport(
    report,
    files.map((f) => path.relative(process.cwd(), f)),
  );
}

function progress(part: string): void {
  console.log(`bench: ${part}...`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
