/**
 * Plugin keys, end to end: admins issue, bind and revoke them through the
 * graph; ingest takes a keyed plugin's frames only for the characters its
 * key holds, caps connections per key, and closes a revoked key's plugins.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@lifestone/test-kit/database';
import { connectPlugin, INGEST_WAIT, type TestPlugin } from '@lifestone/test-kit/plugin';
import { sendAndFlush } from '@lifestone/test-kit/plugin-session';
import { startTestIngest, TEST_SECRET } from '@lifestone/test-kit/ingest';
import { PLUGIN_KEY_PREFIX } from '@lifestone/lib/protocol';
import { createRedisPubSub } from '@lifestone/lib/pubsub/redis';
import { cutRedisClients, withRedis } from '@lifestone/test-kit/redis';
import { startTestStack, type GraphQLResponse, type TestStack } from '@lifestone/test-kit/stack';

const T = '2026-11-21T10:00:00.000Z';
const KEY_FIELDS = 'id name characters charactersFixed createdBy createdAt lastUsedAt revokedAt';
const CREATE = `mutation($name: String!, $characters: [String!]) { createPluginKey(name: $name, characters: $characters) { key pluginKey { ${KEY_FIELDS} } } }`;
const LIST = `{ pluginKeys { ${KEY_FIELDS} } }`;
const SET = `mutation($id: ID!, $characters: [String!]!) { setPluginKeyCharacters(id: $id, characters: $characters) { ${KEY_FIELDS} } }`;
const REVOKE = 'mutation($id: ID!) { revokePluginKey(id: $id) }';

interface PluginKey { id: string; name: string; characters: string[]; charactersFixed: boolean; createdBy: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

let stack: TestStack;
const plugins: TestPlugin[] = [];
beforeAll(async () => {
  stack = await startTestStack({ modules: [], ingest: { maxConnectionsPerKey: 2, maxConnectionsPerSecret: 2, pluginKeyCheckMs: 300 } });
});
afterAll(async () => {
  await Promise.all(plugins.map((plugin) => plugin.close()));
  await stack?.close();
});

const asAdmin = { cookie: '' };
async function admin<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  asAdmin.cookie = stack.adminCookie;
  const response = await stack.graphql<T>(query, variables, asAdmin);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
}

async function issueKey(name: string, characters?: string[]): Promise<{ key: string; pluginKey: PluginKey }> {
  return (await admin<{ createPluginKey: { key: string; pluginKey: PluginKey } }>(CREATE, { name, characters })).createPluginKey;
}

async function listed(id: string): Promise<PluginKey | undefined> {
  return (await admin<{ pluginKeys: PluginKey[] }>(LIST)).pluginKeys.find((key) => key.id === id);
}

/** A plugin connected with `key` (in the header, or in the query when `inQuery`), closed after the suite. */
async function keyed(key: string, inQuery = false): Promise<TestPlugin> {
  const plugin = inQuery
    ? await connectPlugin(`${stack.ingest.ingest.pluginUrl}?key=${encodeURIComponent(key)}`)
    : await connectPlugin(stack.ingest.ingest.pluginUrl, undefined, { 'x-plugin-key': key });
  plugins.push(plugin);
  return plugin;
}

function closeOf(plugin: TestPlugin): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (plugin.socket.readyState === plugin.socket.CLOSED) throw new Error('closed already');
    plugin.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
}

const chat = (character: string, text: string) => ({ type: 'chat', character_name: character, timestamp: T, channel: 'General', text });
const count = async (sql: string, character: string, db: pg.Pool = stack.db): Promise<number> => (await db.query(sql, [character])).rows[0].n as number;
const CHATS = 'SELECT count(*)::int AS n FROM chat_messages WHERE character_name = $1';
const errors = (plugin: TestPlugin) => plugin.received.filter((frame) => frame.type === 'error').map((frame) => ({ code: frame.code, ref: frame.ref }));

function codes(response: GraphQLResponse): unknown[] | undefined {
  return response.body.errors?.map((error) => error.extensions?.code);
}

