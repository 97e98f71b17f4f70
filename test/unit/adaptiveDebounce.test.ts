import * as assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../src/core/adaptiveDebounce';
import { atCursor } from '../support/cursor';

function at(pause: AdaptiveDebounce, marked: string) {
  const { prefix, suffix } = atCursor(marked);
  return pause.next(200, prefix, suffix);
}

describe('AdaptiveDebounce', () => {
  it('halves the wait at a natural boundary', () => {
    const pause = new AdaptiveDebounce(() => 0);
    assert.equal(at(pause, 'call(█)'), 100);
    assert.equal(at(pause, 'const x =█'), 100);
    assert.equal(at(pause, 'if (ok) {\n  █\n}'), 100);
  });

  it('waits longer while the user types fast mid-word, the configured time otherwise', () => {
    let clock = 0;
    const pause = new AdaptiveDebounce(() => clock);
    assert.equal(at(pause, 'retu█'), 200, 'no typing history yet');
    for (const text of ['retur█', 'return█', 'return v█', 'return va█']) {
      clock += 80;
      at(pause, text);
    }
    clock += 80;
    assert.equal(at(pause, 'return val█'), 300);
    clock += 5000; // a long pause is not typing speed
    assert.equal(at(pause, 'return valu█ + 1'), 300, 'still fast by the recent gaps');
  });

  it('shortens the wait less at a boundary while the user types fast', () => {
    let clock = 0;
    const pause = new AdaptiveDebounce(() => clock);
    for (const text of ['f█', 'fo█', 'foo█', 'foo(█)']) {
      clock += 80;
      at(pause, text);
    }
    clock += 80;
    assert.equal(at(pause, 'foo(a,█)'), 150);
  });

  it('does not treat a word in the middle of a line as a boundary', () => {
    const pause = new AdaptiveDebounce(() => 0);
    assert.equal(at(pause, 'const x = fo█o + 1'), 200);
  });
});
