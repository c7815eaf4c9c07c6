import type { PoolClient } from 'pg';
import { queryRecords } from './upserts.js';

const MINUTE_MS = 60_000;

interface MinuteRow {
  character_name: string;
  minute: string;
  kills: number;
  deaths: number;
  rares: number;
  tapers_used: number;
  value_gained: number;
  value_lost: number;
}

/** What a batch adds to a character's minute; each part may be zero. */
export interface ActivityIncrease {
  kills?: number;
  deaths?: number;
  rares?: number;
  /** Prismatic tapers used: decreases of the carried stock. */
  tapersUsed?: number;
  /** Value picked up (items added, or an item's value grown). */
  valueGained?: number;
  /** Value lost (items removed, or an item's value shrunk), as a positive number. */
  valueLost?: number;
}

/** The last minute each character's activity row was written in, per writer lane, so repeated frames write nothing. */
export type ActivityMemory = Map<string, number>;

/**
 * One batch's activity per character and minute of receive time: what its
 * telemetry added to the session counters (the increases the lifetime
 * counters add), the tapers it used, the value its inventory gained and
 * lost, and that the character reported at all. Written once per
 * batch into `activity_minutes`, one row per character and minute; the
 * fleet board's charts read it.
 */
export class BatchActivity {
  private readonly rows = new Map<string, MinuteRow>();

  constructor(private readonly memory: ActivityMemory) {}

  /** Records that `character` reported at `receivedAt` (written unless its minute was already). */
  present(character: string, receivedAt: Date): void {
    const minute = minuteOf(receivedAt);
    if (this.memory.get(character) !== minute) this.row(character, minute);
  }

  /** Adds a report's increases (a telemetry frame's counters, an inventory change's value). */
  add(character: string, receivedAt: Date, increase: ActivityIncrease): void {
    const { kills = 0, deaths = 0, rares = 0, tapersUsed = 0, valueGained = 0, valueLost = 0 } = increase;
    if (kills === 0 && deaths === 0 && rares === 0 && tapersUsed === 0 && valueGained === 0 && valueLost === 0) return;
    const row = this.row(character, minuteOf(receivedAt));
    row.kills += kills;
    row.deaths += deaths;
    row.rares += rares;
    row.tapers_used += tapersUsed;
    row.value_gained += valueGained;
    row.value_lost += valueLost;
  }

  /**
   * Adds the batch's rows to `activity_minutes`, in key order: a character's
   * inventory lane and its other lane both write its rows, and one lock
   * order for both keeps them from deadlocking.
   */
  async write(client: PoolClient): Promise<void> {
    await queryRecords(
      client,
      `INSERT INTO activity_minutes AS a (character_name, minute, kills, deaths, rares, tapers_used, value_gained, value_lost)
       SELECT * FROM json_to_recordset($1::json) AS r(character_name text, minute timestamptz, kills bigint, deaths bigint,
         rares bigint, tapers_used bigint, value_gained bigint, value_lost bigint)
       ORDER BY character_name, minute
       ON CONFLICT (character_name, minute) DO UPDATE
         SET kills = a.kills + excluded.kills, deaths = a.deaths + excluded.deaths, rares = a.rares + excluded.rares,
             tapers_used = a.tapers_used + excluded.tapers_used, value_gained = a.value_gained + excluded.value_gained,
             value_lost = a.value_lost + excluded.value_lost`,
      [...this.rows.values()],
    );
  }

  /** Once the batch commits: the minutes now written. */
  remember(): void {
    for (const row of this.rows.values()) {
      const minute = Date.parse(row.minute);
      if ((this.memory.get(row.character_name) ?? 0) < minute) this.memory.set(row.character_name, minute);
    }
  }

  private row(character: string, minute: number): MinuteRow {
    const key = `${character}\u0000${minute}`;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { character_name: character, minute: new Date(minute).toISOString(), kills: 0, deaths: 0, rares: 0, tapers_used: 0, value_gained: 0, value_lost: 0 }));
    return row;
  }
}

function minuteOf(time: Date): number {
  return Math.floor(time.getTime() / MINUTE_MS) * MINUTE_MS;
}
