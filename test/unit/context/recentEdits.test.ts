import * as assert from 'node:assert/strict';
import { RecentEdits } from '../../../src/core/context/recentEdits';

const at = (line: number, insertedLineBreaks = 0, endLine = line) => ({
  startLine: line,
  endLine,
  insertedLineBreaks,
});

describe('RecentEdits', () => {
  it('counts typing along one spot as one edit that follows the cursor', () => {
    const edits = new RecentEdits();
    edits.record('a', at(10));
    edits.record('a', at(10));
    edits.record('a', at(11, 1));
    assert.deepEqual(edits.latest(), [{ key: 'a', line: 12 }]);
  });

  it('keeps the latest edits, most recent first, within its bound', () => {
    const edits = new RecentEdits(3);
    for (const [key, line] of [
      ['a', 1],
      ['b', 1],
      ['a', 50],
      ['c', 1],
    ] as const)
      edits.record(key, at(line));
    assert.deepEqual(edits.latest(), [
      { key: 'c', line: 1 },
      { key: 'a', line: 50 },
      { key: 'b', line: 1 },
    ]);
  });

  it('moves an earlier edit when lines are inserted or deleted above it', () => {
    const edits = new RecentEdits();
    edits.record('a', at(40));
    edits.record('a', at(2, 3)); // three lines inserted at line 2
    edits.record('a', at(20, 0, 25)); // five lines deleted at line 20
    assert.deepEqual(
      edits.latest().find((e) => e.line > 20),
      { key: 'a', line: 38 },
    );
    edits.forget('a');
    assert.deepEqual(edits.latest(), []);
  });
});
