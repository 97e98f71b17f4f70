import * as assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../../src/core/timing/adaptiveDebounce';
import { atCursor } from '../../support/cursor';

function at(pause: AdaptiveDebounce, marked: string) {
  const { prefix, suffix } = atCursor(marked);
  return pause.next(200, prefix, suffix);
}

/** A debounce that has seen the user type four keys `gapMs` apart; returns it and its clock. */
function typingEvery(gapMs: number) {
  const clock = { now: 0 };
  const pause = new AdaptiveDebounce(() => clock.now);
  for (const text of ['f█', 'fo█', 'foo█', 'food█']) {
    clock.now += gapMs;
    at(pause, text);
  }
  clock.now += gapMs;
  return { pause, clock };
}

describe('AdaptiveDebounce', () => {
  it('asks soonest on a fresh line, sooner after an opener at the end of the line', () => {
    // No typing history yet: the rhythm is unknown.
    const fresh = () => new AdaptiveDebounce(() => 0);
    assert.equal(at(fresh(), 'if (ok) {\n  █\n}'), 20);
    assert.equal(at(fresh(), 'call(█)'), 60);
    assert.equal(at(fresh(), 'const x = █'), 60);
    assert.equal(at(fresh(), 'const x = fo█'), 200, 'inside a word: the configured wait');
  });

  it('waits longer everywhere while the user types fast', () => {
    assert.equal(at(typingEvery(80).pause, '  █'), 40);
    assert.equal(at(typingEvery(80).pause, 'call(█)'), 100);
    assert.equal(at(typingEvery(80).pause, 'return val█'), 300);
    assert.equal(at(typingEvery(400).pause, 'return val█'), 200, 'typing slowly');
  });

  it('does not count a long pause as typing speed', () => {
    const { pause, clock } = typingEvery(80);
    clock.now += 5000;
    assert.equal(at(pause, 'return valu█ + 1'), 300, 'still fast by the recent gaps');
  });

  it('does not treat a boundary with more text after the cursor as a pause point', () => {
    assert.equal(at(new AdaptiveDebounce(() => 0), 'const x = █foo + 1'), 200);
    assert.equal(at(new AdaptiveDebounce(() => 0), 'f(a, █)'), 200, 'nor is a comma');
    assert.equal(at(new AdaptiveDebounce(() => 0), 'const xs = [█]'), 200, 'nor a bracket');
  });
});
