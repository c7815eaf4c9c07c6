import type pg from 'pg';
import type { PoolClient, QueryResult } from 'pg';
import { STORED_ALERT_COLUMNS, type StoredAlert } from '@lifestone/lib/alerts';
import { topics, type PubSubMessage } from '@lifestone/lib/pubsub';
import type { AcceptedEvent, EventOf } from '../accepted-event.js';
import {
  detectCharacter, detectVortex, EMPTY_STATE, isStateful, rareAlert,
  type AlertSettings, type CharacterAlertState, type NewAlert, type Place, type StatefulEvent,
} from './detect.js';
import type { Observation } from './observation.js';
import { pipelineOf } from '../store/pipeline.js';
import { deferPrepared, queryPrepared } from '../store/upserts.js';

/**
 * The key of the transaction-scoped advisory lock every writer of `alerts`
 * takes just before it inserts and holds until it commits: ids are drawn in
 * commit order, so an alert becomes visible only after every smaller id did,
 * and a reader that asks for the ids above the newest it holds misses none.
 * (Without it, two transactions could commit ids 11 then 10.)
 */
const ALERTS_LOCK = 0x4c53_414c; // 'LSAL'

export type { StoredAlert };

/** The pubsub message of a stored alert, keyed by its character. */
export function alertMessage(alert: StoredAlert): PubSubMessage {
  return { topic: topics.alert, key: alert.character_name, payload: JSON.stringify(alert) };
}

interface StateRow {
  character_name: string;
  session_id: string | null;
  telemetry_at: Date | null;
  ew: number | null;
  ns: number | null;
  z: number | null;
  landblock: string | null;
  kills: number | null;
  deaths: number | null;
  deaths_since: Date | null;
  vitals_at: Date | null;
  vitae_pct: number | null;
  vitae_since: Date | null;
  last_death_at: Date | null;
  idle_since: Date | null;
  idle_ew: number | null;
  idle_ns: number | null;
  idle_alerted: boolean;
}

function stateOf(row: StateRow | undefined): CharacterAlertState {
  if (!row) return EMPTY_STATE;
  return {
    session: row.session_id,
    telemetryAt: row.telemetry_at,
    place: row.ew === null || row.ns === null ? null : { ew: row.ew, ns: row.ns, z: row.z ?? 0, landblock: row.landblock },
    kills: row.kills,
    deaths: row.deaths,
    deathsSince: row.deaths_since,
    vitalsAt: row.vitals_at,
    vitae: row.vitae_pct,
    vitaeSince: row.vitae_since,
    lastDeathAt: row.last_death_at,
    idleSince: row.idle_since,
    idleAnchor: row.idle_ew === null || row.idle_ns === null ? null : { ew: row.idle_ew, ns: row.idle_ns },
    idleAlerted: row.idle_alerted,
  };
}

function rowOf(character: string, state: CharacterAlertState): Record<string, unknown> {
  return {
    character_name: character,
    session_id: state.session,
    telemetry_at: state.telemetryAt,
    ew: state.place?.ew ?? null,
    ns: state.place?.ns ?? null,
    z: state.place?.z ?? null,
    landblock: state.place?.landblock ?? null,
    kills: state.kills,
    deaths: state.deaths,
    deaths_since: state.deathsSince,
    vitals_at: state.vitalsAt,
    vitae_pct: state.vitae,
    vitae_since: state.vitaeSince,
    last_death_at: state.lastDeathAt,
    idle_since: state.idleSince,
    idle_ew: state.idleAnchor?.ew ?? null,
    idle_ns: state.idleAnchor?.ns ?? null,
    idle_alerted: state.idleAlerted,
  };
}

const STATE_COLUMNS = `character_name text, session_id text, telemetry_at timestamptz, ew float8, ns float8, z float8,
  landblock text, kills int, deaths int, deaths_since timestamptz, vitals_at timestamptz, vitae_pct float8,
  vitae_since timestamptz, last_death_at timestamptz,
  idle_since timestamptz, idle_ew float8, idle_ns float8, idle_alerted boolean`;
const STATE_NAMES = STATE_COLUMNS.split(',').map((column) => column.trim().split(/\s+/)[0] as string);

/**
 * How long a character's position, kills and vitals time may go unwritten
 * to `alert_state` while nothing else of its state changes. They change with
 * every frame, and writing them each time cost as much as the live snapshot;
 * the lane that writes the character keeps them exact in memory (see
 * {@link AlertMemory}), so only a restart or a move to another ingest reads
 * them up to this old: far less than the offline and idle windows.
 */
