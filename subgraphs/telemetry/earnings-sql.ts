/**
 * The queries behind rates, goals and what the fleet earns (earnings.ts):
 * each reads every character of a request at once, through indexes
 * (`activity_minutes` and `xp_samples` by character and time, the goals of
 * one owner), over bounded windows.
 */
import type pg from 'pg';

/** Where a character's measuring starts and ends. */
export interface MeasuredSpan {
  character_name: string;
  from: Date;
  to: Date;
}

/** What a character earned over its span: activity sums, and its first and last character sheet in it. */
export interface EarnedRow {
  character_name: string;
  kills: number;
  deaths: number;
  rares: number;
  tapers_used: number;
  value_gained: number;
  value_lost: number;
  first_sheet_at: Date | null;
  first_xp: number | null;
  first_luminance: number | null;
  first_level: number | null;
  last_sheet_at: Date | null;
  last_xp: number | null;
  last_luminance: number | null;
  last_level: number | null;
  /** Character sheets in the span. */
  sheets: number;
  /** The latest character sheet before the span. */
  sheet_before_at: Date | null;
}

export async function earned(pool: pg.Pool, spans: readonly MeasuredSpan[]): Promise<EarnedRow[]> {
  if (spans.length === 0) return [];
  const { rows } = await pool.query<EarnedRow>(
    `SELECT w.character_name, a.kills, a.deaths, a.rares, a.tapers_used, a.value_gained, a.value_lost,
            f.received_at AS first_sheet_at, f.total_xp AS first_xp, f.luminance AS first_luminance, f.level AS first_level,
            l.received_at AS last_sheet_at, l.total_xp AS last_xp, l.luminance AS last_luminance, l.level AS last_level,
            c.sheets, p.received_at AS sheet_before_at
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS w(character_name, from_at, to_at)
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(m.kills), 0)::int AS kills, coalesce(sum(m.deaths), 0)::int AS deaths,
                coalesce(sum(m.rares), 0)::int AS rares, coalesce(sum(m.tapers_used), 0)::int AS tapers_used,
                coalesce(sum(m.value_gained), 0)::float8 AS value_gained, coalesce(sum(m.value_lost), 0)::float8 AS value_lost
           FROM activity_minutes m
          WHERE m.character_name = w.character_name AND m.minute > w.from_at - interval '1 minute' AND m.minute <= w.to_at) a
       LEFT JOIN LATERAL (
         SELECT x.received_at, x.total_xp::float8 AS total_xp, x.luminance::float8 AS luminance, x.level FROM xp_samples x
          WHERE x.character_name = w.character_name AND x.received_at >= w.from_at AND x.received_at <= w.to_at
          ORDER BY x.received_at LIMIT 1) f ON true
       LEFT JOIN LATERAL (
         SELECT x.received_at, x.total_xp::float8 AS total_xp, x.luminance::float8 AS luminance, x.level FROM xp_samples x
          WHERE x.character_name = w.character_name AND x.received_at >= w.from_at AND x.received_at <= w.to_at
          ORDER BY x.received_at DESC LIMIT 1) l ON true
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS sheets FROM xp_samples x
          WHERE x.character_name = w.character_name AND x.received_at >= w.from_at AND x.received_at <= w.to_at) c
       LEFT JOIN LATERAL (
         SELECT x.received_at FROM xp_samples x
          WHERE x.character_name = w.character_name AND x.received_at < w.from_at
          ORDER BY x.received_at DESC LIMIT 1) p ON true`,
    [spans.map((span) => span.character_name), spans.map((span) => span.from), spans.map((span) => span.to)],
  );
  return rows;
}

/** When each character's current session began (null: before sessions recorded it) and when it last reported. */
export interface SessionRow {
  character_name: string;
  started_at: Date | null;
  last_seen_at: Date;
}

export async function sessions(pool: pg.Pool, names: readonly string[]): Promise<SessionRow[]> {
  const { rows } = await pool.query<SessionRow>(
    `SELECT l.character_name, c.started_at, l.last_seen_at
       FROM live_characters l
       LEFT JOIN counter_sessions c ON c.character_name = l.character_name AND c.session_key = coalesce(l.session_id, '')
      WHERE l.character_name = ANY($1::text[])`,
    [names],
  );
  return rows;
}

/** The characters that reported since `since`. */
export async function reportedSince(pool: pg.Pool, since: Date): Promise<string[]> {
  const { rows } = await pool.query<{ character_name: string }>(
    'SELECT character_name FROM live_characters WHERE last_seen_at > $1 ORDER BY character_name',
    [since],
  );
  return rows.map((row) => row.character_name);
}

/** The value each character carries: the sum of its stored items' values. */
export async function carriedValues(pool: pg.Pool, names: readonly string[]): Promise<Array<{ character_name: string; value: number }>> {
  const { rows } = await pool.query<{ character_name: string; value: number }>(
    `SELECT character_name, coalesce(sum(value), 0)::float8 AS value FROM inventory_items
      WHERE character_name = ANY($1::text[]) GROUP BY character_name`,
    [names],
  );
  return rows;
}

