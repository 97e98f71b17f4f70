import * as assert from 'node:assert/strict';
import type { ContextQuery } from '../../../src/core/context/contextSource';
import {
  CompletionEngine,
  type CompletionQuery,
  type EngineSettings,
} from '../../../src/core/engine';
import { silentLogger } from '../../../src/core/logger';
import { atCursor } from '../../support/cursor';
import { TestServer } from '../../support/server';
import { testSettings } from '../../support/engineSettings';

describe('CompletionEngine with context from other files', () => {
  let server: TestServer;
  let settings: EngineSettings;
  let asked: { query: ContextQuery; maxChars: number }[];
  let engine: CompletionEngine;

  before(async () => {
    server = await TestServer.start();
  });
  after(() => server.close());

  beforeEach(() => {
    server.reset();
    settings = testSettings(server.url);
    asked = [];
    engine = new CompletionEngine({
      settings: () => settings,
      apiKey: () => 'unit-test-key',
      logger: silentLogger,
      context: {
        snippetsFor: (query, maxChars) => {
          asked.push({ query, maxChars });
          return [{ relativePath: 'src/geometry.ts', text: 'export function area(r: number) {' }];
        },
      },
    });
  });

  function query(marked: string, languageId = 'typescript'): CompletionQuery {
    return { ...atCursor(marked), languageId, relativePath: 'src/main.ts', trigger: 'automatic' };
  }
  const live = () => new AbortController().signal;

  it('sends the snippets as comments with their path before the file’s own header', async () => {
    server.reply({ text: '2);' });
    await engine.complete(query('const a = area(█'), live());
    assert.equal(
      server.requests[0]?.body.prompt,
      '// Compare this snippet from src/geometry.ts:\n// export function area(r: number) {\n' +
        '// Path: src/main.ts\n// Language: typescript\nconst a = area(',
    );
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.query.relativePath, 'src/main.ts');
    assert.ok((asked[0]?.maxChars ?? 0) > 0);
  });

  it('asks for context only for a request really sent: not from the cache, not while debouncing', async () => {
    server.reply({ text: 'compute(a, b);' });
    await engine.complete(query('const v = █'), live());
    await engine.complete(query('const v = com█'), live());
    assert.equal(engine.metrics.cacheHits, 1);
    assert.equal(asked.length, 1, 'the cache answered without retrieval');

    settings = { ...settings, debounceMs: 200 };
    const typing = new AbortController();
    const pending = engine.complete(query('let w = █'), typing.signal);
    setTimeout(() => typing.abort(), 20);
    assert.equal(await pending, undefined);
    assert.equal(asked.length, 1, 'a keystroke inside the pause costs no retrieval');
  });
});
