import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/api/errors';
import { listModels } from '../../../src/core/api/models';
import { TestServer } from '../../support/server';

/** A fetch that answers every call with this body and status. */
function answering(status: number, body: string): typeof fetch {
  return async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

describe('listModels', () => {
  it('lists the ids the server reports at GET {baseUrl}/models', async () => {
    const server = await TestServer.start();
    try {
      assert.deepEqual(await listModels(server.url, 'k', new AbortController().signal), [
        'test-model',
      ]);
    } finally {
      await server.close();
    }
  });

  it('reads OpenAI lists and bare arrays, sorted, without duplicates', async () => {
    const signal = new AbortController().signal;
    const openAi = JSON.stringify({
      object: 'list',
      data: [{ id: 'b' }, { id: 'a' }, { id: 'b' }],
    });
    assert.deepEqual(await listModels('http://x/v1', 'k', signal, answering(200, openAi)), [
      'a',
      'b',
    ]);
    assert.deepEqual(await listModels('http://x/v1', 'k', signal, answering(200, '["m1"]')), [
      'm1',
    ]);
  });

  it('sends the key and fails with the server’s message, never the key', async () => {
    let sent: string | undefined;
    const rejecting: typeof fetch = async (_url, init) => {
      sent = new Headers(init?.headers).get('authorization') ?? undefined;
      return new Response('{"error":{"message":"bad key secret-key-123"}}', { status: 401 });
    };
    await assert.rejects(
      listModels('http://x/v1', 'secret-key-123', new AbortController().signal, rejecting),
      (error) =>
        error instanceof ApiError &&
        error.kind === 'unauthorized' &&
        error.message.includes('bad key') &&
        !error.message.includes('secret-key-123'),
    );
    assert.equal(sent, 'Bearer secret-key-123');
  });

  it('says so when the reply is not a model list', async () => {
    await assert.rejects(
      listModels(
        'http://x/v1',
        undefined,
        new AbortController().signal,
        answering(200, '{"ok":1}'),
      ),
      (error) => error instanceof ApiError && error.kind === 'protocol',
    );
  });
});
