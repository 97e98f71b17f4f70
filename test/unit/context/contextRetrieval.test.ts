import * as assert from 'node:assert/strict';
import { ContextIndex, defaultContextLimits } from '../../../src/core/context/contextIndex';
import { DocumentWindows } from '../../../src/core/context/documentWindows';
import { identifiersOf } from '../../../src/core/context/identifiers';
import { snippetCost } from '../../../src/core/context/snippetBudget';
import { atCursor } from '../../support/cursor';

/** `count` lines of unrelated filler, each distinct so none is a copy of another. */
function filler(count: number, word = 'filler'): string {
  return Array.from(
    { length: count },
    (_, i) => `const ${word}Value${i} = compute${word}(${i});`,
  ).join('\n');
}

function query(marked: string, relativePath = 'src/main.ts', languageId = 'typescript') {
  const { prefix, suffix } = atCursor(marked);
  return { prefix, suffix, relativePath, languageId };
}

function open(index: ContextIndex, relativePath: string, text: string, languageId = 'typescript') {
  index.open(relativePath, {
    relativePath,
    languageId,
    length: () => text.length,
    text: () => text,
  });
}

const geometry = [
  filler(40, 'noise'),
  'export function areaOfCircle(radius: number): number {',
  '  return Math.PI * radius * radius;',
  '}',
  filler(40, 'other'),
].join('\n');

const callSite =
  'import { areaOfCircle } from "../geometry";\nconst radius = 2;\nconst area = areaOfCircle(█);\n';

describe('identifiersOf', () => {
  it('splits camelCase, PascalCase, snake_case and acronyms, keeping the whole name too', () => {
    assert.deepEqual(identifiersOf('getUserName'), ['getusername', 'user', 'name']);
    assert.deepEqual(identifiersOf('parse_http_header'), [
      'parse_http_header',
      'parse',
      'http',
      'header',
    ]);
    assert.deepEqual(identifiersOf('HTTPServer'), ['httpserver', 'http', 'server']);
    assert.deepEqual(identifiersOf('base64Encode'), ['base64encode', 'base', '64', 'encode']);
  });

  it('leaves out keywords, comment filler and one-letter names, and counts each once', () => {
    assert.deepEqual(identifiersOf('export const x = this.total; // the total of the order'), [
      'total',
      'order',
    ]);
    assert.deepEqual(identifiersOf('def run(self): return None'), ['run']);
  });
});

describe('DocumentWindows', () => {
  it('finds the window with the highest Jaccard similarity to the query', () => {
    const windows = new DocumentWindows(geometry, 10);
    const [best] = windows.bestWindows(new Set(identifiersOf('areaOfCircle(radius)')));
    assert.ok(best);
    const text = windows.linesText(best.startLine, best.endLine);
    assert.match(text, /export function areaOfCircle/);
    assert.ok(best.score > 0 && best.score <= 1);
  });

  it('scores exactly |shared| / |union| of the identifier sets', () => {
    // One window (the file is shorter than a window): {alpha, beta, gamma} vs {alpha, delta}.
    const windows = new DocumentWindows('alpha beta\ngamma', 10);
    const [match] = windows.bestWindows(new Set(['alpha', 'delta']));
    assert.deepEqual(match, { startLine: 0, endLine: 2, score: 1 / 4 });
  });

  it('returns windows that do not overlap, best first, and none without a shared identifier', () => {
    const text = ['alpha beta', 'x', 'x', 'x', 'x', 'alpha', 'x', 'x', 'x', 'x', 'zeta'].join('\n');
    const windows = new DocumentWindows(text, 2);
    const found = windows.bestWindows(new Set(['alpha', 'beta']), 5);
    assert.deepEqual(
      found.map((m) => m.startLine),
      [0, 4],
    );
    assert.ok((found[0]?.score ?? 0) > (found[1]?.score ?? 0));
    assert.deepEqual(windows.bestWindows(new Set(['omega'])), []);
  });
});

