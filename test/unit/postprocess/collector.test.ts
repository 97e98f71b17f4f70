import * as assert from 'node:assert/strict';
import { CompletionCollector } from '../../../src/core/postprocess/collector';
import { siteOf } from '../../../src/core/postprocess/context';
import { atCursor } from '../../support/cursor';

function collectorAt(marked: string, stops: string[] = [], languageId = 'typescript') {
  const { prefix, suffix } = atCursor(marked);
  return new CompletionCollector(stops, siteOf({ prefix, suffix, languageId }));
}

/** Pushes the chunks; returns the text and the index of the chunk that decided it (-1: none). */
function collect(marked: string, chunks: string[], languageId = 'typescript') {
  const collector = collectorAt(marked, [], languageId);
  const decidedAt = chunks.findIndex((chunk) => collector.push(chunk));
  return { text: collector.text, decidedAt };
}

describe('CompletionCollector', () => {
  it('mid-line decides at the first newline, even one split across deltas', () => {
    const collector = collectorAt('return █ + 1;');
    assert.equal(collector.push('return a'), false);
    assert.equal(collector.push(' + b;'), false);
    assert.equal(collector.push('\n}'), true);
    assert.equal(collector.text, 'return a + b;');
    assert.equal(collector.isDecided, true);
  });

  it('cuts at a stop sequence that spans two deltas (client-side stops)', () => {
    const collector = collectorAt('function f() {\n  █', ['END']);
    assert.equal(collector.push('line 1\n  line 2 EN'), false);
    assert.equal(collector.push('D more'), true);
    assert.equal(collector.text, 'line 1\n  line 2 ');
  });

  it('keeps reading a block body while no line ends it', () => {
    const { text, decidedAt } = collect('function f() {\n  █', ['a();\n', '  b();\n']);
    assert.equal(text, 'a();\n  b();\n');
    assert.equal(decidedAt, -1);
  });

  it('at the end of a line, reads past a leading newline to the next line, then decides', () => {
    const { text, decidedAt } = collect('const a = 1;█\n', ['\n', 'const b', ' = 2;\n', 'x']);
    assert.equal(text, '\nconst b = 2;');
    assert.equal(decidedAt, 2);
  });

  it('reads the block a first line opens, to its closing line', () => {
    const { text, decidedAt } = collect('█', ['if (ok) {\n', '  run();\n', '}\n', 'more();\n']);
    assert.equal(text, 'if (ok) {\n  run();\n}');
    assert.equal(decidedAt, 2);
  });

  it('decides at a special token and at a closing fence', () => {
    assert.equal(collect('x = █', ['a + b<|endoftext|>', 'junk']).text, 'a + b');
    assert.equal(
      collect('█', ['```ts\n', 'run();\n', '```\n', 'Explanation']).text,
      '```ts\nrun();',
    );
  });

  it('decides at a repetition loop, keeping the first line of it', () => {
    const chunks = ['a();\n', 'log(x);\n', 'log(x);\n', 'log(x);\n', 'log(x);\n'];
    const { text } = collect(
      'function f() {\n  █',
      chunks.map((c, i) => (i ? `  ${c}` : c)),
    );
    assert.equal(text, 'a();\n  log(x);');
  });
});

describe('CompletionCollector at the end of a block (multi-line)', () => {
  it('stops before a closing line the document already has', () => {
    const { text, decidedAt } = collect('function f() {\n  █\n}\n', [
      'const a = 1;\n',
      '  return a;\n',
      '}\n',
      'function g() {}\n',
    ]);
    assert.equal(text, 'const a = 1;\n  return a;');
    assert.equal(decidedAt, 2, 'decided as soon as the dedented line was complete');
  });

  it('keeps a closing line the document lacks, then stops', () => {
    const { text } = collect('function f() {\n  █', [
      'const a = 1;\n  return a;\n}\n',
      'more();\n',
    ]);
    assert.equal(text, 'const a = 1;\n  return a;\n}');
  });

  it('ends a Python block at the first dedented line', () => {
    const { text } = collect(
      'def f(x):\n    █',
      ['y = x * 2\n    return y\n', 'print(f(2))\n'],
      'python',
    );
    assert.equal(text, 'y = x * 2\n    return y');
  });

  it('does not judge a line that is still streaming', () => {
    const { text, decidedAt } = collect('if (ok) {\n  █\n}', ['run();\n', '}']);
    assert.equal(decidedAt, -1);
    assert.equal(text, 'run();\n}');
  });
});
