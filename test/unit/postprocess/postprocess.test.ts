import * as assert from 'node:assert/strict';
import { siteOf } from '../../../src/core/postprocess/context';
import { dropExistingClosers, repeatsNeighbour } from '../../../src/core/postprocess/duplicates';
import { dropRestatedStart, gluedOnWord } from '../../../src/core/postprocess/glued';
import { contentStart, specialTokenAt } from '../../../src/core/postprocess/junk';
import { postprocess } from '../../../src/core/postprocess/pipeline';
import { repetitionCut } from '../../../src/core/postprocess/repetition';
import { consumedRest } from '../../../src/core/postprocess/restOfLine';
import { editorIndentation, joinAtCursor } from '../../../src/core/postprocess/whitespace';
import { atCursor } from '../../support/cursor';
import { loadCorpus } from '../../support/postprocessCorpus';

function site(marked: string, languageId = 'typescript', indentation = {}) {
  const { prefix, suffix } = atCursor(marked);
  return siteOf({ prefix, suffix, languageId, ...indentation });
}

describe('post-processing stages', () => {
  it('rest of line: counts the characters consumed in order, brackets only when closed', () => {
    assert.equal(consumedRest('input: &str) -> Ast {', ')'), 1);
    assert.equal(consumedRest('x', ');'), 0, 'f(x); stays f(x);');
    assert.equal(consumedRest('x);', ');'), 2);
    assert.equal(consumedRest('x)', ');'), 1, 'the closer, not the statement end');
    assert.equal(consumedRest('abs(a), abs(b)', ')'), 0, 'a paren the completion opened itself');
    assert.equal(consumedRest('a) + h', ') + g'), 1, 'a partial match only over closers');
    assert.equal(consumedRest('x;', ' }'), 0, 'whitespace alone is not consumed');
    assert.equal(consumedRest('() => {\n  run();\n})', ')'), 1, 'on the last line');
    assert.equal(
      consumedRest('() => {\n  run();\n}', ')'),
      0,
      'the first line’s paren was its own',
    );
    assert.equal(consumedRest('n: u32) -> u32 {\n  n\n}', ')'), 1, 'a first line closing it');
  });

  it('junk: special tokens found where they start, leading fences and headers skipped', () => {
    const at = site('x = █');
    assert.equal(specialTokenAt('a<|endoftext|>b', 0, at), 1);
    assert.equal(specialTokenAt('a<｜fim▁hole｜>', 0, at), 1);
    assert.equal(specialTokenAt('Map<string, number>', 0, at), -1);
    const line = site('█');
    assert.equal(contentStart('```ts\n// Path: a.ts\ncode', line, false), 20);
    assert.equal(contentStart('``', line, false), undefined, 'may still become a fence');
    assert.equal(contentStart('⟨U+200B⟩'.replace('⟨U+200B⟩', '\u200b') + 'x', line, false), 1);
    assert.equal(contentStart('🎉 x', site('print("█")', 'python'), false), 0, 'in a string');
  });

  it('repetition: four equal lines keep the first, a short unit along a line cuts it', () => {
    const at = site('function f() {\n  █');
    assert.equal(repetitionCut('a\nb\nb\nb\n', 0, at, false), undefined, 'three are code');
    assert.equal(repetitionCut('a\nb\nb\nb\nb\n', 0, at, false), 3);
    assert.equal(repetitionCut('f(a, a, a, a, a, a, a, a, a, a, a, a', 0, at, false), 0);
    assert.equal(repetitionCut('// ------------------------', 0, at, false), undefined);
  });

  it('duplicates: the next line, the line above, closers already there', () => {
    assert.ok(repeatsNeighbour('return x', site('{\n  █\n  return x;\n}')));
    assert.ok(!repeatsNeighbour('const b = 2;', site('const a = 1;\n█\nconst c = 3;')));
    assert.ok(repeatsNeighbour('import sys', site('import sys\n█', 'python')));
    assert.ok(repeatsNeighbour('}', site('f() {\n  x;\n█\n}')));
    assert.ok(!repeatsNeighbour('}', site('f() {\n  if (a) {\n    x;\n  █\n}')));
    assert.equal(dropExistingClosers('\nreturn 1;\n}', site('f() {█\n}')), '\nreturn 1;');
    assert.equal(dropExistingClosers('\n  x;\n  }', site('f() {█\n}')), '\n  x;', 'unopened');
    const opened = '\n  if (a) {\n    x;\n  }';
    assert.equal(dropExistingClosers(opened, site('f() {█\n}')), opened, 'its own block');
  });

  it('glued text: a restated start is dropped, text glued onto a keyword is refused', () => {
    assert.equal(dropRestatedStart('const user = 1;', site('const us█')), 'er = 1;');
    assert.equal(dropRestatedStart('return x;', site('  re█')), 'turn x;');
    assert.equal(dropRestatedStart('turn x;', site('  re█')), 'turn x;');
    assert.ok(gluedOnWord('items;', site('items.sort();\n  retur█')));
    assert.ok(!gluedOnWord('n items;', site('items.sort();\n  retur█')));
    assert.ok(!gluedOnWord('erById(id)', site('getUser(1);\ngetUs█')), 'extends a known word');
    assert.ok(!gluedOnWord('lt = 1', site('const resu█')), 'a new word');
    assert.ok(!gluedOnWord('unt = 0', site('let co█')), 'a new name starting like const');
  });

  it('whitespace: one space at the join, indentation in the editor’s style', () => {
    assert.equal(joinAtCursor('  a + b', site('return █')), 'a + b');
    assert.equal(joinAtCursor(' a', site('x =█')), ' a');
    assert.equal(joinAtCursor('    return 1', site('def f():\n    █', 'python')), 'return 1');
    const tabs = site('func f() {\n\t█', 'go', { insertSpaces: false, tabSize: 4 });
    assert.equal(editorIndentation('a()\n        b()', tabs), 'a()\n\t\tb()');
    const spaces = site('f() {\n  █', 'typescript', { insertSpaces: true, tabSize: 2 });
    assert.equal(editorIndentation('a()\n\t\tb()', spaces), 'a()\n    b()');
    assert.equal(editorIndentation('a()\n\tb()', site('f() {\n  █')), 'a()\n\tb()', 'unknown');
  });
});

