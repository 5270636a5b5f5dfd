import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailure, backoffAfter, claimable, leaseUntil, MAX_BACKOFF_MS, slotOf, specOf } from './model.ts';

const spec = specOf({ leaseMs: 60_000, attempts: 3, backoffMs: 10_000 });

test('a claim holds for the lease; then the job may be claimed by another process', () => {
  const until = leaseUntil(1_000_000, spec);
  assert.equal(until, 1_060_000);
  assert.equal(claimable({ state: 'active', runAt: 0, lockedUntil: until }, until - 1), false);
  assert.equal(claimable({ state: 'active', runAt: 0, lockedUntil: until }, until + 1), true);
  assert.equal(claimable({ state: 'queued', runAt: 5000, lockedUntil: null }, 4999), false);
  assert.equal(claimable({ state: 'queued', runAt: 5000, lockedUntil: null }, 5000), true);
  assert.equal(claimable({ state: 'done', runAt: 0, lockedUntil: null }, 10), false);
});

test('a failed try waits twice as long each time, up to an hour, and the last try gives up', () => {
  assert.deepEqual(
    [1, 2, 3].map((a) => backoffAfter(a, spec)),
    [10_000, 20_000, 40_000],
  );
  assert.equal(backoffAfter(30, spec), MAX_BACKOFF_MS);
  assert.deepEqual(afterFailure(1, 100, spec), { state: 'queued', runAt: 10_100 });
  assert.deepEqual(afterFailure(3, 100, spec), { state: 'failed' });
});

test('a recurring job has one slot per interval; bad specs and intervals are refused', () => {
  assert.equal(slotOf(7_199_999, 3_600_000), 3_600_000);
  assert.equal(slotOf(7_200_000, 3_600_000), 7_200_000);
  assert.throws(() => slotOf(0, 500), /whole seconds/);
  assert.throws(() => specOf({ leaseMs: 10 }), /at least a second/);
  assert.throws(() => specOf({ attempts: 0 }), /at least one attempt/);
});