describe('plugin keys in the graph', () => {
  it('are issued once, stored hashed, listed without the key, revoked by admins only', async () => {
    const { key, pluginKey } = await issueKey(' Holly\'s laptop ');
    expect(key).toMatch(/^lsp_[A-Za-z0-9_-]{43}$/);
    expect(pluginKey).toStrictEqual({
      id: expect.any(String), name: 'Holly\'s laptop', characters: [], charactersFixed: false, createdBy: 'admin',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), lastUsedAt: null, revokedAt: null,
    });
    const { rows } = await stack.db.query('SELECT key_hash FROM plugin_keys WHERE id = $1', [pluginKey.id]);
    expect(rows).toStrictEqual([{ key_hash: createHash('sha256').update(key).digest('hex') }]);
    expect(await listed(pluginKey.id)).toStrictEqual(pluginKey);

    const viewer = await stack.createToken('viewer', 'key-viewer');
    const operator = await stack.createToken('operator', 'key-operator');
    for (const credentials of [viewer, operator]) {
      expect(codes(await stack.graphql(LIST, undefined, credentials))).toStrictEqual(['FORBIDDEN']);
      expect(codes(await stack.graphql(CREATE, { name: 'mine' }, credentials))).toStrictEqual(['FORBIDDEN']);
      expect(codes(await stack.graphql(REVOKE, { id: pluginKey.id }, credentials))).toStrictEqual(['FORBIDDEN']);
      expect(codes(await stack.graphql(SET, { id: pluginKey.id, characters: ['Mine'] }, credentials))).toStrictEqual(['FORBIDDEN']);
    }
    expect(codes(await stack.graphql(CREATE, { name: '   ' }, asAdmin))).toStrictEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.graphql(CREATE, { name: 'long names', characters: ['x'.repeat(65)] }, asAdmin))).toStrictEqual(['BAD_USER_INPUT']);

    expect(await admin(REVOKE, { id: pluginKey.id })).toStrictEqual({ revokePluginKey: true });
    expect(await admin(REVOKE, { id: pluginKey.id })).toStrictEqual({ revokePluginKey: false });
    expect((await listed(pluginKey.id))?.revokedAt).toMatch(/^\d{4}-/);
    await expect(keyed(key)).rejects.toThrow('refused with HTTP 401');
    for (const id of [pluginKey.id, '00000000-0000-4000-8000-000000000000', 'not an id']) {
      expect(codes(await stack.graphql(SET, { id, characters: ['Anyone'] }, asAdmin))).toStrictEqual(['NOT_FOUND']);
    }
    const { pluginKey: another } = await issueKey('another');
    const tooMany = Array.from({ length: 1_001 }, (_, n) => `Alt ${n}`);
    expect(codes(await stack.graphql(SET, { id: another.id, characters: tooMany }, asAdmin))).toStrictEqual(['BAD_USER_INPUT']);
  });
});

