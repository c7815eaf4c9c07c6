import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** Folder of the versioned SQL migrations, applied in file-name order. */
export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Brings the database at `databaseUrl` up to the latest migration. Safe to run
 * at every start: applied migrations are recorded in `pgmigrations`, and an
 * advisory lock keeps two starting services from migrating at once.
 */
export async function migrate(databaseUrl: string, log: (message: string) => void = () => {}): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    singleTransaction: true,
    checkOrder: true,
    log,
    verbose: false,
  });
  return applied.map((migration) => migration.name);
}
