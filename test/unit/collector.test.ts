import * as assert from 'node:assert/strict';
import { CompletionCollector } from '../../src/core/postprocess/collector';

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
