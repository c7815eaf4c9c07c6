import type pg from 'pg';
import type { Account } from './accounts.js';
import { randomToken, sha256 } from './secrets.js';

/** How long a sign-in lasts. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;

/** A new session: the token goes in the cookie, only its hash in the database. */
export interface NewSession {
  token: string;
  expiresAt: Date;
}

/** Opens a session for the account, and drops the account's expired ones. */
export async function openSession(pool: pg.Pool, accountId: string, now: Date): Promise<NewSession> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await pool.query('DELETE FROM sessions WHERE account_id = $1 AND expires_at <= $2', [accountId, now]);
  await pool.query('INSERT INTO sessions (id, account_id, expires_at, created_at) VALUES ($1, $2, $3, $4)', [sha256(token), accountId, expiresAt, now]);
  return { token, expiresAt };
}

/** The account a session token belongs to, if the session exists and has not expired. */
export async function sessionAccount(pool: pg.Pool, token: string, now: Date): Promise<Account | undefined> {
  const { rows } = await pool.query<Account>(
    `SELECT a.id, a.name, a.role FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.id = $1 AND s.expires_at > $2`,
    [sha256(token), now],
  );
  return rows[0];
}

/** The id a session is stored under: the SHA-256 of its token (the token itself is never stored). */
export function sessionId(token: string): string {
  return sha256(token);
}

/** Ends a session (signing out), by its id. */
export async function closeSession(pool: pg.Pool, id: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE id = $1', [id]);
}
