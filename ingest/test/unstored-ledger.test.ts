import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { topics, type PubSubMessage } from '../../lib/pubsub/index.js';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { connectPlugin, INGEST_WAIT } from '@lifestone/test-kit/plugin';

/**
 * Live events are published before they are stored. An ingest that stops
 * without closing (a crash) leaves in its ledger file how many it published
 * and had not stored; the next start with that file counts them.
 */

let dir: string;
let database: TestDatabase;
const started: TestIngest[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lifestone-ledger-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const ingest of started.reverse()) await ingest.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** An ingest with `ledgerFile`: the first over the suite's database, the others (which only read the file) over their own. */
let starts = 0;
const start = async (ledgerFile: string): Promise<TestIngest> => {
  const ingest = await startTestIngest({ ledgerFile, ...(starts++ === 0 ? { database } : {}) });
  started.push(ingest);
  return ingest;
};
const crashed = async (ingest: TestIngest): Promise<number | undefined> =>
  (await ingest.ingest.metrics.publishedNotStored.get()).values.find((sample) => sample.labels.reason === 'crashed')?.value;

describe('the unstored ledger', () => {
  it('counts, at the next start, the live events a crash left published and not stored; none after a clean close', async () => {
    const file = path.join(dir, 'ingest-a.ledger');
    const first = await start(file);
    const heard: PubSubMessage[] = [];
    await first.pubsub.subscribe(topics.event('chat'), (message) => void heard.push(message));
    await first.pubsub.subscribe(topics.event('vitals'), (message) => void heard.push(message));
    const plugin = await connectPlugin(first.ingest.pluginUrl, TEST_SECRET);
    // Holding writer_commits holds every commit: what is sent now is published and not stored.
    const blocker = await first.db.connect();
    await blocker.query('BEGIN; LOCK TABLE writer_commits IN ACCESS EXCLUSIVE MODE');
    try {
      for (const text of ['one', 'two', 'three']) plugin.send({ type: 'chat', character_name: 'Ledger', channel: 'General', text });
      plugin.send({ type: 'vitals', character_name: 'Ledger', health_pct: 1, stamina_pct: 2, mana_pct: 3 });
      // Not a live type: published only once stored, so never at risk.
      plugin.send({ type: 'quest', character_name: 'Ledger', quests: [] });
      await vi.waitFor(() => expect(heard).toHaveLength(4), INGEST_WAIT);
      expect((await readFile(file, 'utf8')).trim()).toBe('4');

      // The first instance is left as a crash leaves it: what the next start with its file finds.
      const second = await start(file);
      expect(await crashed(second)).toBe(4);
      await second.close();
      started.splice(started.indexOf(second), 1);
    } finally {
      await blocker.query('COMMIT');
      blocker.release();
    }
    await plugin.close();
    await first.ingest.flush();
    expect((await readFile(file, 'utf8')).trim()).toBe('0');
    await first.close();
    started.splice(started.indexOf(first), 1);

    const third = await start(file);
    expect(await crashed(third)).toBeUndefined();
  });
});
