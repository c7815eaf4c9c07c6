import type pg from 'pg';
import type { Identity, Role } from '@lifestone/lib/graph';
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
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Issues a token (`ls_` + 32 random bytes, base64url) and stores its SHA-256. */
export async function issueApiToken(pool: pg.Pool, request: { name: string; role: Role; createdBy: string | null }, now: Date): Promise<NewApiToken> {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const { rows } = await pool.query<{ id: string }>(
    'INSERT INTO api_tokens (name, role, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [request.name, request.role, sha256(token), request.createdBy, now],
  );
  return { id: (rows[0] as { id: string }).id, name: request.name, role: request.role, token };
}

/** Revokes a token; `false` when there is no such token or it was already revoked. */
export async function revokeApiToken(pool: pg.Pool, id: string, now: Date): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const { rowCount } = await pool.query('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
  return rowCount === 1;
}

/**
 * The identity of a valid, unrevoked token, recording when it was used.
 * `undefined` for anything else, including a string that is not shaped like a token.
 */
export async function apiTokenIdentity(pool: pg.Pool, token: string, now: Date): Promise<Identity | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return undefined;
  const { rows } = await pool.query<{ id: string; name: string; role: Role }>(
    'UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id, name, role',
    [sha256(token), now],
  );
  const row = rows[0];
  return row && { kind: 'token', id: row.id, name: row.name, role: row.role };
}

/** Every token, newest first, with the name of the account that created it. */
export async function listApiTokens(pool: pg.Pool): Promise<ApiTokenRecord[]> {
  const { rows } = await pool.query<ApiTokenRecord>(
    `SELECT t.id, t.name, t.role, a.name AS "createdBy", t.created_at AS "createdAt",
            t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"
     FROM api_tokens t LEFT JOIN accounts a ON a.id = t.created_by
     ORDER BY t.created_at DESC, t.id`,
  );
  return rows;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
