/**
 * Sign-in throttling: sign-in attempts are counted in PostgreSQL (shared by
 * every gateway instance) under three keys, each with a few free failures,
 * then a delay that doubles with every further one, up to a cap:
 *
 * - the account from one address: 5 free, up to 15 minutes. Guessing one
 *   person's password from one place slows to a crawl;
 * - the address, whatever the account: 20 free, up to an hour. Spraying many
 *   accounts from one place does too;
 * - the account, from anywhere: 50 free, up to 5 minutes. Many addresses
 *   guessing one account are slowed to one guess per 5 minutes in all.
 *
 * The account-wide wait holds back only addresses that have failed within
 * the window: otherwise an attacker retrying the moment each wait ends
 * would keep the real person out for as long as the attack lasts. So the
 * real person, from an address of their own, is not held up by anyone
 * else's failures; a spread-out attack gains one guess per fresh address
 * (that address then counts a failure for a day), until the account has
 * 500 failures in the window: then everyone waits for it, the real person
 * included, at most 5 minutes an attempt. An IPv6 address counts as its
 * /64, so fresh addresses cost an attacker more than a new interface id.
 *
 * An attempt is counted as a failure before its password is checked, under
 * locks on its three rows, and refused there if any key makes it wait: a
 * burst of concurrent attempts gets no more guesses than the same attempts
 * one after another, and a refused attempt costs no argon2 work. A success
 * takes its own count back and clears the account's count at that address.
 * Counts start again a day after the last attempt; expired rows are pruned
 * by the database maintenance (retention policy `sign_in_failures`).
 */
import ipaddr from 'ipaddr.js';
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

/** Past this many failures of one account in the window, addresses that have not failed wait for the account too. */
const FRESH_ADDRESS_LIMIT = 500;

/**
 * The three keys of one attempt, as JSON (names are compared as typed:
 * accounts are looked up that way), always in this order, so that
 * concurrent attempts lock shared rows in the same order and never deadlock.
 */
function keysOf(name: string, client: string): Array<[Scope, string]> {
  const address = addressGroup(client);
  return [['account at address', JSON.stringify([name, address])], ['address', JSON.stringify(address)], ['account', JSON.stringify(name)]];
}

/**
 * The unit an address is counted in: an IPv4 address, or the /64 of an IPv6
 * one, which one subscriber usually holds whole (counted one by one, an
 * attacker would have 2^64 fresh addresses). `::ffff:` IPv4 counts as IPv4.
 */
export function addressGroup(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (!(parsed instanceof ipaddr.IPv6)) return parsed.toString();
  return `${new ipaddr.IPv6([...parsed.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}

/**
 * Counts a sign-in attempt as a failure before its password is checked, or
 * refuses it with RATE_LIMITED and `retryAfterSeconds` (not counted) when a
 * key makes it wait at `now`. Call {@link recordSuccess} when the password
 * was right.
 */
export async function claimAttempt(pool: pg.Pool, name: string, address: string, now: Date): Promise<void> {
  const keys = keysOf(name, address);
  const client = await pool.connect();
  let until: Date | undefined;
  try {
    await client.query('BEGIN');
    // Creates missing rows and locks all three until the transaction ends; a count past the window starts again.
    const { rows } = await client.query<{ scope: Scope; failures: number; blocked_until: Date | null }>(
      `INSERT INTO sign_in_failures AS f (scope, key, failures, last_failure_at)
         SELECT scope, key, 0, $1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS a(scope, key, n) ORDER BY n
       ON CONFLICT (scope, key) DO UPDATE SET
         failures = CASE WHEN f.last_failure_at < $1::timestamptz - make_interval(secs => $4) THEN 0 ELSE f.failures END
       RETURNING scope, failures, blocked_until`,
      [now, keys.map(([scope]) => scope), keys.map(([, key]) => key), WINDOW_SECONDS],
    );
    const addressFailed = rows.some((row) => row.scope === 'address' && row.failures > 0);
    for (const row of rows) {
      if (!row.blocked_until || row.blocked_until <= now) continue;
      if (row.scope === 'account' && !addressFailed && row.failures < FRESH_ADDRESS_LIMIT) continue;
      if (!until || row.blocked_until > until) until = row.blocked_until;
    }
    if (until) {
      await client.query('ROLLBACK');
    } else {
      await count(client, keys, 1, now);
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  if (!until) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  throw graphError(GraphErrorCode.RATE_LIMITED, `Too many failed sign-ins: try again in ${retryAfterSeconds} s (at ${until.toISOString()}).`, { retryAfterSeconds });
}

/** After a right password: takes back the attempt {@link claimAttempt} counted, and clears the account's count at this address. */
export async function recordSuccess(pool: pg.Pool, name: string, address: string): Promise<void> {
  const [accountAtAddress, ...rest] = keysOf(name, address);
  await pool.query(`DELETE FROM sign_in_failures WHERE scope = $1 AND key = $2`, accountAtAddress);
  await count(pool, rest, -1);
}

/**
 * Adds `step` to each key's count and sets its wait from the new count:
 * past the free failures, 1 s, 2 s, 4 s ... up to the cap, from the last
 * attempt (`now`, or the stored time when taking a count back).
 */
async function count(db: pg.Pool | pg.PoolClient, keys: Array<[Scope, string]>, step: 1 | -1, now?: Date): Promise<void> {
  const scopes = keys.map(([scope]) => scope);
  await db.query(
    `UPDATE sign_in_failures AS f SET
       failures = f.failures + $2,
       last_failure_at = coalesce($1, f.last_failure_at),
       blocked_until = CASE WHEN f.failures + $2 > a.free
         THEN coalesce($1, f.last_failure_at) + make_interval(secs => least(a.cap, power(2, least(f.failures + $2 - a.free - 1, 30)))) END
       FROM unnest($3::text[], $4::text[], $5::int[], $6::int[]) AS a(scope, key, free, cap)
      WHERE f.scope = a.scope AND f.key = a.key AND f.failures + $2 >= 0`,
    [now ?? null, step, scopes, keys.map(([, key]) => key), scopes.map((scope) => RULES[scope].free), scopes.map((scope) => RULES[scope].capSeconds)],
  );
}
