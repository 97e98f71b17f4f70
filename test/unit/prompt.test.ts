import * as assert from 'node:assert/strict';
import { buildPrompt } from '../../src/core/prompt/buildPrompt';
import { atCursor } from '../support/cursor';

function doc(marked: string, languageId = 'typescript', relativePath = 'src/app.ts') {
  return { ...atCursor(marked), languageId, relativePath };
}

describe('buildPrompt', () => {
  it('starts with a header naming the path and language in the language’s comment syntax', () => {
    assert.equal(
      buildPrompt(doc('const x = █;')).prompt,
      '// Path: src/app.ts\n// Language: typescript\nconst x = ',
    );
    assert.equal(
      buildPrompt(doc('def f():\n    █', 'python', 'pkg/mod.py')).prompt,
      '# Path: pkg/mod.py\n# Language: python\ndef f():\n    ',
    );
    assert.match(
      buildPrompt(doc('<p>█', 'html', 'index.html')).prompt,
      /^<!-- Path: index.html -->\n/,
    );
  });

  it('bounds the prefix by the budget and cuts it at a line start', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const prompt = buildPrompt(doc(`${lines}\nlast█`), [], { prefixChars: 100, suffixChars: 50 });
    assert.ok(prompt.prefix.length <= 100, `prefix is ${prompt.prefix.length} chars`);
    assert.match(prompt.prefix, /^line \d+\n/);
    assert.ok(prompt.prefix.endsWith('line 999\nlast'));
    assert.ok(!prompt.prompt.includes('line 0\n'), 'the start of the file is outside the window');
  });

  it('keeps a line that starts exactly at the window edge', () => {
    const prompt = buildPrompt(doc('aaaa\nbbbb\ncc█'), [], { prefixChars: 7, suffixChars: 10 });
    assert.equal(prompt.prefix, 'bbbb\ncc');
  });

  it('keeps the cursor line whole even when it alone is over budget', () => {
    const long = 'x'.repeat(500);
    const prompt = buildPrompt(doc(`first\n${long}█`), [], { prefixChars: 100, suffixChars: 10 });
    assert.equal(prompt.prefix, long);
  });

  it('bounds the suffix and cuts it at a line end', () => {
    const after = Array.from({ length: 100 }, (_, i) => `after ${i}`).join('\n');
    const prompt = buildPrompt(doc(`x = █\n${after}`), [], { prefixChars: 100, suffixChars: 40 });
    assert.ok(prompt.suffix.length <= 40);
    assert.ok(prompt.suffix.startsWith('\nafter 0\n'));
    assert.ok(!prompt.suffix.endsWith('\n'));
    assert.ok(!prompt.prompt.includes('after'), 'the suffix is not part of the plain prompt');
  });
});
