/**
 * Part 5: context from other files. At completion points in real packages (a line using a name
 * defined in another file of the package, that file and unrelated ones open), does the prompt
 * carry the line that defines the name, what does the context cost in prompt tokens, and how
 * long does retrieval take. The same ContextIndex and buildPrompt the extension runs.
 */
import { ContextIndex } from '../src/core/context/contextIndex';
import { CONTEXT_BUDGET_CHARS, estimateTokens } from '../src/core/prompt/budget';
import { cursorTextAt, stringDocument } from '../src/core/cursorText';
import { buildPrompt } from '../src/core/prompt/buildPrompt';
import { contextPoints, type ContextPoint, type CorpusOptions } from './contextCorpus';
import type { ContextMemoryResult } from './contextMemoryChild';
import { runGcChild } from './memory';
import { msSince, quantile, round } from './stats';

export interface ContextBenchOptions {
  readonly seed: number;
  readonly points: number;
  /** Context budget in characters (the engine's share; 2,000 tokens by default). */
  readonly maxChars?: number;
}

export async function measureContext(options: ContextBenchOptions) {
  const base = { seed: options.seed, points: options.points, maxPerPackage: 25, unrelatedOpen: 5 };
  const memory = await runGcChild<ContextMemoryResult>('contextMemoryChild.js', {});
  return {
    maxChars: options.maxChars ?? CONTEXT_BUDGET_CHARS,
    afterName: measureAt({ ...base, cursor: 'afterName' }, options.maxChars),
    beforeName: measureAt({ ...base, cursor: 'beforeName' }, options.maxChars),
    memory: { ...memory, heapGrowthMB: round(memory.heapGrowthBytes / 2 ** 20, 2) },
    keystroke: keystrokeCost(),
  };
}

/**
 * What a keystroke costs the index: the editor's change event marks the document changed and
 * records the edit (the windows wait for an idle moment or a request). Timed per call, in µs.
 */
function keystrokeCost() {
  const index = new ContextIndex();
  const text = 'x\n'.repeat(1000);
  for (let i = 0; i < 20; i++) {
    index.open(String(i), {
      relativePath: `f${i}.ts`,
      languageId: 'typescript',
      length: () => text.length,
      text: () => text,
    });
  }
  const samples: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const line = (i * 7) % 1000;
    const start = process.hrtime.bigint();
    index.changed(String(i % 3), { startLine: line, endLine: line, insertedLineBreaks: 0 });
    samples.push(msSince(start) * 1000);
  }
  return {
    p50Us: round(quantile(samples, 0.5) ?? 0, 2),
    p99Us: round(quantile(samples, 0.99) ?? 0, 2),
  };
}

function measureAt(corpus: CorpusOptions, maxChars = CONTEXT_BUDGET_CHARS) {
  const points = contextPoints(corpus);
  const cold: number[] = [];
  const warm: number[] = [];
  const contextTokens: number[] = [];
  const snippets: number[] = [];
  let found = 0;
  let foundWithout = 0;
  const perLanguage = new Map<string, { points: number; found: number }>();
  for (const point of points) {
    const index = openFiles(point);
    const query = queryAt(point);
    let start = process.hrtime.bigint();
    // Cold: the first request after the files were opened builds their windows.
    index.snippetsFor(query, maxChars);
    cold.push(msSince(start));
    start = process.hrtime.bigint();
    const context = index.snippetsFor(query, maxChars);
    warm.push(msSince(start));
    const built = buildPrompt(query, { snippets: context });
    const withContext = built.prompt;
    const without = buildPrompt(query).prompt;
    const hit = withContext.includes(point.definitionLine);
    if (hit) found++;
    if (without.includes(point.definitionLine)) foundWithout++;
    // What the snippets take of the prompt as written (paths and comment markers included).
    contextTokens.push(estimateTokens(built.contextChars));
    snippets.push(context.length);
    const language = perLanguage.get(point.languageId) ?? { points: 0, found: 0 };
    perLanguage.set(point.languageId, {
      points: language.points + 1,
      found: language.found + (hit ? 1 : 0),
    });
  }
  const pct = (n: number, of: number) => (of === 0 ? 0 : round((100 * n) / of, 1));
  const ms = (samples: number[], p: number) => round(quantile(samples, p) ?? 0, 3);
  return {
    points: points.length,
    packages: new Set(points.map((p) => p.packageName)).size,
    perLanguage: Object.fromEntries(
      [...perLanguage].map(([language, c]) => [
        language,
        { ...c, foundPct: pct(c.found, c.points) },
      ]),
    ),
    foundPct: pct(found, points.length),
    foundWithoutContextPct: pct(foundWithout, points.length),
    contextTokensP50: round(quantile(contextTokens, 0.5) ?? 0, 0),
    contextTokensMean: round(
      contextTokens.reduce((a, b) => a + b, 0) / (contextTokens.length || 1),
      0,
    ),
    snippetsMean: round(snippets.reduce((a, b) => a + b, 0) / (snippets.length || 1), 2),
    warmP50Ms: ms(warm, 0.5),
    warmP99Ms: ms(warm, 0.99),
    coldP50Ms: ms(cold, 0.5),
    coldP99Ms: ms(cold, 0.99),
  };
}

/** The defining file and the unrelated ones opened first, the edited file last (most recent). */
function openFiles(point: ContextPoint): ContextIndex {
  const index = new ContextIndex();
  const files = [point.definingFile, ...point.unrelated, point.file];
  files.forEach((file, i) =>
    index.open(String(i), {
      relativePath: file.relativePath,
      languageId: point.languageId,
      length: () => file.text.length,
      text: () => file.text,
    }),
  );
  return index;
}

function queryAt(point: ContextPoint) {
  return {
    ...cursorTextAt(stringDocument(point.file.text), point.offset),
    languageId: point.languageId,
    relativePath: point.file.relativePath,
  };
}
