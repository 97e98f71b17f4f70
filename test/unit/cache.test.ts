import * as assert from 'node:assert/strict';
import { CompletionCache } from '../../src/core/cache';
import { atCursor } from '../support/cursor';

describe('CompletionCache', () => {
  it('answers the exact position it was asked for', () => {
    const cache = new CompletionCache();
    cache.set(atCursor('const x = █;\n'), 'compute(1)');
    assert.equal(cache.get(atCursor('const x = █;\n')), 'compute(1)');
  });

  it('answers a position reached by typing the start of the completion with its remainder', () => {
    const cache = new CompletionCache();
    cache.set(atCursor('const x = █;\n'), 'compute(1)');
    assert.equal(cache.get(atCursor('const x = comp█;\n')), 'ute(1)');
    assert.equal(cache.get(atCursor('const x = compute(1█;\n')), ')');
  });

  it('answers after deleting back into the completion', () => {
    const cache = new CompletionCache();
    cache.set(atCursor('f(█)'), 'alpha, beta');
    assert.equal(cache.get(atCursor('f(alpha, b█)')), 'eta');
    assert.equal(cache.get(atCursor('f(alpha█)')), ', beta');
  });

  it('misses when the typed text diverges, the text after changes, or everything was typed', () => {
    const cache = new CompletionCache();
    cache.set(atCursor('const x = █;\n'), 'compute(1)');
    assert.equal(cache.get(atCursor('const x = cox█;\n')), undefined);
    assert.equal(cache.get(atCursor('const x = comp█);\n')), undefined);
    assert.equal(cache.get(atCursor('const x = compute(1)█;\n')), undefined);
    assert.equal(cache.get(atCursor('const y = █;\n')), undefined);
    assert.equal(cache.get(atCursor('const x =█ ;\n')), undefined, 'the cursor moved back');
  });

  it('recognises the position from windows, without the whole document', () => {
    const cache = new CompletionCache();
    const top = 'x'.repeat(50_000) + '\n';
    const whole = atCursor(`${top}const total = █;\n`);
    cache.set(whole, 'sum(items)');
    // The adapter later sends only windows around the cursor; the offsets still line up.
    const typed = atCursor(`${top}const total = su█;\n`);
    const windowed = { ...typed, prefix: typed.prefix.slice(-4000) };
    assert.equal(cache.get(windowed), 'm(items)');
  });

  it('evicts the least recently used entry beyond its entry bound', () => {
    const cache = new CompletionCache(2);
    cache.set(atCursor('a█'), 'A');
    cache.set(atCursor('b█'), 'B');
    assert.equal(cache.get(atCursor('a█')), 'A'); // a is now the most recent
    cache.set(atCursor('c█'), 'C');
    assert.equal(cache.size, 2);
    assert.equal(cache.get(atCursor('b█')), undefined);
    assert.equal(cache.get(atCursor('a█')), 'A');
    assert.equal(cache.get(atCursor('c█')), 'C');
  });

  it('stays within its byte bound whatever the completions weigh', () => {
    const cache = new CompletionCache(1000, 64 * 1024);
    for (let i = 0; i < 100; i++) cache.set(atCursor(`line ${i} █`), 'y'.repeat(4000));
    assert.ok(cache.byteSize <= 64 * 1024, `${cache.byteSize} bytes`);
    assert.ok(cache.size > 0 && cache.size < 100);
    assert.equal(cache.get(atCursor('line 99 █'))?.length, 4000, 'the newest survives');
  });
});
