import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/engine';
import { FimDecisions, decideFim, type FimInputs } from '../../../src/core/fim/fimDecisions';
import { silentLogger } from '../../../src/core/logger';
import { atCursor } from '../../support/cursor';
import { TestServer } from '../../support/server';
import { testSettings } from '../../support/engineSettings';

const LLAMA = 'http://127.0.0.1:8080/v1';
const OLLAMA = 'http://localhost:11434/v1';

function via(inputs: FimInputs) {
  const decision = decideFim(inputs);
  return `${decision.via}${decision.onRefusal ? `>${decision.onRefusal.via}` : ''}`;
}

describe('decideFim', () => {
  it('follows tokenhub.inline.fim', () => {
    const starcoder = { baseUrl: LLAMA, model: 'bigcode/starcoder2-3b' };
    assert.equal(via({ ...starcoder, fim: 'off' }), 'prefix');
    assert.equal(via({ ...starcoder, fim: 'field' }), 'field>template');
    assert.equal(via({ ...starcoder, fim: 'template' }), 'template');
    assert.equal(via({ ...starcoder, fim: 'auto' }), 'template');
    assert.equal(
      via({ baseUrl: OLLAMA, model: 'qwen2.5-coder:1.5b', fim: 'field' }),
      'field>prefix',
    );
  });

  it('says what is missing when a template is asked for a model without a known format', () => {
    const decision = decideFim({ baseUrl: LLAMA, model: 'my-finetune', fim: 'template' });
    assert.equal(decision.via, 'prefix');
    assert.match(decision.reason, /no FIM format is known for my-finetune.*fimTemplate/);
  });

  it('takes a family or a custom template from tokenhub.inline.fimTemplate over the model id', () => {
    const named = decideFim({ baseUrl: LLAMA, model: 'my-finetune', fimTemplate: 'deepseek' });
    assert.equal(named.via, 'template');
    assert.equal(named.format?.name, 'deepseek');
    const custom = decideFim({
      baseUrl: LLAMA,
      model: 'bigcode/starcoder2-3b',
      fimTemplate: '<A>{prefix}<B>{suffix}<C>',
    });
    assert.equal(custom.format?.template, '<A>{prefix}<B>{suffix}<C>');
    assert.deepEqual(custom.format?.stops, ['<A>', '<B>', '<C>']);
  });

  it('sends the field where the server is known to take it, whatever the family', () => {
    assert.equal(
      via({ baseUrl: 'https://api.tokenhub.ai/v1', model: 'openai/gpt-3.5-turbo-instruct' }),
      'field>prefix',
    );
    assert.equal(
      via({ baseUrl: 'https://api.deepseek.com/beta', model: 'deepseek-coder' }),
      'field>template',
    );
    assert.equal(
      via({ baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat' }),
      'field>prefix',
    );
    assert.equal(
      via({ baseUrl: 'http://gpu-box:11434/v1', model: 'qwen2.5-coder:7b' }),
      'field>prefix',
    );
    assert.equal(
      via({ baseUrl: 'http://ollama.internal/v1', model: 'codellama:7b-code' }),
      'field>prefix',
    );
  });

  it('explains itself', () => {
    const decision = decideFim({ baseUrl: LLAMA, model: 'bigcode/starcoder2-3b' });
    assert.equal(
      decision.reason,
      'StarCoder2 FIM tokens in the prompt: 127.0.0.1:8080 is not known to honour `suffix` (llama.cpp ignores or refuses it, vLLM and TGI refuse it)',
    );
  });
});

describe('FimDecisions', () => {
  it('decides once, logs it, and switches to the fallback on a refusal', () => {
    const lines: string[] = [];
    const decisions = new FimDecisions((line) => lines.push(line));
    const vllm = { baseUrl: 'http://127.0.0.1:8000/v1', model: 'my-model' };
    assert.equal(decisions.current(vllm).via, 'field');
    assert.equal(decisions.current(vllm).via, 'field');
    assert.equal(lines.length, 1, 'logged once');
    decisions.refused(vllm, 'suffix is not currently supported');
    decisions.refused(vllm, 'suffix is not currently supported'); // a parallel request
    assert.equal(decisions.current(vllm).via, 'prefix');
    assert.equal(lines.length, 2);
    assert.match(
      decisions.describe(vllm),
      /^Fill-in-the-middle: prefix only: the server refused `suffix`.*\("suffix is not currently supported"\)$/,
    );
  });

  it('describes what the next request will do before any was sent, without deciding yet', () => {
    const lines: string[] = [];
    const decisions = new FimDecisions((line) => lines.push(line));
    const ollama = { baseUrl: OLLAMA, model: 'qwen2.5-coder:1.5b' };
    assert.equal(
      decisions.describe(ollama),
      'Fill-in-the-middle: `suffix` field: Ollama fills the middle with the model’s own template when it has one',
    );
    assert.deepEqual(lines, []);
    decisions.current(ollama);
    assert.deepEqual(lines, [
      'localhost:11434 qwen2.5-coder:1.5b: fill-in-the-middle: `suffix` field: Ollama fills the middle with the model’s own template when it has one',
    ]);
  });

  it('tries the server again after an hour: it may have been upgraded', () => {
    let now = 0;
    const decisions = new FimDecisions(undefined, () => now);
    const vllm = { baseUrl: 'http://127.0.0.1:8000/v1', model: 'my-model' };
    decisions.current(vllm);
    decisions.refused(vllm, 'no');
    now += 59 * 60_000;
    assert.equal(decisions.current(vllm).via, 'prefix');
    now += 2 * 60_000;
    assert.equal(decisions.current(vllm).via, 'field');
  });

  it('keeps a decision per setting: changing the template decides anew', () => {
    const decisions = new FimDecisions();
    const endpoint = { baseUrl: LLAMA, model: 'my-model' };
    assert.equal(decisions.current(endpoint).via, 'field');
    assert.equal(decisions.current({ ...endpoint, fimTemplate: 'qwen' }).via, 'template');
  });
});

describe('special tokens never reach the ghost text', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());

  it('even one past the four stops a server takes, from a server that ignores stops', async () => {
    const settings = testSettings(server.url, {
      model: 'qwen2.5-coder-1.5b-instruct-q8_0.gguf',
      temperature: 0,
    });
    const logged: string[] = [];
    const engine = new CompletionEngine({
      settings: () => settings,
      apiKey: () => undefined,
      logger: { ...silentLogger, info: (line: string) => logged.push(line) },
    });
    // The blank-line stop and the family's first three go to the server; <|im_end|> does not.
    server.reply({
      style: 'llamacpp',
      suffix: 'ignored',
      text: '  return 1;<|im_end|>\n<|im_start|>user',
      honourStop: false,
    });
    const shown = await engine.complete(
      {
        ...atCursor('function one() {\n█\n}\n'),
        languageId: 'typescript',
        relativePath: 'one.ts',
        trigger: 'explicit',
      },
      new AbortController().signal,
    );
    const sent = server.requests[0]?.body.stop as string[];
    assert.deepEqual(sent, ['\n\n\n', '<|endoftext|>', '<|file_sep|>', '<|fim_pad|>']);
    assert.equal(shown?.text, '  return 1;');
    assert.ok(
      logged.some((line) =>
        line.includes('fill-in-the-middle: Qwen2.5-Coder FIM tokens in the prompt'),
      ),
      'the decision is logged',
    );
  });
});
