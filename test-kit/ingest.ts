import pg from 'pg';
import { createLogger } from '@lifestone/lib/log';
import { createPubSub, type PubSub } from '@lifestone/lib/pubsub';
import { startIngest, type Ingest, type IngestOptions } from '@lifestone/ingest';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_SECRET = 'test-plugin-secret';

export interface TestIngest {
  ingest: Ingest;
  database: TestDatabase;
  /** A pool of the test's own, for assertions. */
  db: pg.Pool;
  pubsub: PubSub;
  close(): Promise<void>;
}

/**
 * An ingest on a free port over a fresh database, with the in-memory pubsub
 * unless `pubsub` is given. Frames are written within milliseconds.
 */
export async function startTestIngest(overrides: Partial<IngestOptions> & { database?: TestDatabase } = {}): Promise<TestIngest> {
  const database = overrides.database ?? (await createTestDatabase());
  const pool = new pg.Pool({ connectionString: database.url, application_name: 'lifestone-test-ingest', max: 10 });
  const db = new pg.Pool({ connectionString: database.url, application_name: 'lifestone-test-assertions', max: 3 });
  db.on('error', () => {}); // idle clients die when a test restarts PostgreSQL
  const pubsub = overrides.pubsub ?? (await createPubSub());
  const ingest = await startIngest({
    pool,
    pubsub,
    log: createLogger('ingest-test', process.env.LIFESTONE_LOG_LEVEL ?? 'silent'),
    port: 0,
    pluginSecret: TEST_SECRET,
    batchWaitMs: 5,
    maintenanceIntervalMs: 0,
    ...overrides,
  });
  return {
    ingest,
    database,
    db,
    pubsub,
    async close() {
      await ingest.close();
      if (!overrides.pubsub) await pubsub.close();
      await pool.end();
      await db.end();
      if (!overrides.database) await database.drop();
    },
  };
}
