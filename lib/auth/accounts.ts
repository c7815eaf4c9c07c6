import type pg from 'pg';
import { Role } from '../graph/roles.js';
import { generatePassword, hashPassword, passwordMatches } from './passwords.js';

/** A person who signs in with a name and a password. */
export interface Account {
  id: string;
  name: string;
  role: Role;
}

/** The name of the account created at first start. */
export const FIRST_ADMIN_NAME = 'admin';

/** Thrown when an account name is taken. */
export class AccountExistsError extends Error {
  constructor(readonly accountName: string) {
    super(`an account named ${JSON.stringify(accountName)} already exists`);
    this.name = 'AccountExistsError';
  }
}

/** Creates an account; throws {@link AccountExistsError} when the name is taken. */
export async function createAccount(pool: pg.Pool, account: { name: string; password: string; role: Role }): Promise<Account> {
  const passwordHash = await hashPassword(account.password);
  const { rows } = await pool.query<Account>(
    `INSERT INTO accounts (name, password_hash, role) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO NOTHING
     RETURNING id, name, role`,
    [account.name, passwordHash, account.role],
  );
  if (!rows[0]) throw new AccountExistsError(account.name);
  return rows[0];
}

/** A hash that no password matches, checked when the name is unknown so that a wrong name takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** The account if `name` exists and `password` is its password; `undefined` otherwise, in about the same time either way. */
export async function checkPassword(pool: pg.Pool, name: string, password: string): Promise<Account | undefined> {
  const { rows } = await pool.query<Account & { password_hash: string }>(
    'SELECT id, name, role, password_hash FROM accounts WHERE name = $1',
    [name],
  );
  const row = rows[0];
  if (!row) {
    await passwordMatches(await (decoyHash ??= hashPassword(generatePassword())), password);
    return undefined;
  }
  if (!(await passwordMatches(row.password_hash, password))) return undefined;
  return { id: row.id, name: row.name, role: row.role };
}

/** What {@link ensureFirstAdmin} did. */
export interface FirstAdmin {
  name: typeof FIRST_ADMIN_NAME;
  /** The generated password, to print once; absent when the configured one was used. */
  generatedPassword?: string;
}

/**
 * Creates the admin account `admin` when there is no account at all, with
 * `password` (LIFESTONE_ADMIN_PASSWORD) or a generated one returned to be
 * printed once. Returns `undefined` when accounts already exist: the
 * password is never reset here. Safe when several gateways start at once.
 */
export async function ensureFirstAdmin(pool: pg.Pool, password?: string): Promise<FirstAdmin | undefined> {
  const { rowCount } = await pool.query('SELECT 1 FROM accounts LIMIT 1');
  if (rowCount) return undefined;
  const chosen = password || generatePassword();
  const { rowCount: created } = await pool.query(
    `INSERT INTO accounts (name, password_hash, role, password_change_due)
     SELECT $1, $2, 'admin', $3 WHERE NOT EXISTS (SELECT 1 FROM accounts)
     ON CONFLICT (name) DO NOTHING`,
    [FIRST_ADMIN_NAME, await hashPassword(chosen), !password],
  );
  if (!created) return undefined;
  return password ? { name: FIRST_ADMIN_NAME } : { name: FIRST_ADMIN_NAME, generatedPassword: chosen };
}

/** Whether the account `id` is to choose its own password (its password was generated for it). */
export async function passwordChangeDue(pool: pg.Pool, accountId: string): Promise<boolean> {
  const { rows } = await pool.query<{ due: boolean }>('SELECT password_change_due AS due FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.due ?? false;
}

/** Whether the first admin (`admin`) has yet to change the password generated for it; false when there is no such account. */
export async function firstAdminPasswordChangeDue(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ due: boolean }>('SELECT password_change_due AS due FROM accounts WHERE name = $1', [FIRST_ADMIN_NAME]);
  return rows[0]?.due ?? false;
}

/** An account as admins list it. */
export interface AccountRecord extends Account {
  createdAt: Date;
  /** Sessions that have not expired: browsers signed in as this account. */
  sessions: number;
}

/** The shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 8;

/** Thrown when a change would leave no admin (demoting or removing the last one). */
export class LastAdminError extends Error {
  constructor(readonly accountName: string) {
    super(`${JSON.stringify(accountName)} is the last admin`);
    this.name = 'LastAdminError';
  }
}

