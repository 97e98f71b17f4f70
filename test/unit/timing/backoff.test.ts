// The back-off policy with an injected clock and jitter: no timers, no waiting.
import * as assert from 'node:assert/strict';
import { ApiError, type ApiErrorDetails, type ApiErrorKind } from '../../../src/core/api/errors';
import { Backoff, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS } from '../../../src/core/timing/backoff';

function error(kind: ApiErrorKind, details: ApiErrorDetails = {}): ApiError {
  return new ApiError(kind, `${kind} failure`, 'api.example', details);
}

/** A Backoff on a clock the test moves, with jitter fixed at `random`. */
function backoff(random = 0, maxWaitMs?: number): { policy: Backoff; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const policy = new Backoff({
    now: () => clock.now,
    random: () => random,
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
  });
  return { policy, clock };
}

describe('Backoff', () => {
  it('lets requests through until something fails', () => {
    const { policy } = backoff();
    assert.equal(policy.canSend(), true);
    assert.equal(policy.blockedUntil(), undefined);
  });

  it('429 with retryAfterMs blocks exactly that long, then lets through', () => {
    const { policy, clock } = backoff();
    policy.onFailure(error('rateLimited', { status: 429, retryAfterMs: 7000 }));
    assert.equal(policy.blockedUntil(), clock.now + 7000);
    assert.equal(policy.canSend(), false);
    clock.now += 6999;
    assert.equal(policy.canSend(), false);
    clock.now += 1;
    assert.equal(policy.canSend(), true);
    assert.equal(policy.blockedUntil(), undefined);
  });

  it('503 with retryAfterMs is honoured too; retryAfterMs on a 500 is not', () => {
    const { policy, clock } = backoff();
    policy.onFailure(error('server', { status: 503, retryAfterMs: 2000 }));
    assert.equal(policy.blockedUntil(), clock.now + 2000);
    policy.onSuccess();
    policy.onFailure(error('server', { status: 500, retryAfterMs: 20_000 }));
    assert.equal(policy.blockedUntil(), clock.now + BACKOFF_INITIAL_MS);
  });

  it('caps a long Retry-After at 60 s by default, or at maxWaitMs', () => {
    const { policy, clock } = backoff();
    policy.onFailure(error('rateLimited', { status: 429, retryAfterMs: 3_600_000 }));
    assert.equal(policy.blockedUntil(), clock.now + 60_000);
    const capped = backoff(0, 5000);
    capped.policy.onFailure(error('rateLimited', { status: 429, retryAfterMs: 30_000 }));
    assert.equal(capped.policy.blockedUntil(), capped.clock.now + 5000);
  });

  it('ignores a negative or non-finite retryAfterMs and backs off exponentially instead', () => {
    for (const retryAfterMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { policy, clock } = backoff();
      policy.onFailure(error('rateLimited', { status: 429, retryAfterMs }));
      assert.equal(policy.blockedUntil(), clock.now + BACKOFF_INITIAL_MS, String(retryAfterMs));
    }
  });

  it('retryAfterMs 0 means "now"', () => {
    const { policy } = backoff();
    policy.onFailure(error('rateLimited', { status: 429, retryAfterMs: 0 }));
    assert.equal(policy.canSend(), true);
  });

  it('doubles from 0.5 s to 8 s per consecutive transient failure, for every transient kind', () => {
    for (const kind of ['rateLimited', 'server', 'network', 'timeout'] as const) {
      const { policy, clock } = backoff();
      const waits: number[] = [];
      for (let i = 0; i < 7; i++) {
        policy.onFailure(error(kind));
        waits.push((policy.blockedUntil() ?? clock.now) - clock.now);
        clock.now = policy.blockedUntil() ?? clock.now;
      }
      assert.deepEqual(waits, [500, 1000, 2000, 4000, 8000, 8000, 8000], kind);
    }
  });

  it('jitter takes up to a quarter off each wait, never adds to it', () => {
    const low = backoff(0.999_999);
    low.policy.onFailure(error('network'));
    const lowWait = (low.policy.blockedUntil() ?? 0) - low.clock.now;
    assert.ok(lowWait > 375 && lowWait < 376, String(lowWait));
    const half = backoff(0.5);
    for (let i = 0; i < 10; i++) half.policy.onFailure(error('server'));
    assert.equal((half.policy.blockedUntil() ?? 0) - half.clock.now, BACKOFF_MAX_MS * 0.875);
  });

  it('a success ends the wait and restarts the sequence at 0.5 s', () => {
    const { policy, clock } = backoff();
    for (let i = 0; i < 4; i++) policy.onFailure(error('network'));
    assert.equal(policy.blockedUntil(), clock.now + 4000);
    policy.onSuccess();
    assert.equal(policy.canSend(), true);
    policy.onFailure(error('network'));
    assert.equal(policy.blockedUntil(), clock.now + BACKOFF_INITIAL_MS);
  });

  it('does not block on failures only the user can fix, and they end a transient streak', () => {
    for (const kind of ['unauthorized', 'notFound', 'badRequest', 'protocol'] as const) {
      const { policy, clock } = backoff();
      policy.onFailure(error(kind, { status: 401 }));
      assert.equal(policy.canSend(), true, kind);
      for (let i = 0; i < 3; i++) policy.onFailure(error('server'));
      policy.onFailure(error(kind));
      assert.equal(policy.canSend(), true, `${kind} after server errors`);
      policy.onFailure(error('server'));
      assert.equal(policy.blockedUntil(), clock.now + BACKOFF_INITIAL_MS, `${kind} reset`);
    }
  });

  it('a 429 without Retry-After (TGI) backs off exponentially', () => {
    const { policy, clock } = backoff();
    policy.onFailure(error('rateLimited', { status: 429 }));
    policy.onFailure(error('rateLimited', { status: 429 }));
    assert.equal(policy.blockedUntil(), clock.now + 1000);
  });

  it('defaults to the real clock', () => {
    const policy = new Backoff({ random: () => 0 });
    const before = Date.now();
    policy.onFailure(error('network'));
    const until = policy.blockedUntil() ?? 0;
    assert.ok(until >= before + 500 && until <= Date.now() + 500, String(until - before));
  });
});
