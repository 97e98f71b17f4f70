/**
 * Lets the benchmark run the adapter's real text-reading code (src/cursorText.ts) in plain
 * Node instead of a copy that could drift from it. That file needs only `Position` and `Range`
 * from `vscode`; this module registers a stand-in under that name. Import it before anything
 * that imports src/cursorText.ts. If the adapter starts using more of the API, the benchmark
 * fails loudly at that point rather than measuring something else.
 */
import Module from 'node:module';

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(start: Position, end: Position) {
    this.start = start;
    this.end = end;
  }
}

const stub = { Position, Range };

// Node resolves a bare name before looking in the cache; answer 'vscode' with a cache key.
const loader = Module as unknown as {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
};
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = {
  id: 'vscode',
  filename: 'vscode',
  loaded: true,
  exports: stub,
} as unknown as NodeJS.Module;
