import type pg from 'pg';
import type { Role } from '@lifestone/lib/graph';
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
    `INSERT INTO accounts (name, password_hash, role)
     SELECT $1, $2, 'admin' WHERE NOT EXISTS (SELECT 1 FROM accounts)
     ON CONFLICT (name) DO NOTHING`,
    [FIRST_ADMIN_NAME, await hashPassword(chosen)],
  );
  if (!created) return undefined;
  return password ? { name: FIRST_ADMIN_NAME } : { name: FIRST_ADMIN_NAME, generatedPassword: chosen };
}
