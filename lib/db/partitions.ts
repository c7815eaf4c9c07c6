import type pg from 'pg';

/**
 * Daily partitions of the time-partitioned tables (telemetry, vitals, chat,
 * spawns...), on the receive time: created ahead of the day they hold, so a
 * batch never meets a missing one, with their table's statistics targets.
 * Dropping them is retention's (retention.ts).
 */

/** How far ahead daily partitions exist. */
const DAYS_AHEAD = 3;
const DAY_MS = 86_400_000;

/** Creates the daily partitions of `table` covering `from`'s day and the days after it; returns those created. */
export async function ensurePartitions(db: pg.Pool, table: string, from: Date, daysAhead = DAYS_AHEAD): Promise<string[]> {
  const created: string[] = [];
  const firstDay = startOfUtcDay(from);
  for (let day = 0; day <= daysAhead; day++) {
    const lower = new Date(firstDay + day * DAY_MS);
    const upper = new Date(lower.getTime() + DAY_MS);
    const name = partitionName(table, lower);
    const { rowCount } = await db.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = 'r'`, [name]);
    if (rowCount) continue;
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} PARTITION OF ${quoteIdent(table)}
         FOR VALUES FROM ('${lower.toISOString()}') TO ('${upper.toISOString()}')`,
    );
    await copyStatisticsTargets(db, table, name);
    created.push(name);
  }
  return created;
}

/**
 * Gives `partition` the statistics targets set on `table`'s columns
 * (0056_event_statistics.sql): ALTER TABLE sets them on the partitions that
 * exist, but a partition created later starts with the defaults.
 */
async function copyStatisticsTargets(db: pg.Pool, table: string, partition: string): Promise<void> {
  // attstattarget is NULL for the default from PostgreSQL 17, -1 before.
  const { rows } = await db.query<{ attname: string; attstattarget: number }>(
    `SELECT attname, attstattarget FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attstattarget >= 0 ORDER BY attnum`,
    [quoteIdent(table)],
  );
  if (rows.length === 0) return;
  const targets = rows.map((row) => `ALTER COLUMN ${quoteIdent(row.attname)} SET STATISTICS ${Number(row.attstattarget)}`);
  await db.query(`ALTER TABLE ${quoteIdent(partition)} ${targets.join(', ')}`);
}

/** `telemetry_events_p20261121` for the partition holding that UTC day. */
export function partitionName(table: string, day: Date): string {
  return `${table}_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

function startOfUtcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
