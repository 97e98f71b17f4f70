import * as assert from 'node:assert/strict';
import { CompletionCache } from '../../src/core/cache';

describe('CompletionCache', () => {
  it('answers the exact position it was asked for', () => {
    const cache = new CompletionCache();
    cache.set('const x = ', ';\n', 'compute(1)');
    assert.equal(cache.get('const x = ', ';\n'), 'compute(1)');
  });

  it('answers a position reached by typing the start of the completion with its remainder', () => {
    const cache = new CompletionCache();
    cache.set('const x = ', ';\n', 'compute(1)');
    assert.equal(cache.get('const x = comp', ';\n'), 'ute(1)');
    assert.equal(cache.get('const x = compute(1', ';\n'), ')');
  });

  it('misses when the typed text diverges, the suffix differs, or everything was typed', () => {
    const cache = new CompletionCache();
    cache.set('const x = ', ';\n', 'compute(1)');
    assert.equal(cache.get('const x = cox', ';\n'), undefined);
    assert.equal(cache.get('const x = comp', ');\n'), undefined);
    assert.equal(cache.get('const x = compute(1)', ';\n'), undefined);
    assert.equal(cache.get('const y = ', ';\n'), undefined);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new CompletionCache(2);
    cache.set('a', '', 'A');
    cache.set('b', '', 'B');
    assert.equal(cache.get('a', ''), 'A'); // a is now the most recent
    cache.set('c', '', 'C');
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b', ''), undefined);
    assert.equal(cache.get('a', ''), 'A');
    assert.equal(cache.get('c', ''), 'C');
  });
});
