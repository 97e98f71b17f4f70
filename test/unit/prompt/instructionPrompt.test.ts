import * as assert from 'node:assert/strict';
import { buildInstructionPrompt } from '../../../src/core/prompt/instructionPrompt';
import { atCursor } from '../../support/cursor';

function context(marked: string, instruction: string, selection = '', languageId = 'python') {
  return { ...atCursor(marked), languageId, relativePath: 'app.py', instruction, selection };
}

describe('buildInstructionPrompt', () => {
  it('asks for code at the cursor with the instruction as a comment of the language', () => {
    const built = buildInstructionPrompt(context('def f():\n    █', 'return the answer'));
    assert.equal(
      built.prompt,
      '# Path: app.py\n# Language: python\ndef f():\n    # return the answer\n    ',
    );
    assert.deepEqual(built.stop, ['\n\n\n']);
  });

  it('puts the comment on its own line when the cursor line has text', () => {
    const built = buildInstructionPrompt(context('    x = █', 'sum of a and b'));
    assert.ok(built.prompt.endsWith('    x = \n    # sum of a and b\n    '), built.prompt);
  });

  it('frames a selection as code to rewrite, ending at the closing fence', () => {
    const built = buildInstructionPrompt(
      context('█', 'add type hints\nplease', 'def f(a):\n    return a'),
    );
    assert.match(built.prompt, /Instruction: add type hints please\n/);
    assert.match(built.prompt, /```\ndef f\(a\):\n {4}return a\n```/);
    assert.ok(built.prompt.endsWith('applied:\n```\n'));
    assert.deepEqual(built.stop, ['\n```']);
  });
});
