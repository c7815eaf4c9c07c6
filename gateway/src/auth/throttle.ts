/**
 * Sign-in throttling: failed sign-ins are counted in PostgreSQL (shared by
 * every gateway instance) under three keys, each with a few free failures,
 * then a delay that doubles with every further one, up to a cap:
 *
 * - the account from one address: 5 free, up to 15 minutes. Guessing one
 *   person's password from one place slows to a crawl;
 * - the address, whatever the account: 20 free, up to an hour. Spraying many
 *   accounts from one place does too;
 * - the account, from anywhere: 50 free, up to 5 minutes. Many addresses
 *   guessing one account are slowed, while the real person, whose own
 *   address has no failures, waits at most those few minutes.
 *
 * A throttled attempt is refused before its password is checked, so it costs
 * no argon2 work. Counts start again a day after the last failure, and a
 * success clears the account's count at that address.
 */
import type pg from 'pg';
import { GraphErrorCode, graphError } from '@lifestone/lib/graph';

type Scope = 'account at address' | 'address' | 'account';

interface Rule { free: number; capSeconds: number }

const RULES: Readonly<Record<Scope, Rule>> = {
  'account at address': { free: 5, capSeconds: 15 * 60 },
  address: { free: 20, capSeconds: 60 * 60 },
  account: { free: 50, capSeconds: 5 * 60 },
};

/** A failure older than this no longer counts. */
const WINDOW_SECONDS = 24 * 60 * 60;

/** The three keys of one attempt, as JSON (names are compared as typed: accounts are looked up that way). */
function keysOf(name: string, address: string): Array<[Scope, string]> {
  return [['account at address', JSON.stringify([name, address])], ['address', JSON.stringify(address)], ['account', JSON.stringify(name)]];
}

/** Refuses the attempt with RATE_LIMITED, saying when to retry, if any of its keys is blocked at `now`. */
export async function refuseIfThrottled(pool: pg.Pool, name: string, address: string, now: Date): Promise<void> {
  const keys = keysOf(name, address);
  const { rows } = await pool.query<{ blocked_until: Date }>(
    `SELECT max(blocked_until) AS blocked_until FROM sign_in_failures
      WHERE (scope, key) IN (($1, $2), ($3, $4), ($5, $6)) AND blocked_until > $7`,
    [...keys.flat(), now],
  );
  const until = rows[0]?.blocked_until;
  if (!until) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  throw graphError(GraphErrorCode.RATE_LIMITED, `Too many failed sign-ins: try again in ${retryAfterSeconds} s (at ${until.toISOString()}).`, { retryAfterSeconds });
}

/** Counts a failed attempt under each of its keys; past a key's free failures each one doubles its wait (1 s, 2 s, 4 s ... up to the cap). */
export async function recordFailure(pool: pg.Pool, name: string, address: string, now: Date): Promise<void> {
  const keys = keysOf(name, address);
  const scopes = keys.map(([scope]) => scope);
  const names = keys.map(([, key]) => key);
  await pool.query(
    `INSERT INTO sign_in_failures AS f (scope, key, failures, last_failure_at)
       SELECT scope, key, 1, $1 FROM unnest($2::text[], $3::text[]) AS a(scope, key)
     ON CONFLICT (scope, key) DO UPDATE SET
       failures = CASE WHEN f.last_failure_at < $1::timestamptz - make_interval(secs => $4) THEN 1 ELSE f.failures + 1 END,
       last_failure_at = $1`,
    [now, scopes, names, WINDOW_SECONDS],
  );
  // A second statement: one statement cannot see the rows its own upsert wrote.
  await pool.query(
    `UPDATE sign_in_failures AS f SET blocked_until = CASE WHEN f.failures > a.free
         THEN $1::timestamptz + make_interval(secs => least(a.cap, power(2, least(f.failures - a.free - 1, 30)))) END
       FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) AS a(scope, key, free, cap)
      WHERE f.scope = a.scope AND f.key = a.key`,
    [now, scopes, names, scopes.map((scope) => RULES[scope].free), scopes.map((scope) => RULES[scope].capSeconds)],
  );
}

/** Clears the account's failures at this address after a successful sign-in. */
export async function recordSuccess(pool: pg.Pool, name: string, address: string): Promise<void> {
  await pool.query(`DELETE FROM sign_in_failures WHERE scope = 'account at address' AND key = $1`, [JSON.stringify([name, address])]);
}