export const ALERT_STATE_WRITE_MS = 10_000;

/**
 * What a writer lane remembers of its characters' alert state: the state its
 * last committed batch left, when that was last written in full, and the
 * row's version then (its `xmin`, the transaction that last wrote it). While
 * the row still has that version nobody else wrote it, and the lane's state
 * is the row's with newer positions: the row is locked, not read.
 */
export type AlertMemory = Map<string, { state: CharacterAlertState; writtenAt: number; version: string }>;

/** Whether `mine` is a time later than `theirs` (none is earliest). */
function newer(mine: Date | null, theirs: Date | null): boolean {
  return mine !== null && (theirs === null || mine > theirs);
}

/** A time as comparable milliseconds, or null. */
function time(date: Date | null): number | null {
  return date?.getTime() ?? null;
}

/**
 * The state a batch starts from: the row as stored (the part only written
 * when it changes, which another writer may have changed), with the lane's
 * newer position, kills, idle anchor and vitals time when the row's are older.
 */
function startingState(row: StateRow | undefined, remembered: CharacterAlertState | undefined): CharacterAlertState {
  const stored = stateOf(row);
  if (!remembered) return stored;
  const state = { ...stored };
  if (newer(remembered.telemetryAt, stored.telemetryAt) && remembered.session === stored.session) {
    state.telemetryAt = remembered.telemetryAt;
    state.place = remembered.place;
    state.kills = remembered.kills;
    // Outside an idle spell the anchor follows the character as it moves.
    if (stored.idleSince === null && remembered.idleSince === null) state.idleAnchor = remembered.idleAnchor;
  }
  if (newer(remembered.vitalsAt, stored.vitalsAt)) state.vitalsAt = remembered.vitalsAt;
  return state;
}

/**
 * Locks the `alert_state` rows of `characters` (in key order: one lock order
 * for every writer, so writers cannot deadlock) and returns their versions;
 * reads in full only the rows whose version is not the one their lane
 * remembers (another writer changed them, or the lane never saw them). In
 * the steady state that is none: a lane's characters are its own.
 */
async function lockStates(client: PoolClient, characters: readonly string[], memory: AlertMemory): Promise<{ versions: Map<string, string>; rows: Map<string, StateRow> }> {
  const { rows: locked } = await queryPrepared<{ character_name: string; version: string }>(
    client,
    `SELECT character_name, xmin::text AS version FROM alert_state WHERE character_name = ANY($1::text[]) ORDER BY character_name FOR UPDATE`,
    [characters],
  );
  const versions = new Map(locked.map((row) => [row.character_name, row.version]));
  const unknown = locked.filter((row) => memory.get(row.character_name)?.version !== row.version).map((row) => row.character_name);
  if (unknown.length === 0) return { versions, rows: new Map() };
  const { rows } = await queryPrepared<StateRow>(client, `SELECT ${STATE_NAMES.join(', ')} FROM alert_state WHERE character_name = ANY($1::text[])`, [unknown]);
  return { versions, rows: new Map(rows.map((row) => [row.character_name, row])) };
}

/** Whether `after` differs from `before` in what is written at once: all but the position, kills, vitals time and, outside an idle spell, its anchor. */
function changedAtOnce(before: CharacterAlertState, after: CharacterAlertState): boolean {
  return before.session !== after.session
    || before.deaths !== after.deaths
    || time(before.deathsSince) !== time(after.deathsSince)
    || before.vitae !== after.vitae
    || time(before.vitaeSince) !== time(after.vitaeSince)
    || time(before.lastDeathAt) !== time(after.lastDeathAt)
    || time(before.idleSince) !== time(after.idleSince)
    || (after.idleSince !== null && (before.idleAnchor?.ew !== after.idleAnchor?.ew || before.idleAnchor?.ns !== after.idleAnchor?.ns))
    || before.idleAlerted !== after.idleAlerted;
}

/**
 * Derives the alerts of one batch inside the writer's transaction: reads and
 * locks the state of its characters, runs detection and stores the new
 * state. Returns the alerts found, for {@link insertAlerts}, which the
 * writer calls once for all of a batch's alerts as its last statement (see
 * ALERTS_LOCK); they are published once the transaction commits.
 */
