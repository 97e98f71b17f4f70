/**
 * Part 3: heap used after N completions minus before, measured in a child process started
 * with `--expose-gc` (the numbers are only meaningful after forced full collections).
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { MemoryJob } from './memoryChild';
import { round } from './stats';

export interface MemoryResult {
  readonly lines: number;
  readonly completions: number;
  readonly shown: number;
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  readonly warmUpCompletions: number;
  readonly documentGrowthChars: number;
  readonly documentLines: number;
  readonly metrics: Record<string, unknown>;
}

export async function measureMemory(job: MemoryJob) {
  const result = await runGcChild<MemoryResult>('memoryChild.js', job);
  return {
    ...result,
    heapGrowthMB: round((result.heapAfterBytes - result.heapBeforeBytes) / 2 ** 20, 2),
  };
}

/** Runs `script` (compiled next to this file) with `--expose-gc`; resolves with what it sends. */
export function runGcChild<T>(script: string, job: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    // esbuild compiles bench/*.ts next to this file's output (out/bench/).
    const child = fork(path.join(__dirname, script), [JSON.stringify(job)], {
      execArgv: ['--expose-gc'],
    });
    let result: T | undefined;
    child.on('message', (message) => (result = message as T));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result && code === 0) resolve(result);
      else reject(new Error(`memory child exited with code ${code ?? 'null'}`));
    });
  });
}
