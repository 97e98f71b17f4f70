import * as assert from 'node:assert/strict';
import { fimFormatOfModel } from '../../../src/core/prompt/fimFamilies';

/** Model ids as servers spell them (Ollama tags, Hugging Face repos, GGUF files, OpenRouter). */
const IDS: Readonly<Record<string, string | undefined>> = {
  'qwen2.5-coder:1.5b': 'qwen',
  'Qwen/Qwen2.5-Coder-1.5B': 'qwen',
  'qwen2.5-coder-1.5b-instruct-q8_0.gguf': 'qwen',
  'qwen/qwen-2.5-coder-32b-instruct': 'qwen',
  'Qwen/Qwen3-Coder-30B-A3B-Instruct': 'qwen',
  'qwen3-coder:30b': 'qwen',
  'bigcode/starcoder2-3b': 'starcoder2',
  'starcoder2:7b': 'starcoder2',
  'second-state/StarCoder2-15B-GGUF': 'starcoder2',
  'bigcode/starcoder': 'starcoder',
  'TheBloke/starcoder-GGUF': 'starcoder',
  'stabilityai/stable-code-3b': 'starcoder',
  'stablecode-completion-alpha-3b-4k': 'starcoder',
  'Qwen/CodeQwen1.5-7B': 'starcoder',
  'HuggingFaceH4/starchat-beta': 'starcoder',
  'bigcode/octocoder': 'starcoder',
  'deepseek-ai/deepseek-coder-1.3b-base': 'deepseek',
  'TheBloke/deepseek-coder-6.7B-base-GGUF': 'deepseek',
  'deepseek-ai/DeepSeek-Coder-V2-Lite-Base': 'deepseek',
  'deepseek-coder:1.3b-base-q4_0': 'deepseek',
  'codellama:7b-code': 'codellama',
  'codellama/CodeLlama-13b-hf': 'codellama',
  'TheBloke/CodeLlama-7B-GGUF': 'codellama',
  'mistralai/codestral-2501': 'codestral',
  'codestral-latest': 'codestral',
  'google/codegemma-2b': 'codegemma',
  'codegemma:7b-code': 'codegemma',
  'granite-4.0-h-tiny': 'granite',
  'ibm-granite/granite-4.0-micro': 'granite',
  'granite4:micro': 'granite',
  'ByteDance-Seed/Seed-Coder-8B-Base': 'seed-coder',
  'seed-coder-8b-base-q4_k_m.gguf': 'seed-coder',
  // No FIM tokens, or a chat fine-tune: no format.
  'gpt-3.5-turbo-instruct': undefined,
  'openai/gpt-3.5-turbo-instruct': undefined,
  'deepseek-chat': undefined,
  'deepseek-coder-v2-instruct': undefined,
  'deepseek-ai/deepseek-coder-6.7b-instruct': undefined,
  'qwen2.5:7b': undefined,
  'Qwen/Qwen2.5-7B-Instruct': undefined,
  'codellama/CodeLlama-7b-Python-hf': undefined,
  'ByteDance-Seed/Seed-Coder-8B-Instruct': undefined,
  'granite3.1-dense:8b': undefined,
  'gemma2:9b': undefined,
  'mistral-7b-instruct': undefined,
  'llama3.1:8b': undefined,
  'gpt-4o': undefined,
  'test-model': undefined,
};

describe('the FIM family of a model id', () => {
  for (const [id, family] of Object.entries(IDS)) {
    it(`${id} -> ${family ?? 'none'}`, () => {
      assert.equal(fimFormatOfModel(id)?.name, family);
    });
  }
});