export async function detectAlerts(
  client: PoolClient,
  events: readonly AcceptedEvent[],
  settings: AlertSettings,
  memory: AlertMemory,
  now = Date.now(),
): Promise<{ found: NewAlert[]; remember: () => void }> {
  const stateful = new Map<string, StatefulEvent[]>();
  const chat: EventOf<'chat'>[] = [];
  const found: NewAlert[] = [];
  for (const event of events) {
    if (isStateful(event)) {
      const list = stateful.get(event.character);
      if (list) list.push(event);
      else stateful.set(event.character, [event]);
    } else if (event.type === 'chat') {
      chat.push(event as EventOf<'chat'>);
    } else if (event.type === 'rare') {
      found.push(rareAlert(event as EventOf<'rare'>));
    }
  }
  const vortexes = chat.map((event) => ({ event, alert: detectVortex(event, null, settings) })).filter((v) => v.alert !== undefined);
  const characters = [...new Set([...stateful.keys(), ...vortexes.map((v) => v.event.character)])].sort();
  const learned: Array<[string, { state: CharacterAlertState; writtenAt: number; version: string }]> = [];
  if (characters.length > 0) {
    const { versions, rows } = await lockStates(client, characters, memory);
    /** Where a character's batch starts: the lane's state while the row is as the lane left it, else the row's with the lane's newer positions. */
    const startOf = (character: string): CharacterAlertState => {
      const remembered = memory.get(character);
      if (remembered && versions.get(character) === remembered.version) return remembered.state;
      return startingState(rows.get(character), remembered?.state);
    };
    const changed: Record<string, unknown>[] = [];
    const next: Array<{ character: string; state: CharacterAlertState; written: boolean; writtenAt: number }> = [];
    for (const [character, list] of stateful) {
      const remembered = memory.get(character);
      const before = startOf(character);
      const { state, alerts } = detectCharacter(character, before, list, settings);
      found.push(...alerts);
      const write = !remembered || !versions.has(character) || changedAtOnce(before, state) || now - remembered.writtenAt >= ALERT_STATE_WRITE_MS;
      if (write) changed.push(rowOf(character, state));
      next.push({ character, state, written: write, writtenAt: write || !remembered ? now : remembered.writtenAt });
    }
    for (const { event, alert } of vortexes) {
      const place = placeAt(event.frame.timestamp, stateful.get(event.character) ?? [], startOf(event.character).place);
      found.push({ ...(alert as NewAlert), place });
    }
    let version = '';
    if (changed.length > 0) {
      const { rows: written } = await queryPrepared<{ version: string }>(
        client,
        `INSERT INTO alert_state AS s (${STATE_NAMES.join(', ')})
         SELECT * FROM json_to_recordset($1::json) AS r(${STATE_COLUMNS}) ORDER BY character_name
         ON CONFLICT (character_name) DO UPDATE SET ${STATE_NAMES.slice(1).map((name) => `${name} = excluded.${name}`).join(', ')}
         RETURNING xmin::text AS version`,
        // The statement's ORDER BY keeps the lock order; sorting here too would cost a collation per pair.
        [JSON.stringify(changed)],
      );
      // Every row this transaction wrote has its id as xmin.
      version = written[0]?.version ?? '';
    }
    for (const { character, state, written, writtenAt } of next) {
      learned.push([character, { state, writtenAt, version: written ? version : (versions.get(character) as string) }]);
    }
  }
  return { found, remember: () => { for (const [character, entry] of learned) memory.set(character, entry); } };
}

/** Where a character was at `time`: its last position reported by then, in the batch or before it. */
function placeAt(time: Date, events: readonly StatefulEvent[], before: Place | null): Place | null {
  let best: Extract<Observation, { kind: 'position' }> | undefined;
  for (const event of events) {
    const seen = event.observation;
    if (seen.kind !== 'position' || seen.at > time.getTime()) continue;
    if (!best || seen.at > best.at) best = seen;
  }
  return best ? { ew: best.ew, ns: best.ns, z: best.z, landblock: best.landblock } : before;
}

/**
 * Stores alerts in the order they happened (one batch may hold a
 * character's rare and, earlier, its death), after taking ALERTS_LOCK, held
 * until the caller commits; resolves with those not stored before.
 *
 * In a writer transaction both statements are deferred (`deferPrepared`):
 * they go to the server with its COMMIT, in one round trip, so the lock is
 * held only while the server carries them out. Sent in a round trip of
 * their own, the lock was also held while ingest read the answer and sent
 * the COMMIT: under load, tens of milliseconds in which every other lane
 * with an alert to store waited (up to 405 ms seen in a login ramp). The
 * promise settles once that round trip is answered. Outside a writer
 * transaction they run at once, and the caller awaits them before its
 * COMMIT.
 */
