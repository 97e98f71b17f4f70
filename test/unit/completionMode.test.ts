import * as assert from 'node:assert/strict';
import { completionMode, stopsFor } from '../../src/core/completionMode';
import { atCursor } from '../support/cursor';

function modeOf(marked: string, languageId = 'typescript') {
  const { prefix, suffix } = atCursor(marked);
  return completionMode(prefix, suffix, languageId);
}

describe('completionMode', () => {
  it('is multi-line on an empty line right after a block opener', () => {
    assert.equal(modeOf('function f() {\n  █\n}'), 'multiLine');
    assert.equal(modeOf('def f(x):\n    █', 'python'), 'multiLine');
    assert.equal(modeOf('const f = () =>\n  █'), 'multiLine');
    assert.equal(modeOf('items = [\n\n  █'), 'multiLine', 'blank lines between are skipped');
    assert.equal(modeOf('if x then\n  █', 'lua'), 'multiLine');
    assert.equal(modeOf('items.each do |item|\n  █', 'ruby'), 'multiLine');
  });

  it('is multi-line right after an opener at the end of a line, auto-closed or not', () => {
    assert.equal(modeOf('function f() {█'), 'multiLine');
    assert.equal(modeOf('function f() {█}'), 'multiLine');
    assert.equal(modeOf('if x > 0:█', 'python'), 'multiLine');
    assert.equal(modeOf('<div>█</div>', 'html'), 'multiLine', 'an auto-closed tag');
  });

  it('is single-line when code follows the cursor on its line', () => {
    assert.equal(modeOf('function f() {\n  █ return 1;\n}'), 'singleLine');
    assert.equal(modeOf('call(█, b);'), 'singleLine');
  });

  it('is line-or-block at the end of a line, before auto-closed brackets, and on empty lines', () => {
    assert.equal(modeOf('const x = █'), 'lineOrBlock');
    assert.equal(modeOf('const x = 1;█'), 'lineOrBlock');
    assert.equal(modeOf('const x = 1;\n█'), 'lineOrBlock');
    assert.equal(modeOf('print("█")', 'python'), 'lineOrBlock');
    assert.equal(modeOf('█'), 'lineOrBlock');
  });

  it('sends no newline stop (the client decides where a line ends), only block-end stops', () => {
    assert.deepEqual(stopsFor(), ['\n\n\n']);
  });
});
