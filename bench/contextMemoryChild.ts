/**
 * Child-process entry for the context index's memory (part 5), started with `--expose-gc`: the
 * heap an index holds when full. More documents than it tracks are opened (real TypeScript and
 * JavaScript from node_modules, more text than its bound), then requests from every language
 * group make it build windows for as many as its bounds allow.
 */
import * as path from 'node:path';
import { ContextIndex, defaultContextLimits } from '../src/core/context/contextIndex';
import { nodeModules, sourceFiles } from './contextCorpus';

export interface ContextMemoryResult {
  readonly documentsOpened: number;
  readonly charsOpened: number;
  readonly documentsTracked: number;
  /** Text of the tracked documents: what an unbounded index would hold. */
  readonly charsTracked: number;
  readonly heapGrowthBytes: number;
}

function main(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('contextMemoryChild needs --expose-gc');
  const heapNow = () => {
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  const files = ['typescript', 'mocha', 'ajv', 'eslint', 'prettier']
    .flatMap((name) => sourceFiles(path.join(nodeModules, name)))
    .filter((file) => file.text.length <= defaultContextLimits.maxFileChars)
    // The largest that may be indexed, opened last, so the bound on indexed text binds.
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, 2 * defaultContextLimits.maxDocuments)
    .reverse();
  const before = heapNow();
  const index = new ContextIndex();
  files.forEach((file, i) => {
    index.open(String(i), {
      relativePath: `${i}/${file.relativePath}`,
      languageId: file.languageId,
      length: () => file.text.length,
      // A fresh string, as VS Code's getText() returns: the index's copy is what it costs.
      text: () => Buffer.from(file.text).toString(),
    });
    // Requests along the way, so windows are built for documents that later get evicted too.
    if (i % 10 === 9) {
      index.snippetsFor({
        relativePath: 'x',
        languageId: file.languageId,
        prefix: file.text.slice(0, 2000),
        suffix: '',
      });
      index.prepare();
    }
  });
  const after = heapNow();
  const result: ContextMemoryResult = {
    documentsOpened: files.length,
    charsOpened: files.reduce((sum, f) => sum + f.text.length, 0),
    documentsTracked: index.size,
    charsTracked: files.slice(-index.size).reduce((sum, f) => sum + f.text.length, 0),
    heapGrowthBytes: after - before,
  };
  process.send?.(result);
}

main();