export function insertAlerts(client: PoolClient, unordered: readonly NewAlert[]): Promise<StoredAlert[]> {
  if (unordered.length === 0) return Promise.resolve([]);
  const alerts = [...unordered].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const locked = deferPrepared(client, 'SELECT pg_advisory_xact_lock($1)', [ALERTS_LOCK]);
  const insert = (): Promise<QueryResult<StoredAlert>> => deferPrepared<StoredAlert>(
    client,
    `INSERT INTO alerts (type, character_name, occurred_at, ew, ns, z, landblock, detail, dedup_key)
     SELECT type, character_name, occurred_at, ew, ns, z, landblock, detail, dedup_key
       FROM ROWS FROM (json_to_recordset($1::json) AS (type text, character_name text, occurred_at timestamptz,
         ew float8, ns float8, z float8, landblock text, detail jsonb, dedup_key text)) WITH ORDINALITY AS r
      ORDER BY r.ordinality
     ON CONFLICT (character_name, type, occurred_at, dedup_key) DO NOTHING
     RETURNING ${STORED_ALERT_COLUMNS}`,
    [JSON.stringify(alerts.map((alert) => ({
      type: alert.type,
      character_name: alert.character,
      occurred_at: alert.occurredAt.toISOString(),
      ew: alert.place?.ew ?? null,
      ns: alert.place?.ns ?? null,
      z: alert.place?.z ?? null,
      landblock: alert.place?.landblock ?? null,
      detail: alert.detail,
      dedup_key: alert.dedupKey,
    })))],
  );
  // In a writer transaction both wait, in order, for its COMMIT; outside one, the insert is sent once the lock is held.
  const inserted = pipelineOf(client) ? insert() : locked.then(insert);
  return Promise.all([locked, inserted]).then(([, { rows }]) => rows.sort((a, b) => Number(a.id) - Number(b.id)));
}

/**
 * Raises OFFLINE for the characters silent for `offlineMs` whose plugin did
 * not close cleanly after their last frame, once per silence, and only for
 * silences that began within the last day (a restart after a long pause does
 * not raise one for every character ever seen). Any number of ingest
 * instances may sweep at once: the claim on a silence (`offline_for`) is a
 * row update, which one of them wins.
 */
export async function sweepOffline(pool: pg.Pool, now: Date, offlineMs: number): Promise<StoredAlert[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ character_name: string; last_seen_at: Date; ew: number | null; ns: number | null; z: number | null; landblock: string | null }>(
      `WITH silent AS (
         SELECT l.character_name, l.last_seen_at
           FROM live_characters l LEFT JOIN alert_state a USING (character_name)
          WHERE l.last_seen_at < $1::timestamptz - make_interval(secs => $2::float8 / 1000)
            AND l.last_seen_at > $1::timestamptz - interval '1 day'
            AND (a.logged_out_at IS NULL OR a.logged_out_at < l.last_seen_at)
            AND a.offline_for IS DISTINCT FROM l.last_seen_at
          ORDER BY l.character_name
       ), claimed AS (
         INSERT INTO alert_state AS s (character_name, offline_for)
         SELECT character_name, last_seen_at FROM silent
         ON CONFLICT (character_name) DO UPDATE SET offline_for = excluded.offline_for
          WHERE s.offline_for IS DISTINCT FROM excluded.offline_for
         RETURNING s.character_name, s.offline_for
       )
       SELECT c.character_name, c.offline_for AS last_seen_at, l.ew, l.ns, l.z, l.landblock
         FROM claimed c JOIN live_characters l USING (character_name)`,
      [now, offlineMs],
    );
    const stored = await insertAlerts(client, rows.map((row) => ({
      type: 'OFFLINE',
      character: row.character_name,
      occurredAt: now,
      place: row.ew === null || row.ns === null ? null : { ew: row.ew, ns: row.ns, z: row.z ?? 0, landblock: row.landblock },
      detail: { last_seen_at: row.last_seen_at.toISOString() },
      dedupKey: '',
    })));
    await client.query('COMMIT');
    return stored;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Records that the plugin of `characters` closed cleanly (a logout): they are
 * not idle, and not offline, until they report again.
 */
export async function markLoggedOut(pool: pg.Pool, characters: readonly string[], at: Date): Promise<void> {
  if (characters.length === 0) return;
  await pool.query(
    `INSERT INTO alert_state AS s (character_name, logged_out_at)
     SELECT name, $2 FROM unnest($1::text[]) AS name ORDER BY name
     ON CONFLICT (character_name) DO UPDATE
       SET logged_out_at = excluded.logged_out_at, idle_since = NULL, idle_alerted = false, idle_ew = NULL, idle_ns = NULL`,
    [[...characters].sort(), at],
  );
}
