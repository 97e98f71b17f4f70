// Fill-in-the-middle on every server: for each model family × server, the document with its
// `█` cursor gives exactly these request bodies — the prompt, whether a `suffix` key is there,
// the stops — and a second completion goes straight to what the first one decided. The test
// server answers `suffix` as each real server does (test/support/suffixHandling.ts); the engine
// believes it talks to the server's usual URL (Ollama's port, DeepSeek's /beta), the fetch it
// is given sends the request to the test server.
import * as assert from 'node:assert/strict';
import { CompletionEngine } from '../../../src/core/engine';
import { silentLogger } from '../../../src/core/logger';
import { atCursor } from '../../support/cursor';
import { TestServer, type Reply } from '../../support/server';
import { testSettings } from '../../support/engineSettings';

const P = 'export function total(a: number, offset: number) {\n  const sum = add(';
const REST = ', offset);';
const AFTER = '\n  return sum;\n}\n';
/** The current file's header as a comment, in plain prompts and in FIM prefixes without repository tokens. */
const H = '// Path: src/total.ts\n// Language: typescript\n';
const PLAIN = H + P;
/** The suffix, and the suffix without the rest of the cursor's line (StarCoder, CodeLlama: Cody). */
const S = REST + AFTER;
const S_ = AFTER;

interface Family {
  readonly model: string;
  /** The prompt with the family's FIM tokens. */
  readonly template: string;
  /** What goes in `suffix` where the field is used. */
  readonly field: string;
  /** `stop`: the blank-line run that ends any completion, then the family's first three. */
  readonly stop: readonly string[];
}

const FAMILIES: Readonly<Record<string, Family>> = {
  qwen: {
    model: 'Qwen/Qwen2.5-Coder-1.5B',
    template: `<|repo_name|>shop\n<|file_sep|>src/total.ts\n<|fim_prefix|>${P}<|fim_suffix|>${S}<|fim_middle|>`,
    field: S,
    stop: ['\n\n\n', '<|endoftext|>', '<|file_sep|>', '<|fim_pad|>'],
  },
  starcoder2: {
    model: 'bigcode/starcoder2-3b',
    template: `<repo_name>shop<file_sep><fim_prefix>src/total.ts\n${P}<fim_suffix>${S_}<fim_middle>`,
    field: S_,
    stop: ['\n\n\n', '<|endoftext|>', '<file_sep>', '<fim_prefix>'],
  },
  stableCode: {
    model: 'stabilityai/stable-code-3b',
    template: `<fim_prefix>${PLAIN}<fim_suffix>${S_}<fim_middle>`,
    field: S_,
    stop: ['\n\n\n', '<|endoftext|>', '<file_sep>', '<fim_prefix>'],
  },
  deepseek: {
    model: 'deepseek-ai/deepseek-coder-1.3b-base',
    template: `<｜fim▁begin｜>${PLAIN}<｜fim▁hole｜>${S}<｜fim▁end｜>`,
    field: S,
    stop: ['\n\n\n', '<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>'],
  },
  codellama: {
    model: 'codellama:7b-code',
    template: `<PRE> ${PLAIN} <SUF>${S_} <MID>`,
    field: S_,
    stop: ['\n\n\n', '<EOT>', '<PRE>', '<SUF>'],
  },
  codestral: {
    model: 'mistralai/codestral-2501',
    template: `[SUFFIX]${S}[PREFIX]${PLAIN}`,
    field: S,
    stop: ['\n\n\n', '[PREFIX]', '[SUFFIX]'],
  },
  codegemma: {
    model: 'google/codegemma-2b',
    template: `<|fim_prefix|>${PLAIN}<|fim_suffix|>${S}<|fim_middle|>`,
    field: S,
    stop: ['\n\n\n', '<|file_separator|>', '<end_of_turn>', '<eos>'],
  },
  granite: {
    model: 'ibm-granite/granite-4.0-micro',
    template: `<|fim_prefix|>${PLAIN}<|fim_suffix|>${S}<|fim_middle|>`,
    field: S,
    stop: ['\n\n\n', '<|end_of_text|>', '<|fim_prefix|>', '<|fim_suffix|>'],
  },
  seedCoder: {
    model: 'ByteDance-Seed/Seed-Coder-8B-Base',
    template: `<[fim-prefix]>${PLAIN}<[fim-suffix]>${S}<[fim-middle]>`,
    field: S,
    stop: ['\n\n\n', '<[end▁of▁sentence]>', '<[fim-prefix]>', '<[fim-suffix]>'],
  },
  gptInstruct: { model: 'openai/gpt-3.5-turbo-instruct', template: '', field: S, stop: ['\n\n\n'] },
  unknown: { model: 'test-model', template: '', field: S, stop: ['\n\n\n'] },
};

