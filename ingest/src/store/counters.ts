import type { PoolClient } from 'pg';
import { cumulativeIncrease, sessionKey } from '../derived/cumulative.js';
import type { EventOf } from '../event.js';
import { queryRecords } from './records.js';

interface SessionCounters { kills: number; deaths: number; rares: number }
const counterNames = ['kills', 'deaths', 'rares'] as const;

/**
 * Adds each telemetry frame's increase of the session counters (kills, deaths,
 * rares found) to the character's lifetime `character_counters`, remembering
 * the session's last values in `counter_sessions`. A counter the plugin did not
 * send keeps its last value. Prismatic tapers are a stock, not a count: the
 * last reported number is kept as is.
 */
export async function updateCounters(client: PoolClient, telemetry: readonly EventOf<'telemetry'>[]): Promise<void> {
  if (telemetry.length === 0) return;
  const keyOf = (name: string, session: string): string => `${name}\u0000${session}`;
  const keys = [...new Set(telemetry.map(({ frame }) => keyOf(frame.character_name, sessionKey(frame.session_id))))].sort();
  const split = keys.map((key) => key.split('\u0000') as [string, string]);
  const { rows } = await client.query<SessionCounters & { character_name: string; session_key: string }>(
    `SELECT character_name, session_key, kills, deaths, rares FROM counter_sessions
      WHERE (character_name, session_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY character_name, session_key FOR UPDATE`,
    [split.map(([name]) => name), split.map(([, session]) => session)],
  );
  const sessions = new Map(rows.map((row) => [keyOf(row.character_name, row.session_key), row as SessionCounters]));
  const lifetime = new Map<string, SessionCounters & { tapers: number | null; updated_at: Date }>();
  const touched = new Map<string, SessionCounters & { updated_at: Date }>();
  for (const { frame, receivedAt } of telemetry) {
    const key = keyOf(frame.character_name, sessionKey(frame.session_id));
    const previous = sessions.get(key);
    const reported: Record<(typeof counterNames)[number], number | null> = {
      kills: frame.kills,
      deaths: frame.deaths,
      rares: frame.rares_found,
    };
    const next = { ...(previous ?? { kills: 0, deaths: 0, rares: 0 }) };
    const sum = lifetime.get(frame.character_name) ?? { kills: 0, deaths: 0, rares: 0, tapers: null, updated_at: receivedAt };
    if (frame.prismatic_taper_count !== null) sum.tapers = frame.prismatic_taper_count;
    for (const name of counterNames) {
      const value = reported[name];
      if (value === null) continue;
      sum[name] += cumulativeIncrease(previous?.[name], value);
      next[name] = value;
    }
    sum.updated_at = receivedAt;
    lifetime.set(frame.character_name, sum);
    sessions.set(key, next);
    touched.set(key, { ...next, updated_at: receivedAt });
  }
  await queryRecords(
    client,
    `INSERT INTO counter_sessions (character_name, session_key, kills, deaths, rares, updated_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(character_name text, session_key text, kills int, deaths int,
       rares int, updated_at timestamptz)
     ON CONFLICT (character_name, session_key) DO UPDATE
       SET kills = excluded.kills, deaths = excluded.deaths, rares = excluded.rares, updated_at = excluded.updated_at`,
    [...touched].map(([key, values]) => {
      const [character_name, session_key] = key.split('\u0000');
      return { character_name, session_key, ...values };
    }),
  );
  await queryRecords(
    client,
    `INSERT INTO character_counters AS c (character_name, kills, deaths, rares, tapers, updated_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(character_name text, kills bigint, deaths bigint, rares bigint,
       tapers int, updated_at timestamptz)
     ON CONFLICT (character_name) DO UPDATE
       SET kills = c.kills + excluded.kills, deaths = c.deaths + excluded.deaths, rares = c.rares + excluded.rares,
           tapers = coalesce(excluded.tapers, c.tapers), updated_at = excluded.updated_at`,
    [...lifetime].map(([character_name, sums]) => ({ character_name, ...sums })),
  );
}
