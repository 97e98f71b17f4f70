import * as assert from 'node:assert/strict';
import { anchorAt } from '../../src/core/anchor';
import { InFlightRequest } from '../../src/core/inflight';
import { CompletionCollector } from '../../src/core/postprocess/collector';
import { siteOf } from '../../src/core/postprocess/context';
import { atCursor } from '../support/cursor';

describe('a request in flight', () => {
  const query = { ...atCursor('const w = █'), languageId: 'typescript', relativePath: 'w.ts' };
  const everyPiece = { settle: (streamed: string) => streamed, worth: () => true };
  const queuedImmediates = () =>
    process.getActiveResourcesInfo().filter((kind) => kind === 'Immediate').length;

  it('answers whole when the stream ends before its partial offer, and leaves nothing queued', async () => {
    // The whole stream arrives within one turn: the partial offer (queued for after this
    // turn's I/O) is overtaken by the end. Left queued, it would hold the request and the
    // caller's text until the event loop next reached it, which a busy loop may not for long.
    async function* oneBurst() {
      yield 'alpha beta;';
      return { finishReason: 'stop' };
    }
    const request = new InFlightRequest(
      anchorAt(query),
      new CompletionCollector([], siteOf(query)),
      () => oneBurst(),
      250,
    );
    const before = queuedImmediates();
    const joined = await request.join(query, new AbortController().signal, everyPiece);
    assert.deepEqual(joined, { kind: 'answered', text: 'alpha beta;' });
    assert.equal(queuedImmediates(), before);
  });
});