describe('postprocess on text still streaming', () => {
  it('gives, on every prefix of every corpus answer, a prefix of the final result or nothing', () => {
    for (const testCase of loadCorpus()) {
      const { prefix, suffix } = atCursor(testCase.document);
      const context = { prefix, suffix, languageId: testCase.languageId, ...testCase.indentation };
      const final = postprocess(testCase.output, context, { final: true });
      for (let end = 0; end < testCase.output.length; end++) {
        const partial = postprocess(testCase.output.slice(0, end), context, { final: false });
        if (partial === undefined) continue;
        assert.ok(
          final !== undefined && final.text.startsWith(partial.text),
          `${testCase.source}: after ${end} chars ${JSON.stringify(partial.text)} is not a ` +
            `prefix of ${JSON.stringify(final?.text)}`,
        );
      }
    }
  });

  it('shows the settled lines of a block before the block ends, without replacing yet', () => {
    const { prefix, suffix } = atCursor('function f() {█}');
    const context = { prefix, suffix, languageId: 'typescript' };
    const partial = postprocess('\n  const a = 1;\n  const b = 2;\n  ret', context, {
      final: false,
    });
    assert.deepEqual(partial, { text: '\n  const a = 1;\n  const b = 2;', replaceChars: 0 });
    const whole = postprocess('\n  const a = 1;\n  return a;\n}', context, { final: true });
    assert.deepEqual(whole, { text: '\n  const a = 1;\n  return a;\n}', replaceChars: 1 });
  });

  it('shows nothing of a single line until it is whole', () => {
    const { prefix, suffix } = atCursor('f(█, 2);');
    const context = { prefix, suffix, languageId: 'javascript' };
    assert.equal(postprocess('compu', context, { final: false }), undefined);
    assert.deepEqual(postprocess('compute()\nmore', context, { final: false }), {
      text: 'compute()',
      replaceChars: 0,
    });
  });
});
