import * as assert from 'node:assert/strict';
import { firstStopIndex, planStops } from '../../src/core/stops';

describe('stops', () => {
  it('sends the extension’s stops first, then the user’s, at most four, and enforces all', () => {
    const plan = planStops(['\n'], ['END', '\n', '', 'a', 'b', 'c']);
    assert.deepEqual(plan.sent, ['\n', 'END', 'a', 'b']);
    assert.deepEqual(plan.enforced, ['\n', 'END', 'a', 'b', 'c']);
  });

  it('finds the earliest stop, treating stops as plain text (no RegExp)', () => {
    assert.equal(firstStopIndex('abc.*def', ['.*', 'c']), 2);
    assert.equal(firstStopIndex('a(b', ['(']), 1);
    assert.equal(firstStopIndex('abc', ['x']), -1);
  });
});
