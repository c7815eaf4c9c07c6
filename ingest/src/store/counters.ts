import type { PoolClient } from 'pg';
import { cumulativeIncrease, sessionKey } from '../derived/cumulative.js';
import type { FrameOf } from '@lifestone/lib/protocol';
import type { EventOf, TelemetryCounters } from '../accepted-event.js';
import type { BatchActivity } from './activity.js';
import { lockSessionRows, queryRecordSets, sessionRowKey } from './upserts.js';

interface SessionCounters { kills: number; deaths: number; rares: number }
const counterNames = ['kills', 'deaths', 'rares'] as const;

/** What a writer lane last committed for a character: its session and the counters reported in it. */
export interface CommittedCounters { session: string; kills: number | null; deaths: number | null; rares: number | null; tapers: number | null }

/**
 * The counters a writer lane committed last, per character, so that the many
 * telemetry frames that repeat them cost no database work. Updated only after
 * the batch commits.
 */
export type CounterMemory = Map<string, CommittedCounters>;

/** What the counters need of a telemetry frame; made where it is decoded (see frame-decoder/decode-frames.ts). */
export function telemetryCounters(frame: FrameOf<'telemetry'>): TelemetryCounters {
  return { kills: frame.kills, deaths: frame.deaths, rares: frame.rares_found, tapers: frame.prismatic_taper_count };
}

/** Whether a reported counter says nothing new: not reported, or as it was. */
function same(value: number | null, before: number | null): boolean {
  return value === null || value === before;
}

/** Whether a frame reports nothing new over what was committed (null counters report nothing). */
function repeats(session: string, reported: TelemetryCounters, known: CommittedCounters | undefined): boolean {
  if (!known || known.session !== session) return false;
  return same(reported.kills, known.kills) && same(reported.deaths, known.deaths) && same(reported.rares, known.rares)
    && same(reported.tapers, known.tapers);
}

/**
 * Adds each telemetry frame's increase of the session counters (kills, deaths,
 * rares found) to the character's lifetime `character_counters`, remembering
 * the session's last values in `counter_sessions`. A counter the plugin did not
 * send keeps its last value. Prismatic tapers are a stock, not a count: the
 * last reported number is kept as is, and its decreases are the tapers used
 * (`activity`). A session's first row records when it began (`started_at`,
 * which later batches keep). Frames that repeat what the lane
 * committed last are skipped; returns what to remember once the batch commits.
 * Each frame's increases also go to `activity` (per minute, for the charts).
 */
export async function updateCounters(
  client: PoolClient,
  all: readonly EventOf<'telemetry'>[],
  memory: CounterMemory,
  activity: BatchActivity,
): Promise<() => void> {
  const remembered = new Map<string, CommittedCounters>();
  const tapersUsed = new Map<EventOf<'telemetry'>, number>();
  const telemetry = all.filter((event) => {
    const name = event.character;
    const session = sessionKey(event.session);
    const reported = event.counters;
    const before = remembered.get(name) ?? memory.get(name);
    if (repeats(session, reported, before)) return false;
    const sameSession = before?.session === session;
    const carried = before?.tapers ?? null;
    if (reported.tapers !== null && carried !== null && reported.tapers < carried) tapersUsed.set(event, carried - reported.tapers);
    remembered.set(name, {
      session,
      kills: reported.kills ?? (sameSession ? (before?.kills ?? null) : null),
      deaths: reported.deaths ?? (sameSession ? (before?.deaths ?? null) : null),
      rares: reported.rares ?? (sameSession ? (before?.rares ?? null) : null),
      tapers: reported.tapers ?? before?.tapers ?? null,
    });
    return true;
  });
  const remember = (): void => {
    for (const [name, counters] of remembered) memory.set(name, counters);
  };
  if (telemetry.length === 0) return remember;
  const keyOf = sessionRowKey;
  const sessions: Map<string, SessionCounters> = await lockSessionRows<SessionCounters & { character_name: string; session_key: string }>(
    client, 'counter_sessions', counterNames, telemetry.map(({ character, session }) => ({ character_name: character, session_id: session })),
  );
  const lifetime = new Map<string, SessionCounters & { tapers: number | null; updated_at: Date }>();
  const touched = new Map<string, SessionCounters & { updated_at: Date }>();
  for (const event of telemetry) {
    const { character, receivedAt } = event;
    const key = keyOf(character, sessionKey(event.session));
    const previous = sessions.get(key);
    const reported = event.counters;
    const next = { ...(previous ?? { kills: 0, deaths: 0, rares: 0 }) };
    const sum = lifetime.get(character) ?? { kills: 0, deaths: 0, rares: 0, tapers: null, updated_at: receivedAt };
    if (reported.tapers !== null) sum.tapers = reported.tapers;
    const increase = { kills: 0, deaths: 0, rares: 0 };
    for (const name of counterNames) {
      const value = reported[name];
      if (value === null) continue;
      increase[name] = cumulativeIncrease(previous?.[name], value);
      sum[name] += increase[name];
      next[name] = value;
    }
    activity.add(character, receivedAt, { ...increase, tapersUsed: tapersUsed.get(event) ?? 0 });
    sum.updated_at = receivedAt;
    lifetime.set(character, sum);
    sessions.set(key, next);
    touched.set(key, { ...next, updated_at: receivedAt });
  }
  // Both tables in one statement: one round trip.
  await queryRecordSets(
    client,
    `WITH sessions AS (
       INSERT INTO counter_sessions (character_name, session_key, kills, deaths, rares, updated_at, started_at)
       SELECT *, updated_at FROM json_to_recordset($1::json) AS r(character_name text, session_key text, kills int, deaths int,
         rares int, updated_at timestamptz)
       ON CONFLICT (character_name, session_key) DO UPDATE
         SET kills = excluded.kills, deaths = excluded.deaths, rares = excluded.rares, updated_at = excluded.updated_at
     )
     INSERT INTO character_counters AS c (character_name, kills, deaths, rares, tapers, updated_at)
     SELECT * FROM json_to_recordset($2::json) AS r(character_name text, kills bigint, deaths bigint, rares bigint,
       tapers int, updated_at timestamptz)
     ON CONFLICT (character_name) DO UPDATE
       SET kills = c.kills + excluded.kills, deaths = c.deaths + excluded.deaths, rares = c.rares + excluded.rares,
           tapers = coalesce(excluded.tapers, c.tapers), updated_at = excluded.updated_at`,
    [
      [...touched].map(([key, values]) => {
        const [character_name, session_key] = key.split('\u0000');
        return { character_name, session_key, ...values };
      }),
      [...lifetime].map(([character_name, sums]) => ({ character_name, ...sums })),
    ],
  );
  return remember;
}