describe('what a keyed plugin may write', () => {
  it('holds the characters its plugin first reports; another key\'s plugin is refused them (CHARACTER_NOT_HELD), its neighbours stored', async () => {
    const alice = await issueKey('Alice\'s plugin');
    const mallory = await issueKey('Mallory\'s plugin');
    const honest = await keyed(alice.key);
    await stack.send(honest, [chat('Alice', 'hello'), { type: 'full_inventory', character_name: 'Alice', timestamp: T, items: [{ id: 7, name: 'Pyreal Mote' }] }]);
    expect((await listed(alice.pluginKey.id))?.characters).toStrictEqual(['Alice']);
    expect((await listed(alice.pluginKey.id))?.lastUsedAt).toMatch(/^\d{4}-/);

    const thief = await keyed(mallory.key, true);
    const forged = [
      chat('Alice', 'forged'),
      { type: 'inventory_delta', character_name: 'Alice', timestamp: T, action: 'add', item: { id: 666, name: 'Planted Item' } },
      { type: 'inventory_delta', character_name: 'Alice', timestamp: T, action: 'remove', item: { id: 7 } },
      { type: 'rare', character_name: 'Alice', timestamp: T, name: 'Forged Rare', ew: 1, ns: 2, z: 3 },
    ];
    thief.send(chat('Mallory', 'before'));
    for (const frame of forged) thief.send(frame);
    thief.send(chat('Mallory', 'after'));
    await expect.poll(() => count(CHATS, 'Mallory'), INGEST_WAIT).toBe(2);
    await stack.ingest.ingest.flush();

    const ref = (type: string) => ({ type, character_name: 'Alice' });
    expect(errors(thief)).toStrictEqual([
      { code: 'CHARACTER_NOT_HELD', ref: ref('chat') },
      { code: 'CHARACTER_NOT_HELD', ref: ref('inventory_delta') },
      { code: 'CHARACTER_NOT_HELD', ref: ref('inventory_delta') },
      { code: 'CHARACTER_NOT_HELD', ref: ref('rare') },
    ]);
    expect(String(thief.received.find((frame) => frame.type === 'error')?.message)).toBe(
      'The plugin key "Mallory\'s plugin" does not hold "Alice": another plugin key holds it, or this key holds 1000 characters already; ask an admin to give it to this key (Accounts, Plugin keys).',
    );
    expect(thief.socket.readyState).toBe(thief.socket.OPEN);
    expect((await stack.db.query('SELECT text FROM chat_messages WHERE character_name = $1', ['Alice'])).rows).toStrictEqual([{ text: 'hello' }]);
    expect((await stack.db.query('SELECT item_id::int, name FROM inventory_items WHERE character_name = $1', ['Alice'])).rows).toStrictEqual([{ item_id: 7, name: 'Pyreal Mote' }]);
    expect(await count('SELECT count(*)::int AS n FROM rare_events WHERE character_name = $1', 'Alice')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM alerts WHERE character_name = $1', 'Alice')).toBe(0);
    expect((await listed(mallory.pluginKey.id))?.characters).toStrictEqual(['Mallory']);
  });

  it('holds exactly what an admin sets, taken from the key that held it, within seconds', async () => {
    const first = await issueKey('first');
    const second = await issueKey('second');
    const firstPlugin = await keyed(first.key);
    const secondPlugin = await keyed(second.key);
    await stack.send(firstPlugin, [chat('Moved', '0 by the first key')]);
    await stack.send(secondPlugin, [chat('Kept', '0 by the second key')]);

    const set = await admin<{ setPluginKeyCharacters: PluginKey }>(SET, { id: second.pluginKey.id, characters: ['Moved', 'Given'] });
    expect(set.setPluginKeyCharacters).toMatchObject({ characters: ['Given', 'Moved'], charactersFixed: true });
    expect((await listed(first.pluginKey.id))?.characters).toStrictEqual([]);

    // The first key's plugin loses "Moved" as soon as ingest hears of it; the second now writes it, and no longer "Kept".
    await expect.poll(async () => {
      firstPlugin.send(chat('Moved', 'probe'));
      await stack.ingest.ingest.flush();
      return errors(firstPlugin).some((error) => error.code === 'CHARACTER_NOT_HELD');
    }, INGEST_WAIT).toBe(true);
    const probesStored = await count(CHATS, 'Moved');
    await stack.send(secondPlugin, [chat('Moved', 'by the second key'), chat('Given', 'given')]);
    secondPlugin.send(chat('Kept', 'no longer held'));
    await secondPlugin.waitFor((frame) => frame.type === 'error');
    expect(await count(CHATS, 'Moved')).toBe(probesStored + 1);
    expect(await count(CHATS, 'Given')).toBe(1);
    expect(await count(CHATS, 'Kept')).toBe(1);
    expect(errors(secondPlugin)).toStrictEqual([{ code: 'CHARACTER_NOT_HELD', ref: { type: 'chat', character_name: 'Kept' } }]);
    expect(String(secondPlugin.received.find((frame) => frame.type === 'error')?.message)).toContain('an admin set its characters without it');
  });
});

describe('revocation', () => {
  it('closes the key\'s connections with 4403 at once, refuses the key at the upgrade, frees its characters, and leaves other keys be', async () => {
    const revoked = await issueKey('to revoke');
    const other = await issueKey('stays');
    const [one, two] = [await keyed(revoked.key), await keyed(revoked.key)] as [TestPlugin, TestPlugin];
    const bystander = await keyed(other.key);
    await stack.send(one, [chat('Revoked One', 'hi')]);
    const closed = Promise.all([closeOf(one), closeOf(two)]);
    expect(await admin(REVOKE, { id: revoked.pluginKey.id })).toStrictEqual({ revokePluginKey: true });
    expect(await closed).toStrictEqual([{ code: 4403, reason: 'plugin key revoked' }, { code: 4403, reason: 'plugin key revoked' }]);
    await expect(keyed(revoked.key)).rejects.toThrow('refused with HTTP 401');
    expect((await listed(revoked.pluginKey.id))?.characters).toStrictEqual([]);
    await stack.send(bystander, [chat('Revoked One', 'now held by another key')]);
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
    expect(await count(CHATS, 'Revoked One')).toBe(2);
  });

  it('closes them at ingest\'s next check when the pubsub never said so', async () => {
    const revoked = await issueKey('revoked behind the graph\'s back');
    const plugin = await keyed(revoked.key);
    const closed = closeOf(plugin);
    await stack.db.query('UPDATE plugin_keys SET revoked_at = now() WHERE id = $1', [revoked.pluginKey.id]);
    expect(await closed).toStrictEqual({ code: 4403, reason: 'plugin key revoked' });
  });
});

describe.skipIf(!process.env.REDIS_URL)('revocation, when the pubsub lost the hint', () => {
  it('closes the key\'s connections at once when Redis cut ingest\'s subscriber, not at the next check', async () => {
    const name = `plugin-keys-gap-${randomBytes(3).toString('hex')}`;
    const pubsubErrors: unknown[] = [];
    const pubsub = await createRedisPubSub({ url: process.env.REDIS_URL as string, name, onError: (error) => pubsubErrors.push(error) });
    const ingest = await startTestIngest({ pubsub, pluginKeyCheckMs: 600_000 });
    try {
      const key = `${PLUGIN_KEY_PREFIX}${randomBytes(24).toString('hex')}`;
      const { rows } = await ingest.db.query<{ id: string }>(
        "INSERT INTO plugin_keys (name, key_hash, created_by) VALUES ('gap', $1, 'test') RETURNING id",
        [createHash('sha256').update(key).digest('hex')],
      );
      const plugin = await connectPlugin(ingest.ingest.pluginUrl, undefined, { 'x-plugin-key': key });
      plugins.push(plugin);
      const closed = closeOf(plugin);
      // Revoked with no hint on the pubsub, as though Redis had dropped it; then Redis cuts ingest's subscriber.
      await ingest.db.query('UPDATE plugin_keys SET revoked_at = now() WHERE id = $1', [rows[0]?.id]);
      const started = performance.now();
      expect(await withRedis((redis) => cutRedisClients(redis, `${name}:sub`))).toBe(1);
      expect(await closed).toStrictEqual({ code: 4403, reason: 'plugin key revoked' });
      // Well before the next check, ten minutes off.
      expect(performance.now() - started).toBeLessThan(INGEST_WAIT.timeout);
      expect(pubsubErrors).toMatchObject([{ code: 'PUBSUB_SUBSCRIBER_CUT' }]);
    } finally {
      await ingest.close();
      await pubsub.close();
    }
  });
});

describe('connection caps', () => {
  it('count per key and for the shared secret apart: one exhausted locks out no other', async () => {
    const greedy = await issueKey('greedy');
    const modest = await issueKey('modest');
    await keyed(greedy.key);
    await keyed(greedy.key);
    await expect(keyed(greedy.key)).rejects.toThrow('refused with HTTP 503');
    for (let n = 0; n < 2; n++) plugins.push(await connectPlugin(stack.ingest.ingest.pluginUrl, TEST_SECRET));
    await expect(connectPlugin(stack.ingest.ingest.pluginUrl, TEST_SECRET)).rejects.toThrow('refused with HTTP 503');
    const first = await keyed(modest.key);
    const second = await keyed(modest.key);
    await stack.send(second, [chat('Modest', 'still room')]);
    expect(first.socket.readyState).toBe(first.socket.OPEN);
    expect(await count(CHATS, 'Modest')).toBe(1);
  });

  it('refuses an unknown key, and a key with the secret beside it, at the upgrade with 401', async () => {
    await expect(keyed('lsp_not-a-key-anyone-issued')).rejects.toThrow('refused with HTTP 401');
    await expect(connectPlugin(stack.ingest.ingest.pluginUrl, TEST_SECRET, { 'x-plugin-key': 'lsp_wrong' })).rejects.toThrow('refused with HTTP 401');
  });
});

describe('what a frame costs', () => {
  it('binds a character in one statement at its first frame, and reads nothing for the frames after', async () => {
    const database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    const statements: string[] = [];
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof query>) => {
      const [text] = args as unknown as [string | { text: string }];
      statements.push(typeof text === 'string' ? text : text.text);
      return query(...args);
    }) as typeof pool.query;
    const ingest = await startTestIngest({ database, pool, pluginKeyCheckMs: 3_600_000 });
    try {
      const key = 'lsp_a-key-for-counting-statements-0123456789abcdef';
      await ingest.db.query('INSERT INTO plugin_keys (name, key_hash, created_by) VALUES ($1, $2, $3)', ['counted', createHash('sha256').update(key).digest('hex'), 'test']);
      const plugin = await connectPlugin(ingest.ingest.pluginUrl, undefined, { 'x-plugin-key': key });
      const keyStatements = () => statements.filter((text) => text.includes('plugin_key'));
      expect(keyStatements()).toHaveLength(2); // the key, then its characters
      await sendAndFlush(ingest, plugin, [chat('Counted', '0')]);
      expect(keyStatements()).toHaveLength(3); // the claim
      await sendAndFlush(ingest, plugin, Array.from({ length: 90 }, (_, n) => chat('Counted', `${n + 1}`)));
      expect(await count(CHATS, 'Counted', ingest.db)).toBe(91);
      expect(keyStatements()).toHaveLength(3);
      await plugin.close();
    } finally {
      await ingest.close();
      await pool.end();
      await database.drop();
    }
  });
});