/** The servers, at the URL users give them, and how the test server imitates each. */
const SERVERS: Readonly<Record<string, { readonly baseUrl: string; readonly reply: Reply }>> = {
  llamacpp: { baseUrl: 'http://127.0.0.1:8080/v1', reply: { style: 'llamacpp' } },
  llamacppNewest: {
    baseUrl: 'http://127.0.0.1:8080/v1',
    reply: { style: 'llamacpp', suffix: 'ignored' },
  },
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1', reply: { style: 'vllm' } },
  tgi: { baseUrl: 'http://127.0.0.1:3000/v1', reply: { style: 'tgi' } },
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', reply: { style: 'ollama' } },
  ollamaNoInsert: {
    baseUrl: 'http://127.0.0.1:11434/v1',
    reply: { style: 'ollama', suffix: 'refused' },
  },
  openai: { baseUrl: 'https://api.openai.com/v1', reply: { style: 'openai' } },
  deepseekBeta: { baseUrl: 'https://api.deepseek.com/beta', reply: { style: 'deepseek' } },
  lmstudio: { baseUrl: 'http://127.0.0.1:1234/v1', reply: { style: 'lmstudio' } },
};

/**
 * T: the FIM tokens in `prompt`, no `suffix` key, from the first request on. F: the `suffix`
 * field. F>P: the field, refused, then the prompt alone (one retry, remembered). A family's
 * template is never tried after a refusal on Ollama: it wraps prompts of models without FIM in
 * their chat template.
 */
const DECISIONS = `
               llamacpp llamacppNewest vllm tgi  ollama ollamaNoInsert openai deepseekBeta lmstudio
qwen           T        T              T    T    F      F>P            T      F            T
starcoder2     T        T              T    T    F      F>P            T      F            T
stableCode     T        T              T    T    F      F>P            T      F            T
deepseek       T        T              T    T    F      F>P            T      F            T
codellama      T        T              T    T    F      F>P            T      F            T
codestral      T        T              T    T    F      F>P            T      F            T
codegemma      T        T              T    T    F      F>P            T      F            T
granite        T        T              T    T    F      F>P            T      F            T
seedCoder      T        T              T    T    F      F>P            T      F            T
gptInstruct    F>P      F              F>P  F>P  F      F>P            F      F            F
unknown        F>P      F              F>P  F>P  F      F>P            F      F            F
`;

function table(): { family: string; server: string; cell: string }[] {
  const [header, ...rows] = DECISIONS.trim().split('\n');
  const servers = header?.trim().split(/\s+/) ?? [];
  return rows.flatMap((row) => {
    const [family = '', ...cells] = row.trim().split(/\s+/);
    return cells.map((cell, i) => ({ family, server: servers[i] ?? '', cell }));
  });
}

