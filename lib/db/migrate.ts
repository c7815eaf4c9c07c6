import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pRetry, { AbortError } from 'p-retry';

/** Folder of the versioned SQL migrations, applied in file-name order. */
export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Brings the database at `databaseUrl` up to the latest migration. Safe to run
 * at every start: applied migrations are recorded in `pgmigrations`, and an
 * advisory lock keeps two starting services from migrating at once; the one
 * that finds it taken waits for the other to finish (services of a
 * deployment start together), then finds nothing left to do.
 */
export async function migrate(databaseUrl: string, log: (message: string) => void = () => {}): Promise<string[]> {
  const run = () =>
    runner({
      databaseUrl,
      dir: migrationsDir,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      singleTransaction: true,
      checkOrder: true,
      log,
      verbose: false,
    }).catch((error: unknown) => {
      // node-pg-migrate's word for the lock being held; anything else is not worth waiting for.
      if (error instanceof Error && error.message.includes('Another migration is already running')) throw error;
      throw new AbortError(error instanceof Error ? error : new Error(String(error)));
    });
  const applied = await pRetry(run, { retries: 60, minTimeout: 100, maxTimeout: 2_000, factor: 1.5, onFailedAttempt: () => log('another service is migrating; waiting for it') });
  return applied.map((migration) => migration.name);
}
