/**
 * A credential lookup PostgreSQL does not answer (here: the pool is gone, so
 * every query fails) gets the last good answer, and the re-check of open
 * sockets closes nothing for it: only an answer of the database refuses.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@lifestone/lib/log';
import { issueApiToken } from '@lifestone/lib/auth';
import { useTestPool } from '@lifestone/test-kit/database';
import { Authenticator } from '../src/auth/authenticate.js';
import { SocketRevalidation, type CheckedSocket } from '../src/auth/revalidation.js';

const db = useTestPool(2);
const log = createLogger('auth-unanswered-test', 'silent');

/** A pool on the suite's database that a test can take away. */
function ownPool(): pg.Pool {
  return new pg.Pool({ connectionString: db.pool.options.connectionString, max: 2 });
}

describe('credential lookups the database does not answer', () => {
  it('get the last good answer, and the re-check keeps the socket open; an answer of the database still refuses', async () => {
    const { token } = await issueApiToken(db.pool, { name: 'watcher', role: 'viewer', createdBy: null }, new Date());
    const pool = ownPool();
    let stale = 0;
    const authenticator = new Authenticator({ pool, sessionSecret: 'secret', now: () => new Date(), cacheMs: 1, onStale: () => stale++ });
    const credentials = { authorization: `Bearer ${token}` };
    const first = await authenticator.authenticate(credentials);
    expect(first).toMatchObject({ status: 'authenticated', identity: { kind: 'token', role: 'viewer' } });

    await pool.end();
    // Past the cache time, and asked afresh as the re-check does: the database fails, the last good answer stands.
    expect(await authenticator.authenticate(credentials)).toEqual(first);
    expect(await authenticator.authenticate(credentials, { fresh: true })).toEqual(first);
    expect(stale).toBe(2);

    const closed: number[] = [];
    const socket: CheckedSocket = { close: (code) => void closed.push(code) };
    // A credential never seen to hold has no last answer: its lookup fails, and its socket stays until the next check.
    const unknown = new SocketRevalidation({ authenticator: new Authenticator({ pool, sessionSecret: 'secret', now: () => new Date() }), log, intervalMs: 60_000 });
    const known = new SocketRevalidation({ authenticator, log, intervalMs: 60_000 });
    try {
      unknown.watch(socket, credentials, 'viewer');
      known.watch(socket, credentials, 'viewer');
      await unknown.check();
      await known.check();
      expect(closed).toEqual([]);
    } finally {
      unknown.stop();
      known.stop();
    }

    // Once the database answers again, a revoked token is refused.
    await db.pool.query('UPDATE api_tokens SET revoked_at = now()');
    const again = new Authenticator({ pool: db.pool, sessionSecret: 'secret', now: () => new Date() });
    expect((await again.authenticate(credentials)).status).toBe('refused');
  });
});
