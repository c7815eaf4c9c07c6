import type pg from 'pg';
import type { Logger } from '@lifestone/lib/log';
import { PLUGIN_KEY_PREFIX } from '@lifestone/lib/protocol';
import { topics, type PubSub } from '@lifestone/lib/pubsub';
import { randomToken, sha256 } from '@lifestone/lib/auth';

/** A plugin key as admins see it: never the key itself. */
export interface PluginKeyRecord {
  id: string;
  name: string;
  characters: string[];
  charactersFixed: boolean;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A freshly issued key: `key` is shown once and never again. */
export type NewPluginKey = PluginKeyRecord & { key: string };

/**
 * Issues a plugin key (`lsp_` + 32 random bytes, base64url) and stores its
 * SHA-256. With `characters` it holds exactly those (taken from any key that
 * held them); without, it binds the characters its plugin first reports.
 */
export async function issuePluginKey(pool: pg.Pool, request: { name: string; characters: readonly string[] | null; createdBy: string }, now: Date): Promise<{ key: NewPluginKey; changedKeys: string[] }> {
  const key = `${PLUGIN_KEY_PREFIX}${randomToken()}`;
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO plugin_keys (name, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [request.name, sha256(key), request.createdBy, now],
    );
    const id = (rows[0] as { id: string }).id;
    const changedKeys = request.characters ? await bindCharacters(client, id, request.characters, now) : [];
    return { key: { ...(await pluginKeyRecord(client, id) as PluginKeyRecord), key }, changedKeys };
  });
}

/**
 * Gives the unrevoked key `id` exactly `characters` and fixes them (it binds
 * no more on first report); a character another key held moves to it.
 * `undefined` when there is no such unrevoked key; `changedKeys` are the
 * keys whose characters changed, for ingest to read again.
 */
export async function setPluginKeyCharacters(pool: pg.Pool, id: string, characters: readonly string[], now: Date): Promise<{ key: PluginKeyRecord; changedKeys: string[] } | undefined> {
  if (!UUID.test(id)) return undefined;
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM plugin_keys WHERE id = $1 AND revoked_at IS NULL FOR UPDATE', [id]);
    if (rowCount !== 1) return undefined;
    const changedKeys = await bindCharacters(client, id, characters, now);
    return { key: await pluginKeyRecord(client, id) as PluginKeyRecord, changedKeys };
  });
}

/** Revokes a key and frees its characters; `false` when there is no such key or it was revoked already. */
export async function revokePluginKey(pool: pg.Pool, id: string, now: Date): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const { rows } = await pool.query<{ revoked: boolean }>(
    `WITH revoked AS (UPDATE plugin_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id),
          freed AS (DELETE FROM plugin_key_characters WHERE key_id IN (SELECT id FROM revoked))
     SELECT count(*) = 1 AS revoked FROM revoked`,
    [id, now],
  );
  return rows[0]?.revoked === true;
}

/** Every plugin key, newest first, with the characters it holds by name. */
export async function listPluginKeys(pool: pg.Pool | pg.PoolClient, id?: string): Promise<PluginKeyRecord[]> {
  const { rows } = await pool.query<PluginKeyRecord>(
    `SELECT k.id, k.name, k.characters_fixed AS "charactersFixed", k.created_by AS "createdBy", k.created_at AS "createdAt",
            k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt",
            coalesce((SELECT array_agg(c.character_name ORDER BY c.character_name) FROM plugin_key_characters c WHERE c.key_id = k.id), '{}') AS characters
     FROM plugin_keys k WHERE $1::uuid IS NULL OR k.id = $1
     ORDER BY k.created_at DESC, k.id`,
    [id ?? null],
  );
  return rows;
}

/**
 * Tells every ingest that keys changed (revoked, characters moved): a hint
 * it answers by reading them again. A lost hint costs a delay, not the
 * revocation: ingest reads its keys again every few seconds anyway.
 */
export async function announcePluginKeyChanges(pubsub: PubSub, log: Logger, ids: readonly string[]): Promise<void> {
  try {
    await pubsub.publishMany(ids.map((id) => ({ topic: topics.pluginKey, key: id, payload: '{}' })));
  } catch (error) {
    log.warn({ err: error, keys: ids.length }, 'could not announce a plugin key change; ingest sees it at its next check');
  }
}

async function pluginKeyRecord(client: pg.PoolClient, id: string): Promise<PluginKeyRecord | undefined> {
  return (await listPluginKeys(client, id))[0];
}

/** Binds exactly `characters` to key `id`, fixed, and says which keys' characters changed (its own among them). */
async function bindCharacters(client: pg.PoolClient, id: string, characters: readonly string[], now: Date): Promise<string[]> {
  const { rows } = await client.query<{ key_id: string }>(
    `WITH moved AS (
       UPDATE plugin_keys SET characters_version = characters_version + 1
       WHERE id <> $1 AND id IN (SELECT key_id FROM plugin_key_characters WHERE character_name = ANY($2::text[]))
       RETURNING id)
     SELECT id AS key_id FROM moved`,
    [id, characters],
  );
  await client.query('DELETE FROM plugin_key_characters WHERE key_id = $1 AND NOT (character_name = ANY($2::text[]))', [id, characters]);
  await client.query(
    `INSERT INTO plugin_key_characters (key_id, character_name, bound_at) SELECT $1, unnest($2::text[]), $3
     ON CONFLICT (character_name) DO UPDATE SET key_id = EXCLUDED.key_id, bound_at = EXCLUDED.bound_at
     WHERE plugin_key_characters.key_id <> EXCLUDED.key_id`,
    [id, characters, now],
  );
  await client.query('UPDATE plugin_keys SET characters_fixed = true, characters_version = characters_version + 1 WHERE id = $1', [id]);
  return [id, ...rows.map((row) => row.key_id)];
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
