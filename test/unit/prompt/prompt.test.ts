import * as assert from 'node:assert/strict';
import { buildPrompt } from '../../../src/core/prompt/buildPrompt';
import {
  defaultBudget,
  estimateTokens,
  PROMPT_BUDGET_TOKENS,
} from '../../../src/core/prompt/budget';
import { fimFormatNamed } from '../../../src/core/prompt/fimFamilies';
import { parseFimTemplate } from '../../../src/core/prompt/fimTemplate';
import { atCursor } from '../../support/cursor';

function doc(marked: string, languageId = 'typescript', relativePath = 'src/app.ts') {
  return { ...atCursor(marked), languageId, relativePath, repoName: 'shop' };
}

const small = { prefixChars: 100, suffixChars: 50, contextChars: 0 };
const helper = {
  relativePath: 'src/money.ts',
  text: 'export function cents(x: number) {\n  return x * 100;\n}',
};
const other = { relativePath: 'src/tax.ts', text: 'export const RATE = 0.2;' };

function format(name: string) {
  const found = fimFormatNamed(name);
  assert.ok(found, name);
  return found;
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
    const prompt = buildPrompt(doc(`${lines}\nlast█`), { budget: small });
    assert.ok(prompt.prefix.length <= 100, `prefix is ${prompt.prefix.length} chars`);
    assert.match(prompt.prefix, /^line \d+\n/);
    assert.ok(prompt.prefix.endsWith('line 999\nlast'));
    assert.ok(!prompt.prompt.includes('line 0\n'), 'the start of the file is outside the window');
  });

  it('keeps a line that starts exactly at the window edge', () => {
    const prompt = buildPrompt(doc('aaaa\nbbbb\ncc█'), { budget: { ...small, prefixChars: 7 } });
    assert.equal(prompt.prefix, 'bbbb\ncc');
  });

  it('keeps the cursor line whole even when it alone is over budget', () => {
    const long = 'x'.repeat(500);
    const prompt = buildPrompt(doc(`first\n${long}█`), { budget: small });
    assert.equal(prompt.prefix, long);
  });

  it('bounds the suffix and cuts it at a line end', () => {
    const after = Array.from({ length: 100 }, (_, i) => `after ${i}`).join('\n');
    const prompt = buildPrompt(doc(`x = █\n${after}`), { budget: { ...small, suffixChars: 40 } });
    assert.ok(prompt.suffix.length <= 40);
    assert.ok(prompt.suffix.startsWith('\nafter 0\n'));
    assert.ok(!prompt.suffix.endsWith('\n'));
    assert.ok(!prompt.prompt.includes('after'), 'the suffix is not part of the plain prompt');
  });

  it('keeps the rest of the cursor line whole in the suffix even when it alone is over budget', () => {
    const long = 'y'.repeat(500);
    const prompt = buildPrompt(doc(`x = █${long}\nnext`), { budget: small });
    assert.equal(prompt.suffix, long);
  });

  describe('the budget', () => {
    it('is 3,000 tokens shared 40/15/45 and estimated at four characters per token', () => {
      assert.equal(PROMPT_BUDGET_TOKENS, 3000);
      assert.deepEqual(defaultBudget, { prefixChars: 4800, suffixChars: 1800, contextChars: 5400 });
      assert.equal(estimateTokens('x'.repeat(4001)), 1001);
    });

    it('gives the prefix what context leaves unused', () => {
      const lines = Array.from({ length: 40 }, (_, i) => `line ${String(i).padStart(2, '0')}`).join(
        '\n',
      );
      const budget = { prefixChars: 100, suffixChars: 50, contextChars: 200 };
      const without = buildPrompt(doc(`${lines}\n█`), { budget });
      assert.ok(without.prefix.length > 250, 'no context: prefix 100 + 200 chars');
      const withContext = buildPrompt(doc(`${lines}\n█`), { budget, snippets: [other] });
      assert.equal(withContext.contextChars, 69, 'the snippet as two comment lines');
      assert.ok(withContext.prefix.length <= 100 + 200 - 69);
      assert.ok(withContext.prefix.length > 200);
    });

    it('leaves out snippets that do not fit, keeping those that do, in order', () => {
      const budget = { prefixChars: 100, suffixChars: 50, contextChars: 80 };
      const prompt = buildPrompt(doc('x█'), { budget, snippets: [helper, other] });
      assert.ok(!prompt.prompt.includes('cents'), 'the first snippet is over budget');
      assert.ok(prompt.prompt.includes('RATE'));
      assert.ok(prompt.contextChars <= 80);
    });
  });

  describe('the suffix a FIM model sees', () => {
    const suffixOf = (marked: string, family?: string) =>
      buildPrompt(doc(marked), family ? { format: format(family) } : {}).suffix;

    it('keeps the rest of the line when it has words in it', () => {
      assert.equal(suffixOf('add(█, offset);\nnext();'), ', offset);\nnext();');
    });

    it('leaves out a rest of the line made of closing characters only (Tabby)', () => {
      assert.equal(suffixOf('add(█);\nnext();'), '\nnext();');
    });

    it('always leaves the rest of the line out for StarCoder and CodeLlama (Cody)', () => {
      assert.equal(suffixOf('add(█, offset);\nnext();', 'starcoder2'), '\nnext();');
      assert.equal(suffixOf('add(█, offset);\nnext();', 'codellama'), '\nnext();');
      assert.equal(suffixOf('add(█, offset);\nnext();', 'qwen'), ', offset);\nnext();');
    });

    it('sends "\\n" for an empty suffix (Continue, Tabby)', () => {
      assert.equal(suffixOf('end█'), '\n');
      assert.equal(suffixOf('end(█)'), '\n');
    });
  });

  describe('context snippets', () => {
    it('are comments of the file’s language, each introduced by its path, before the header', () => {
      const prompt = buildPrompt(doc('total = █', 'python', 'app.py'), {
        snippets: [{ relativePath: 'lib/tax.py', text: 'RATE = 0.2\n\ndef tax(x):' }],
      });
      assert.equal(
        prompt.prompt,
        '# Compare this snippet from lib/tax.py:\n# RATE = 0.2\n#\n# def tax(x):\n' +
          '# Path: app.py\n# Language: python\ntotal = ',
      );
    });

    it('are files of the repository for Qwen2.5-Coder (its report, Fig. 4)', () => {
      const prompt = buildPrompt(doc('const p = cents(█);\n'), {
        snippets: [helper, other],
        format: format('qwen'),
        template: true,
      });
      assert.equal(
        prompt.prompt,
        '<|repo_name|>shop\n' +
          `<|file_sep|>src/money.ts\n${helper.text}\n` +
          `<|file_sep|>src/tax.ts\n${other.text}\n` +
          '<|file_sep|>src/app.ts\n<|fim_prefix|>const p = cents(<|fim_suffix|>\n<|fim_middle|>',
      );
    });

    it('are files of the repository for StarCoder2 (its paper, §5.1)', () => {
      const prompt = buildPrompt(doc('const p = cents(█);\n'), {
        snippets: [other],
        format: format('starcoder2'),
        template: true,
      });
      assert.equal(
        prompt.prompt,
        `<repo_name>shop<file_sep>src/tax.ts\n${other.text}` +
          '<file_sep><fim_prefix>src/app.ts\nconst p = cents(<fim_suffix>\n<fim_middle>',
      );
    });

    it('are comments inside the prefix for families without repository tokens', () => {
      const prompt = buildPrompt(doc('x = █'), {
        snippets: [other],
        format: format('codestral'),
        template: true,
      });
      assert.equal(
        prompt.prompt,
        '[SUFFIX]\n[PREFIX]// Compare this snippet from src/tax.ts:\n// export const RATE = 0.2;\n' +
          '// Path: src/app.ts\n// Language: typescript\nx = ',
      );
    });
  });

  describe('custom templates', () => {
    it('fill {prefix}, {suffix}, {path} and {language} once: code that contains "{suffix}" stays as written', () => {
      const choice = parseFimTemplate('<PRE>{path} {language}\n{prefix}<SUF>{suffix}<MID>');
      assert.equal(choice.kind, 'format');
      if (choice.kind !== 'format') return;
      const prompt = buildPrompt(doc('s = "{suffix}"█ + tail'), {
        format: choice.format,
        template: true,
      });
      assert.equal(
        prompt.prompt,
        '<PRE>src/app.ts typescript\n// Path: src/app.ts\n// Language: typescript\ns = "{suffix}"<SUF> + tail<MID>',
      );
      assert.deepEqual(choice.format.stops, ['<PRE>', '<SUF>', '<MID>']);
    });

    it('are refused with a message that says why', () => {
      const cases: [string, RegExp][] = [
        ['<fim_suffix>{suffix}<fim_middle>', /no \{prefix\}/],
        ['{prefix}{cursor}', /unknown placeholder \{cursor\}/],
        ['starcoder3', /not a known FIM family.*starcoder2/],
      ];
      for (const [value, message] of cases) {
        const parsed = parseFimTemplate(value);
        assert.equal(parsed.kind, 'invalid', value);
        if (parsed.kind === 'invalid') assert.match(parsed.message, message);
      }
    });

    it('accept "auto" and family names in any case', () => {
      assert.deepEqual(parseFimTemplate(' Auto '), { kind: 'auto' });
      const named = parseFimTemplate('StarCoder2');
      assert.equal(named.kind === 'format' && named.format.name, 'starcoder2');
    });
  });
});
