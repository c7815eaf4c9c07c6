/**
 * Where PostgreSQL's time goes, statement by statement: the benchmarks'
 * embedded server loads pg_stat_statements, and a phase reads what its
 * database's statements took over its measured window. Only top-level
 * statements are counted: a function's own statements are in its call.
 */
import pg from 'pg';
import { fmt } from './common.js';

/** Settings that make the embedded server keep statement statistics (read at start: a server of one's own only). */
export const STATEMENT_STATS_SETTINGS: Record<string, string> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'top',
};

/** One statement's share of a window. */
export interface StatementTime {
  label: string;
  /** Milliseconds it ran, in all. */
  ms: number;
  calls: number;
}

/** What a database's statements took over a window of `seconds`, the slowest first; `totalMs` over all of them. */
export interface StatementTimes {
  seconds: number;
  totalMs: number;
  statements: StatementTime[];
}

interface StatRow { query: string; ms: number; calls: string }

/**
 * Counts statements on `adminUrl`'s server from now: resolves to a reader
 * of what the statements of database `name` took since, or to undefined
 * where the server does not keep statistics (pg_stat_statements not loaded:
 * a `DATABASE_URL` server).
 */
export async function startStatementTimes(adminUrl: string, name: string): Promise<(() => Promise<StatementTimes>) | undefined> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await admin.query('SELECT pg_stat_statements_reset()');
  } catch {
    await admin.end();
    return undefined;
  }
  const since = performance.now();
  return async () => {
    const seconds = (performance.now() - since) / 1000;
    try {
      const { rows } = await admin.query<StatRow>(
        `SELECT query, total_exec_time AS ms, calls::text FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1) AND toplevel`,
        [name],
      );
      return summarizeStatements(seconds, rows.map((row) => ({ label: statementLabel(row.query), ms: row.ms, calls: Number(row.calls) })));
    } finally {
      await admin.end();
    }
  };
}

/** Statements of one label (a table's COPYs, say) added together, the slowest first. */
export function summarizeStatements(seconds: number, statements: readonly StatementTime[]): StatementTimes {
  const byLabel = new Map<string, StatementTime>();
  for (const statement of statements) {
    const sum = byLabel.get(statement.label);
    if (sum) {
      sum.ms += statement.ms;
      sum.calls += statement.calls;
    } else {
      byLabel.set(statement.label, { ...statement });
    }
  }
  const sorted = [...byLabel.values()].sort((a, b) => b.ms - a.ms);
  return { seconds, totalMs: sorted.reduce((sum, statement) => sum + statement.ms, 0), statements: sorted };
}

/**
 * A short name for a statement: the function it calls, or what it does to
 * which table (`COPY telemetry_events`, `UPDATE live_characters`), the
 * first write of a `WITH`; else its first 40 characters.
 */
export function statementLabel(query: string): string {
  const text = query.replace(/\s+/g, ' ').trim();
  const call = /\b(lifestone_\w+)\s*\(/.exec(text);
  if (call) return `${call[1]}()`;
  const write = /\b(COPY|INSERT INTO|UPDATE|DELETE FROM)\s+("?[\w.]+"?)/i.exec(text);
  if (write) return `${(write[1] as string).toUpperCase()} ${write[2]}`;
  const read = /^SELECT\b.*?\bFROM\s+("?[\w.]+"?)/i.exec(text);
  if (read) return `SELECT ${read[1]}`;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The window's statements as one line: the time they took a second of it
 * (time running, on a core or waiting: for a lock, for the disk, for a core),
 * then the slowest `top`, each with its share, calls a second and time a
 * call (e.g. `COPY telemetry_events 12% (35/s, 2.5 ms each)`).
 */
export function statementsLine(times: StatementTimes | undefined, top = 6): string {
  if (!times) return 'not counted (the server does not load pg_stat_statements)';
  const { seconds } = times;
  if (times.totalMs === 0 || seconds <= 0) return 'none';
  const listed = times.statements.slice(0, top).map((statement) =>
    `${statement.label} ${fmt((100 * statement.ms) / times.totalMs)}% (${fmt(statement.calls / seconds)}/s, ${fmt(statement.ms / statement.calls, 2)} ms each)`);
  return `${fmt(times.totalMs / 1000 / seconds, 2)} s of statements a second: ${listed.join(', ')}`;
}