describe('ContextIndex', () => {
  it('brings the definition from another open file to a call site', () => {
    const index = new ContextIndex();
    open(index, 'src/geometry.ts', geometry);
    open(index, 'src/unrelated.ts', filler(80, 'parser'));
    const snippets = index.snippetsFor(query(callSite), 8000);
    const fromGeometry = snippets.find((s) => s.relativePath === 'src/geometry.ts');
    assert.ok(fromGeometry, JSON.stringify(snippets));
    assert.match(fromGeometry.text, /export function areaOfCircle\(radius: number\)/);
    assert.ok(!snippets.some((s) => s.relativePath === 'src/unrelated.ts'));
  });

  it('puts the most similar snippet last, nearest the cursor', () => {
    const index = new ContextIndex({ ...defaultContextLimits, snippetsPerFile: 1 });
    open(index, 'src/geometry.ts', geometry);
    open(
      index,
      'src/weak.ts',
      `${filler(10, 'noise')}\nconst radiusLabel = "r";\n${filler(10, 'other')}`,
    );
    const snippets = index.snippetsFor(query(callSite), 8000);
    assert.deepEqual(
      snippets.map((s) => s.relativePath),
      ['src/weak.ts', 'src/geometry.ts'],
    );
  });

  it('never takes the document being completed, nor a language that does not call into it', () => {
    const index = new ContextIndex();
    open(index, 'src/main.ts', geometry);
    open(
      index,
      'notes/geometry.py',
      'def area_of_circle(radius): pass\nareaOfCircle = 1',
      'python',
    );
    assert.deepEqual(index.snippetsFor(query(callSite), 8000), []);
    open(index, 'lib/geometry.js', geometry, 'javascript');
    assert.deepEqual(
      index.snippetsFor(query(callSite), 8000).map((s) => s.relativePath),
      ['lib/geometry.js'],
    );
  });

  it('stays within the character budget, cutting a snippet at a line end or leaving it out', () => {
    const index = new ContextIndex();
    for (let i = 0; i < 6; i++)
      open(index, `src/copy${i}.ts`, geometry.replace(/noise|other/g, `n${i}x`));
    for (const budget of [0, 100, 400, 1000, 3000]) {
      const snippets = index.snippetsFor(query(callSite), budget);
      const cost = snippets.reduce((sum, s) => sum + snippetCost(s), 0);
      assert.ok(cost <= budget, `budget ${budget}: spent ${cost}`);
      for (const s of snippets) assert.ok(!s.text.endsWith('\n') && s.text.trim() !== '');
    }
    assert.equal(index.snippetsFor(query(callSite), 0).length, 0);
    assert.ok(index.snippetsFor(query(callSite), 3000).length >= 2);
  });

  it('leaves out near-copies of a chosen snippet and text already in the prompt window', () => {
    const index = new ContextIndex();
    open(index, 'src/geometry.ts', geometry);
    open(index, 'src/geometryCopy.ts', geometry);
    const snippets = index.snippetsFor(query(callSite), 8000);
    assert.equal(snippets.filter((s) => s.text.includes('function areaOfCircle')).length, 1);

    // The current file's prompt window already holds the definition: no snippet repeats it.
    const inWindow = query(`${geometry}\n${callSite}`);
    const again = new ContextIndex();
    open(again, 'src/geometry.ts', geometry);
    for (const s of again.snippetsFor(inWindow, 8000)) {
      assert.ok(!s.text.includes('function areaOfCircle'), s.text);
    }
  });

  it('adds the region of a recent edit in another file', () => {
    const index = new ContextIndex();
    const draft = `${filler(30, 'alpha')}\nconst shippingRate = lookupRate(zone);\n${filler(30, 'beta')}`;
    open(index, 'src/draft.ts', draft);
    index.changed('src/draft.ts', { startLine: 30, endLine: 30, insertedLineBreaks: 0 });
    const snippets = index.snippetsFor(query('let total = █'), 8000);
    assert.ok(snippets.some((s) => s.text.includes('const shippingRate = lookupRate(zone);')));
  });

  it('reads a document only when a request needs its windows, once per change', () => {
    const index = new ContextIndex();
    let reads = 0;
    index.open('g', {
      relativePath: 'src/geometry.ts',
      languageId: 'typescript',
      length: () => geometry.length,
      text: () => (reads++, geometry),
    });
    for (let i = 0; i < 100; i++)
      index.changed('g', { startLine: 1, endLine: 1, insertedLineBreaks: 0 });
    assert.equal(reads, 0, 'typing does not read the document');
    index.snippetsFor(query(callSite), 8000);
    index.snippetsFor(query(callSite), 8000);
    assert.equal(reads, 1);
    index.changed('g', { startLine: 1, endLine: 1, insertedLineBreaks: 0 });
    index.snippetsFor(query(callSite), 8000);
    assert.equal(reads, 2);
  });

  it('builds windows ahead of requests when idle, leaving the document being typed in', () => {
    const index = new ContextIndex();
    const reads: string[] = [];
    for (const name of ['src/geometry.ts', 'src/main.ts']) {
      index.open(name, {
        relativePath: name,
        languageId: 'typescript',
        length: () => geometry.length,
        text: () => (reads.push(name), geometry),
      });
    }
    index.prepare('src/main.ts');
    assert.deepEqual(reads, ['src/geometry.ts']);
    assert.ok(index.snippetsFor(query(callSite), 8000).length > 0);
    assert.deepEqual(reads, ['src/geometry.ts'], 'the request found the windows ready');
  });

  it('bounds what it holds: documents tracked, file size and indexed text', () => {
    const limits = {
      ...defaultContextLimits,
      maxDocuments: 3,
      maxFileChars: 5000,
      maxIndexedChars: 2.5 * geometry.length,
    };
    const index = new ContextIndex(limits);
    for (let i = 0; i < 10; i++)
      open(index, `src/f${i}.ts`, geometry.replace(/noise|other/g, `w${i}x`));
    assert.equal(index.size, 3);
    const paths = () =>
      new Set(index.snippetsFor(query(callSite), 8000).map((s) => s.relativePath));
    // Only the two most recently used fit in the indexed-text bound.
    assert.deepEqual(paths(), new Set(['src/f9.ts', 'src/f8.ts']));

    const large = new ContextIndex(limits);
    open(large, 'src/huge.ts', `${geometry}\n${filler(200)}`);
    assert.deepEqual(large.snippetsFor(query(callSite), 8000), []);
  });

  it('forgets a closed document and its edits', () => {
    const index = new ContextIndex();
    open(index, 'src/geometry.ts', geometry);
    index.changed('src/geometry.ts', { startLine: 41, endLine: 41, insertedLineBreaks: 0 });
    index.close('src/geometry.ts');
    assert.deepEqual(index.snippetsFor(query(callSite), 8000), []);
    assert.equal(index.size, 0);
    assert.equal(
      index.changed('src/geometry.ts', { startLine: 1, endLine: 1, insertedLineBreaks: 0 }),
      false,
      'a change to a document not tracked is nothing to do',
    );
  });
});
