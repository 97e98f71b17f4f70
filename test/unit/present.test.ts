import * as assert from 'node:assert/strict';
import { present } from '../../src/core/postprocess/present';
import { atCursor } from '../support/cursor';

/** The ghost text shown for a server reply at the marked cursor. */
function ghost(marked: string, reply: string) {
  return present(reply, atCursor(marked).suffix);
}

describe('present (post-processing v1)', () => {
  it('trims trailing whitespace, on every line and at the end', () => {
    assert.deepEqual(ghost('x = █', 'foo()  \n  bar() \t\n\n'), {
      text: 'foo()\n  bar()',
      replaceChars: 0,
    });
  });

  it('drops empty and whitespace-only results', () => {
    assert.equal(ghost('x = █', ''), undefined);
    assert.equal(ghost('x = █', ' \n\t '), undefined);
  });

  it('replaces the rest of the line instead of duplicating it', () => {
    assert.deepEqual(ghost('print(█)', 'x, y)'), { text: 'x, y)', replaceChars: 1 });
    assert.deepEqual(ghost('foo(█);  \nnext', 'a, b);'), { text: 'a, b);', replaceChars: 2 });
  });

  it('inserts when the completion does not end with the rest of the line', () => {
    assert.deepEqual(ghost('print(█)', 'x, y'), { text: 'x, y', replaceChars: 0 });
  });

  it('drops a completion that only restates the rest of the line', () => {
    assert.equal(ghost('call(█);', ');'), undefined);
  });
});