/** Every account by name, with its count of live sessions; only the account `id` when given. */
export async function listAccounts(pool: pg.Pool, now: Date, id?: string): Promise<AccountRecord[]> {
  const { rows } = await pool.query<AccountRecord>(
    `SELECT a.id, a.name, a.role, a.created_at AS "createdAt",
            (SELECT count(*)::int FROM sessions s WHERE s.account_id = a.id AND s.expires_at > $1) AS sessions
     FROM accounts a WHERE $2::uuid IS NULL OR a.id = $2 ORDER BY a.name`,
    [now, id ?? null],
  );
  return rows;
}

/**
 * Runs `change` on the account named `name` inside a transaction that holds
 * the admins' rows, so that two admins demoting each other at once cannot
 * leave none. `undefined` when there is no such account.
 */
async function withAccountLocked<T>(pool: pg.Pool, name: string, change: (client: pg.PoolClient, account: Account, admins: number) => Promise<T>): Promise<T | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: admins } = await client.query<{ name: string }>(`SELECT name FROM accounts WHERE role = 'admin' ORDER BY id FOR UPDATE`);
    const { rows } = await client.query<Account>('SELECT id, name, role FROM accounts WHERE name = $1 FOR UPDATE', [name]);
    const account = rows[0];
    if (!account) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const result = await change(client, account, admins.length);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Gives the account named `name` another role; `undefined` when there is none; {@link LastAdminError} when it is the last admin and `role` is not admin. */
export async function setAccountRole(pool: pg.Pool, name: string, role: Role): Promise<Account | undefined> {
  return withAccountLocked(pool, name, async (client, account, admins) => {
    if (account.role === Role.admin && role !== Role.admin && admins <= 1) throw new LastAdminError(account.name);
    await client.query('UPDATE accounts SET role = $2 WHERE id = $1', [account.id, role]);
    return { ...account, role };
  });
}

/**
 * Removes the account named `name` and with it its sessions, and revokes
 * the API tokens it owns (as of `now`); false when there is none;
 * {@link LastAdminError} for the last admin.
 */
export async function deleteAccount(pool: pg.Pool, name: string, now: Date): Promise<boolean> {
  const deleted = await withAccountLocked(pool, name, async (client, account, admins) => {
    if (account.role === Role.admin && admins <= 1) throw new LastAdminError(account.name);
    // The account's row is locked: no token of its can be issued between these two statements.
    await client.query('UPDATE api_tokens SET revoked_at = $2 WHERE created_by = $1 AND revoked_at IS NULL', [account.id, now]);
    await client.query('DELETE FROM accounts WHERE id = $1', [account.id]);
    return true;
  });
  return deleted ?? false;
}

/**
 * Sets `password` as the account's password and ends its sessions, all but
 * `keepSession` (the id of the session making the change, which stays
 * signed in). Returns how many sessions ended.
 */
export async function replacePassword(pool: pg.Pool, accountId: string, password: string, keepSession?: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET password_hash = $2, password_change_due = false WHERE id = $1', [accountId, passwordHash]);
    const { rowCount } = await client.query('DELETE FROM sessions WHERE account_id = $1 AND id <> $2', [accountId, keepSession ?? '']);
    await client.query('COMMIT');
    return rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** What {@link resetPassword} did: the generated password, to show once. */
export interface PasswordReset {
  account: Account;
  password: string;
  /** Sessions of the account that were ended. */
  endedSessions: number;
}

/**
 * Gives the account named `name` a generated password (24 characters) and
 * ends its sessions but `keepSession`; `undefined` when there is no such
 * account. What the Accounts window's reset and `npm run admin --
 * reset-password` do.
 */
export async function resetPassword(pool: pg.Pool, name: string, keepSession?: string): Promise<PasswordReset | undefined> {
  const { rows } = await pool.query<Account>('SELECT id, name, role FROM accounts WHERE name = $1', [name]);
  const account = rows[0];
  if (!account) return undefined;
  const password = generatePassword();
  const endedSessions = await replacePassword(pool, account.id, password, keepSession);
  return { account, password, endedSessions };
}