describe('fill-in-the-middle request bodies, family × server', function () {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  function engineFor(baseUrl: string, model: string) {
    const settings = testSettings(baseUrl, { model, maxTokens: 16, temperature: 0 });
    const toTestServer: typeof fetch = (input, init) =>
      fetch(
        String(input instanceof Request ? input.url : input).replace(baseUrl, server.url),
        init,
      );
    const engine = new CompletionEngine({
      settings: () => settings,
      apiKey: () => 'sk-table',
      logger: silentLogger,
      fetch: toTestServer,
    });
    return { engine, settings };
  }

  const query = (marked: string) => ({
    ...atCursor(marked),
    languageId: 'typescript',
    relativePath: 'src/total.ts',
    repoName: 'shop',
    trigger: 'explicit' as const,
  });

  it('covers every family and server', () => {
    assert.equal(table().length, Object.keys(FAMILIES).length * Object.keys(SERVERS).length);
  });

  for (const { family, server: serverName, cell } of table()) {
    it(`${family} on ${serverName}: ${cell}`, async () => {
      const expected = FAMILIES[family];
      const endpoint = SERVERS[serverName];
      assert.ok(expected && endpoint, `${family} × ${serverName}`);
      server.reply({ ...endpoint.reply, text: 'a' });
      const { engine } = engineFor(endpoint.baseUrl, expected.model);

      const shown = await engine.complete(
        query(`${P}█${REST}${AFTER}`),
        new AbortController().signal,
      );
      assert.equal(shown?.text, 'a');

      const bodies = server.requests.map((r) => r.body as Record<string, unknown>);
      const withField = { prompt: PLAIN, suffix: expected.field };
      const plain = { prompt: PLAIN };
      const steps =
        cell === 'T'
          ? [{ prompt: expected.template }]
          : cell === 'F'
            ? [withField]
            : [withField, plain];
      assert.equal(bodies.length, steps.length, 'requests');
      steps.forEach((step, i) => {
        const body = bodies[i] ?? {};
        assert.deepEqual(
          { prompt: body.prompt, ...('suffix' in body ? { suffix: body.suffix } : {}) },
          step,
          `request ${i + 1}`,
        );
        assert.deepEqual(body.stop, expected.stop, `stops of request ${i + 1}`);
      });

      // The next completion goes straight to what was decided (no second refusal).
      await engine.complete(query(`${P}b█${REST}${AFTER}`), new AbortController().signal);
      assert.equal(server.requests.length, steps.length + 1, 'one more request');
      const next = server.requests.at(-1)?.body as Record<string, unknown>;
      assert.equal('suffix' in next, cell === 'F', 'suffix key on the next request');
      if (cell === 'T') assert.ok(String(next.prompt).startsWith(expected.template.slice(0, 12)));
    });
  }
});

describe('the test server answers `suffix` as the real servers do', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  async function post(reply: Reply, body: object) {
    server.reply({ text: 'ok', ...reply });
    const response = await fetch(`${server.url}/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', prompt: 'p', stream: true, ...body }),
    });
    return { status: response.status, text: await response.text() };
  }

  it('vLLM refuses even an empty suffix, TGI any, older llama.cpp with a 500', async () => {
    assert.equal((await post({ style: 'vllm' }, { suffix: '' })).status, 400);
    assert.match((await post({ style: 'tgi' }, { suffix: 'x' })).text, /Suffix is not supported/);
    const llama = await post({ style: 'llamacpp' }, { suffix: 'x' });
    assert.equal(llama.status, 500);
    assert.match(llama.text, /Unsupported param: suffix/);
    assert.equal(
      (await post({ style: 'llamacpp', suffix: 'ignored' }, { suffix: 'x' })).status,
      200,
    );
  });

  it('Ollama takes an empty suffix as none, and words a refusal as "does not support insert"', async () => {
    assert.equal((await post({ style: 'ollama', suffix: 'refused' }, { suffix: '' })).status, 200);
    assert.equal(server.requests.at(-1)?.suffix, 'absent');
    const refused = await post({ style: 'ollama', suffix: 'refused' }, { suffix: 'x' });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /\\"m\\" does not support insert/);
  });
});