/** Where an owner's last reset put the start of its windows. */
export async function rateReset(pool: pg.Pool, owner: string): Promise<Date | null> {
  const { rows } = await pool.query<{ started_at: Date }>('SELECT started_at FROM rate_resets WHERE owner = $1', [owner]);
  return rows[0]?.started_at ?? null;
}

export async function resetRates(pool: pg.Pool, owner: string, at: Date): Promise<void> {
  await pool.query(
    `INSERT INTO rate_resets (owner, started_at) VALUES ($1, $2)
     ON CONFLICT (owner) DO UPDATE SET started_at = excluded.started_at`,
    [owner, at],
  );
}

/** A goal with its progress (the `goal_progress` view). */
export interface GoalRow {
  id: string;
  character_name: string;
  kind: 'LEVEL' | 'EXPERIENCE' | 'KILLS' | 'RARES';
  monster: string | null;
  target: number;
  baseline: number;
  created_at: Date;
  reached_at: Date | null;
  progress: number | null;
}

const GOAL_COLUMNS = `id::text AS id, character_name, kind, monster, target::float8 AS target, baseline::float8 AS baseline,
  created_at, reached_at, progress::float8 AS progress`;

/** An owner's goals (of `names` only, when given): open first, then the latest reached. */
export async function goals(pool: pg.Pool, owner: string, names: readonly string[] | null): Promise<GoalRow[]> {
  const { rows } = await pool.query<GoalRow>(
    `SELECT ${GOAL_COLUMNS} FROM goal_progress
      WHERE owner = $1 AND ($2::text[] IS NULL OR character_name = ANY($2::text[]))
      ORDER BY reached_at IS NOT NULL, reached_at DESC, id`,
    [owner, names],
  );
  return rows;
}

/** How many open goals an owner has. */
export async function openGoals(pool: pg.Pool, owner: string): Promise<number> {
  const { rows } = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM goals WHERE owner = $1 AND reached_at IS NULL', [owner]);
  return rows[0]?.count ?? 0;
}

/** What a new goal of a character is measured from: its level and experience, and the monster's lifetime kills. */
export interface GoalBaselineRow {
  known: boolean;
  level: number | null;
  total_xp: number | null;
  monster_kills: number;
}

export async function goalBaseline(pool: pg.Pool, character: string, monster: string | null): Promise<GoalBaselineRow> {
  const { rows } = await pool.query<GoalBaselineRow>(
    `SELECT EXISTS (SELECT 1 FROM live_characters WHERE character_name = $1) AS known,
            s.level, s.total_xp::float8 AS total_xp,
            coalesce((SELECT kills FROM combat_lifetime_monsters WHERE character_name = $1 AND monster = $2), 0)::float8 AS monster_kills
       FROM (SELECT 1) AS one LEFT JOIN character_stats s ON s.character_name = $1`,
    [character, monster],
  );
  return rows[0] as GoalBaselineRow;
}

export async function insertGoal(
  pool: pg.Pool,
  goal: { owner: string; ownerName: string; character: string; kind: GoalRow['kind']; monster: string | null; target: number; baseline: number; at: Date },
): Promise<GoalRow> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO goals (owner, owner_name, character_name, kind, monster, target, baseline, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
    [goal.owner, goal.ownerName, goal.character, goal.kind, goal.monster, goal.target, goal.baseline, goal.at],
  );
  const { rows: added } = await pool.query<GoalRow>(`SELECT ${GOAL_COLUMNS} FROM goal_progress WHERE id = $1::bigint`, [rows[0]?.id]);
  return added[0] as GoalRow;
}

export async function deleteGoal(pool: pg.Pool, owner: string, id: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM goals WHERE owner = $1 AND id = $2::bigint', [owner, id]);
  return (rowCount ?? 0) > 0;
}

/** Each character's kills of `monster` in its latest combat session, and the session's length in hours. */
export async function sessionMonsterKills(pool: pg.Pool, names: readonly string[], monsters: readonly string[]): Promise<Array<{ character_name: string; monster: string; kills: number; hours: number }>> {
  const { rows } = await pool.query<{ character_name: string; monster: string; kills: number; hours: number }>(
    `SELECT w.character_name, w.monster, coalesce((s.snapshot -> 'monsters' -> w.monster ->> 'kills')::float8, 0) AS kills,
            extract(epoch FROM s.updated_at - s.started_at)::float8 / 3600 AS hours
       FROM unnest($1::text[], $2::text[]) AS w(character_name, monster)
       CROSS JOIN LATERAL (SELECT snapshot, started_at, updated_at FROM combat_sessions c
                            WHERE c.character_name = w.character_name ORDER BY updated_at DESC LIMIT 1) s`,
    [names, monsters],
  );
  return rows;
}

export async function lootThreshold(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ min_value: number | null }>('SELECT min_value::float8 AS min_value FROM loot_settings');
  return rows[0]?.min_value ?? null;
}

export async function setLootThreshold(pool: pg.Pool, value: number | null, by: string, at: Date): Promise<void> {
  await pool.query(
    `INSERT INTO loot_settings (singleton, min_value, updated_by, updated_at) VALUES (true, $1, $2, $3)
     ON CONFLICT (singleton) DO UPDATE SET min_value = excluded.min_value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [value, by, at],
  );
}
