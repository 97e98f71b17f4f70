import * as assert from 'node:assert/strict';
import { present } from '../../../src/core/postprocess/present';
import { atCursor } from '../../support/cursor';

/** The ghost text shown for a suggestion typed through, at the marked cursor. */
function ghost(marked: string, reply: string) {
  return present(reply, atCursor(marked).suffix);
}

describe('present (the last step, also for suggestions typed through)', () => {
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

  it('replaces the part of the rest of the line the completion consumes in order', () => {
    assert.deepEqual(ghost('print(█)', 'x, y)'), { text: 'x, y)', replaceChars: 1 });
    assert.deepEqual(ghost('foo(█);  \nnext', 'a, b);'), { text: 'a, b);', replaceChars: 2 });
    assert.deepEqual(ghost('parse(█)', 'input: &str) -> Ast {'), {
      text: 'input: &str) -> Ast {',
      replaceChars: 1,
    });
  });

  it('inserts when the completion does not close what follows the cursor', () => {
    assert.deepEqual(ghost('print(█)', 'x, y'), { text: 'x, y', replaceChars: 0 });
    assert.deepEqual(ghost('f(█);', 'x'), { text: 'x', replaceChars: 0 });
  });

  it('drops a completion that only restates the rest of the line', () => {
    assert.equal(ghost('call(█);', ');'), undefined);
  });
});
