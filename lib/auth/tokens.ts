import type pg from 'pg';
import type { Identity } from '../graph/identity.js';
import { hasRole, type Role } from '../graph/roles.js';
import { randomToken, sha256 } from './secrets.js';

/** Every API token starts with this, so that a leaked one is easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'ls_';

/** A freshly issued token: `token` is shown once and never again. */
export interface NewApiToken {
  id: string;
  name: string;
  role: Role;
  token: string;
}

/** An API token as an admin sees it later: never the token itself. */
export interface ApiTokenRecord {
  id: string;
  name: string;
  role: Role;
  /** The owner's name, kept after the owner is deleted; null for a token issued outside the graph. */
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Thrown when a token's owner is gone by the time the token would be stored. */
export class OwnerGoneError extends Error {
  constructor() {
    super('the account issuing this token no longer exists');
    this.name = 'OwnerGoneError';
  }
}

/**
 * Issues a token (`ls_` + 32 random bytes, base64url) and stores its SHA-256.
 * `createdBy` is the id of the account whose role bounds the token for its whole
 * life and whose deletion revokes it (its name is stored with it); null for
 * a token issued outside the graph (npm start's own clients, scripts),
 * bounded by its own role alone. Throws {@link OwnerGoneError} when the
 * owner no longer exists.
 */
export async function issueApiToken(pool: pg.Pool, request: { name: string; role: Role; createdBy: string | null }, now: Date): Promise<NewApiToken> {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const { rows } = await pool
    .query<{ id: string }>(
      `INSERT INTO api_tokens (name, role, token_hash, created_by, owner_name, created_at)
       SELECT $1, $2, $3, $4::uuid, (SELECT name FROM accounts WHERE id = $4::uuid), $5
       WHERE $4::uuid IS NULL OR EXISTS (SELECT 1 FROM accounts WHERE id = $4::uuid)
       RETURNING id`,
      [request.name, request.role, sha256(token), request.createdBy, now],
    )
    .catch((error: unknown) => {
      // The owner was being deleted as the token was stored: its foreign key no longer holds.
      throw (error as { code?: string }).code === FOREIGN_KEY_VIOLATION ? new OwnerGoneError() : error;
    });
  const row = rows[0];
  if (!row) throw new OwnerGoneError();
  return { id: row.id, name: request.name, role: request.role, token };
}

/**
 * The id of the account that owns token `id`, for the tokens it issues:
 * null when the token has no owner (issued outside the graph); `undefined`
 * when its owner was deleted, or there is no such token.
 */
export async function apiTokenOwner(pool: pg.Pool, id: string): Promise<string | null | undefined> {
  const { rows } = await pool.query<{ createdBy: string | null; ownerName: string | null }>(
    'SELECT created_by AS "createdBy", owner_name AS "ownerName" FROM api_tokens WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row || (row.ownerName !== null && row.createdBy === null)) return undefined;
  return row.createdBy;
}

/** Revokes a token; `false` when there is no such token or it was already revoked. */
export async function revokeApiToken(pool: pg.Pool, id: string, now: Date): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const { rowCount } = await pool.query('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
  return rowCount === 1;
}

/**
 * The identity of a valid, unrevoked token, recording when it was used. Its
 * role is the lesser of the token's own and its owner's current role; a
 * token whose owner was deleted is no longer valid. `undefined` for anything
 * else, including a string that is not shaped like a token.
 */
export async function apiTokenIdentity(pool: pg.Pool, token: string, now: Date): Promise<Identity | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return undefined;
  const { rows } = await pool.query<{ id: string; name: string; role: Role; ownerRole: Role | null }>(
    `WITH valid AS (
       SELECT t.id, t.name, t.role, a.role AS owner_role
       FROM api_tokens t LEFT JOIN accounts a ON a.id = t.created_by
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.owner_name IS NULL OR a.id IS NOT NULL)
     )
     UPDATE api_tokens t SET last_used_at = $2 FROM valid WHERE t.id = valid.id
     RETURNING valid.id, valid.name, valid.role, valid.owner_role AS "ownerRole"`,
    [sha256(token), now],
  );
  const row = rows[0];
  if (!row) return undefined;
  const role = row.ownerRole && !hasRole(row.ownerRole, row.role) ? row.ownerRole : row.role;
  return { kind: 'token', id: row.id, name: row.name, role };
}

/** Every token, newest first, with the name of the account that owns it. */
export async function listApiTokens(pool: pg.Pool): Promise<ApiTokenRecord[]> {
  const { rows } = await pool.query<ApiTokenRecord>(
    `SELECT t.id, t.name, t.role, t.owner_name AS "createdBy", t.created_at AS "createdAt",
            t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"
     FROM api_tokens t
     ORDER BY t.created_at DESC, t.id`,
  );
  return rows;
}

/** PostgreSQL's SQLSTATE for a reference to a row that is gone. */
const FOREIGN_KEY_VIOLATION = '23503';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
