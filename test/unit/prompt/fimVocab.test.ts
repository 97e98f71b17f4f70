// The special strings the StarCoder and DeepSeek-Coder formats write must each be ONE token
// of the real tokenizer, marked special (control or user-defined), or the model reads them as
// ordinary text and never fills the middle. The vocabularies are llama.cpp's vocab-only GGUF
// files (MIT, test/fixtures/vocab/LICENSE-llama.cpp); StarCoder's is StarCoder2's tokenizer.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildPrompt } from '../../../src/core/prompt/buildPrompt';
import { fimFormatNamed } from '../../../src/core/prompt/fimFamilies';
import { repoRoot } from '../../runner/paths';
import { readVocabulary } from '../../support/gguf';

/** llama.cpp `llama_token_type`: 3 control, 4 user-defined; both are parsed as special. */
const SPECIAL_TYPES = [3, 4];

function vocabulary(name: string) {
  return readVocabulary(
    path.join(repoRoot, 'test', 'fixtures', 'vocab', `ggml-vocab-${name}.gguf`),
  );
}

/** Every special string in a prompt the format writes, with context files: `<…>` runs. */
function specialsWritten(family: string): string[] {
  const format = fimFormatNamed(family);
  assert.ok(format);
  const { prompt } = buildPrompt(
    { prefix: 'a = ', suffix: ' + b', languageId: 'python', relativePath: 'm.py', repoName: 'r' },
    { format, template: true, snippets: [{ relativePath: 'n.py', text: 'b = 1' }] },
  );
  return [...new Set(prompt.match(/<[^<>\s]+>/g) ?? [])];
}

describe('FIM special strings are single special tokens of the real vocabulary', () => {
  const cases: [string, string, string[]][] = [
    [
      'starcoder',
      'starcoder2',
      ['<repo_name>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
    ],
    ['starcoder', 'starcoder', ['<fim_prefix>', '<fim_suffix>', '<fim_middle>']],
    ['deepseek-coder', 'deepseek', ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>']],
  ];
  for (const [vocab, family, expected] of cases) {
    it(`${family} writes ${expected.length} special strings, each one ${vocab} token`, () => {
      const written = specialsWritten(family);
      assert.deepEqual([...written].sort(), [...expected].sort());
      const { tokens, types } = vocabulary(vocab);
      for (const special of written) {
        const id = tokens.indexOf(special);
        assert.notEqual(id, -1, `${JSON.stringify(special)} is not one token of ${vocab}`);
        assert.ok(
          SPECIAL_TYPES.includes(types[id] ?? -1),
          `${special} has token type ${types[id]}`,
        );
      }
    });
  }

  it('the stops of both families are tokens too, so a model can write them', () => {
    for (const [vocab, family] of [
      ['starcoder', 'starcoder2'],
      ['deepseek-coder', 'deepseek'],
    ] as const) {
      const { tokens } = vocabulary(vocab);
      for (const stop of fimFormatNamed(family)?.stops ?? []) {
        assert.ok(tokens.includes(stop), `${family} stop ${stop} is not a ${vocab} token`);
      }
    }
  });

  it('DeepSeek-Coder’s bars are U+FF5C and its ▁ is U+2581, not ASCII', () => {
    const template = fimFormatNamed('deepseek')?.template ?? '';
    assert.ok(template.includes('\uFF5C') && template.includes('\u2581'));
    assert.ok(!/[|_ ]/.test(template.replace(/\{\w+\}/g, '')), template);
  });
});
