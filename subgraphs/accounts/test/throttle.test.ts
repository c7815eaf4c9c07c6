import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { claimAttempt } from '../throttle.js';

const db = useTestPool(8);

describe('sign-in throttling', () => {
  it('gives a burst of concurrent attempts at one moment no more guesses than the same attempts one after another', async () => {
    // One moment for all: through the gateway each attempt takes its own start time, and on a busy machine a burst
    // spreads past the first 1 s wait, after which one more guess is rightly allowed.
    const now = new Date();
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => claimAttempt(db.pool, 'burst-target', '203.0.113.60', now)));
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.length - refused.length).toBe(6);
    for (const outcome of refused) expect((outcome.reason as { extensions?: { code?: string } }).extensions?.code).toBe('RATE_LIMITED');
    const { rows } = await db.pool.query(`SELECT failures FROM sign_in_failures WHERE scope = 'account at address'`);
    expect(rows).toEqual([{ failures: 6 }]);
  });
});
