/**
 * Child-process entry for part 3, started by memory.ts with `--expose-gc` so that heap
 * numbers are taken after full collections, not whatever the collector left lying around.
 * Reads its job from argv[2] (JSON), sends the result to the parent over IPC.
 */
import { syntheticDocument, typingSource } from './corpus';
import { benchSettings, newEngine } from './engineFactory';
import { cutAtStops, fakeFetch } from './fakeFetch';
import { adapterText, LineDocument } from './lineDocument';
import { Position } from './position';

const warmUpCompletions = 100;

export interface MemoryJob {
  readonly lines: number;
  readonly completions: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as MemoryJob;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memoryChild needs --expose-gc');

  const doc = new LineDocument(syntheticDocument(job.lines));
  const source = typingSource(job.completions + 1000);
  let typed = 0;
  // The server answers with the true continuation of what is being typed, so typing through
  // a suggestion is answered from the cache, as in real use.
  const engine = newEngine(
    benchSettings('http://127.0.0.1:9/v1', 0),
    fakeFetch((body) => cutAtStops(source.slice(typed, typed + 200), body.stop)),
  );
  let cursor = new Position(Math.floor(doc.lineCount / 2), 0);

  const heapNow = () => {
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  const complete = async () => {
    cursor = doc.insert(cursor, source.charAt(typed));
    typed++;
    const result = await engine.complete(
      {
        ...adapterText(doc, cursor),
        languageId: 'typescript',
        relativePath: 'src/big.ts',
        trigger: 'automatic',
      },
      new AbortController().signal,
    );
    return result !== undefined;
  };

  // One-time initialisation (lazy module state, fetch internals, the document's line index)
  // is not growth: take "before" after a short warm-up.
  for (let i = 0; i < warmUpCompletions; i++) await complete();
  const before = heapNow();
  let shown = 0;
  for (let i = 0; i < job.completions; i++) if (await complete()) shown++;
  // Let the orphan timers and stream clean-ups of the last request run out.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = heapNow();
  process.send?.({
    lines: job.lines,
    completions: job.completions,
    shown,
    heapBeforeBytes: before,
    heapAfterBytes: after,
    warmUpCompletions,
    // The document grew by the typed characters: the editor's memory, not ours. Reading it
    // here also keeps it alive through the last measurement, so its collection cannot pass
    // for the engine's memory going down.
    documentGrowthChars: job.completions,
    documentLines: doc.lineCount,
    metrics: engine.metrics.snapshot(),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
