import * as assert from 'node:assert/strict';
import { completionMode, stopsFor } from '../../src/core/completionMode';
import { atCursor } from '../support/cursor';

function modeOf(marked: string) {
  const { prefix, suffix } = atCursor(marked);
  return completionMode(prefix, suffix);
}

describe('completionMode', () => {
  it('is multi-line on an empty line right after a block opener', () => {
    assert.equal(modeOf('function f() {\n  █\n}'), 'multiLine');
    assert.equal(modeOf('def f(x):\n    █'), 'multiLine');
    assert.equal(modeOf('const f = () =>\n  █'), 'multiLine');
    assert.equal(modeOf('items = [\n\n  █'), 'multiLine', 'blank lines between are skipped');
    assert.equal(modeOf('if x then\n  █'), 'multiLine');
  });

  it('is single-line mid-line, after a plain statement, or with text after the cursor', () => {
    assert.equal(modeOf('const x = █'), 'singleLine');
    assert.equal(modeOf('const x = 1;\n█'), 'singleLine');
    assert.equal(modeOf('function f() {\n  █ return 1;\n}'), 'singleLine');
    assert.equal(modeOf('function f() {█'), 'singleLine');
    assert.equal(modeOf('█'), 'singleLine');
  });

  it('sends a newline stop in single-line mode and block-end stops in multi-line mode', () => {
    assert.deepEqual(stopsFor('singleLine'), ['\n']);
    assert.ok(stopsFor('multiLine').includes('\n\n\n'));
    assert.ok(!stopsFor('multiLine').includes('\n'));
  });
});
