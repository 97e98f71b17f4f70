import * as assert from 'node:assert/strict';
import { debounce } from '../../../src/core/timing/debounce';

describe('debounce', () => {
  it('resolves true after the wait', async () => {
    const started = Date.now();
    assert.equal(await debounce(30, new AbortController().signal), true);
    assert.ok(Date.now() - started >= 25);
  });

  it('resolves false as soon as the signal aborts (the user typed again)', async () => {
    const controller = new AbortController();
    const waiting = debounce(10_000, controller.signal);
    setTimeout(() => controller.abort(), 5);
    assert.equal(await waiting, false);
  });

  it('does not wait at all for 0 ms, and not at all when already aborted', async () => {
    assert.equal(await debounce(0, new AbortController().signal), true);
    assert.equal(await debounce(50, AbortSignal.abort()), false);
  });
});
