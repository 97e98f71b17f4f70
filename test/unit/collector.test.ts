import * as assert from 'node:assert/strict';
import { blockContextAt } from '../../src/core/postprocess/blockEnd';
import { CompletionCollector } from '../../src/core/postprocess/collector';
import { atCursor } from '../support/cursor';

describe('CompletionCollector', () => {
  it('in single-line mode decides at the first newline, even one split across deltas', () => {
    const collector = new CompletionCollector('singleLine', []);
    assert.equal(collector.push('return a'), false);
    assert.equal(collector.push(' + b;'), false);
    assert.equal(collector.push('\n}'), true);
    assert.equal(collector.text, 'return a + b;');
    assert.equal(collector.isDecided, true);
  });

  it('cuts at a stop sequence that spans two deltas (client-side stops)', () => {
    const collector = new CompletionCollector('multiLine', ['END']);
    assert.equal(collector.push('line 1\nline 2 EN'), false);
    assert.equal(collector.push('D more'), true);
    assert.equal(collector.text, 'line 1\nline 2 ');
  });

  it('keeps everything in multi-line mode when no stop appears', () => {
    const collector = new CompletionCollector('multiLine', ['\n\n\n']);
    collector.push('a\n');
    collector.push('b\n');
    assert.equal(collector.text, 'a\nb\n');
    assert.equal(collector.isDecided, false);
  });
});

describe('CompletionCollector at the end of a block (multi-line)', () => {
  function collect(marked: string, chunks: string[]) {
    const { prefix, suffix } = atCursor(marked);
    const collector = new CompletionCollector('multiLine', [], blockContextAt(prefix, suffix));
    const decidedAt = chunks.findIndex((chunk) => collector.push(chunk));
    return { text: collector.text, decidedAt };
  }

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
    const { text } = collect('def f(x):\n    █', ['y = x * 2\n    return y\n', 'print(f(2))\n']);
    assert.equal(text, 'y = x * 2\n    return y');
  });

  it('does not judge a line that is still streaming', () => {
    const { text, decidedAt } = collect('if (ok) {\n  █\n}', ['run();\n', '}']);
    assert.equal(decidedAt, -1);
    assert.equal(text, 'run();\n}');
  });
});
