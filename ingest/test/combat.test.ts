import { describe, expect, it } from 'vitest';
import { sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';

const session = usePluginSession();

const offense = (hits: number, damage: number, maxHit: number) => ({ hits, misses: 1, crits: 0, damage, max_hit: maxHit });
const snapshot = (character: string, session: string, kills: number, hits: number, damage: number, maxHit: number) => ({
  type: 'combat_stats', character_name: character, session_id: session,
  session: { monsters: { 'Olthoi Soldier': { kills, offense: { slash: offense(hits, damage, maxHit) }, defense: { acid: { hits: 2, evades: 3, resists: 0, damage: 40 } } } } },
});

async function lifetime(character: string) {
  const kills = (await session.stack.db.query(`SELECT monster, kills FROM combat_lifetime_monsters WHERE character_name = $1`, [character])).rows;
  const elements = (await session.stack.db.query(
    `SELECT element, offense_hits, offense_misses, offense_damage, offense_max_hit, defense_hits, defense_evades, defense_damage
       FROM combat_lifetime_elements WHERE character_name = $1 ORDER BY element`, [character])).rows;
  return { kills, elements };
}

describe('combat lifetime totals from cumulative session snapshots', () => {
  it('a re-sent snapshot adds nothing; a growing one adds its increase; a new session starts over', async () => {
    const c = 'Larsson';
    await sendAndFlush(session.stack, session.plugin, [snapshot(c, 'a', 5, 10, 1000, 150), snapshot(c, 'a', 5, 10, 1000, 150)]);
    await sendAndFlush(session.stack, session.plugin, [snapshot(c, 'a', 5, 10, 1000, 150)]);
    expect(await lifetime(c)).toEqual({
      kills: [{ monster: 'Olthoi Soldier', kills: 5 }],
      elements: [
        { element: 'acid', offense_hits: 0, offense_misses: 0, offense_damage: 0, offense_max_hit: 0, defense_hits: 2, defense_evades: 3, defense_damage: 40 },
        { element: 'slash', offense_hits: 10, offense_misses: 1, offense_damage: 1000, offense_max_hit: 150, defense_hits: 0, defense_evades: 0, defense_damage: 0 },
      ],
    });
    await sendAndFlush(session.stack, session.plugin, [snapshot(c, 'a', 8, 16, 1600, 210)]);
    await sendAndFlush(session.stack, session.plugin, [snapshot(c, 'b', 2, 4, 300, 90), snapshot(c, 'b', 3, 6, 450, 90)]);
    expect(await lifetime(c)).toEqual({
      kills: [{ monster: 'Olthoi Soldier', kills: 8 + 3 }],
      elements: [
        { element: 'acid', offense_hits: 0, offense_misses: 0, offense_damage: 0, offense_max_hit: 0, defense_hits: 2 + 2, defense_evades: 3 + 3, defense_damage: 80 },
        { element: 'slash', offense_hits: 16 + 6, offense_misses: 1 + 1, offense_damage: 1600 + 450, offense_max_hit: 210, defense_hits: 0, defense_evades: 0, defense_damage: 0 },
      ],
    });
    const sessions = (await session.stack.db.query(
      `SELECT session_key, snapshot->'monsters'->'Olthoi Soldier'->'kills' AS kills FROM combat_sessions WHERE character_name = $1 ORDER BY session_key`, [c])).rows;
    expect(sessions).toEqual([{ session_key: 'a', kills: 8 }, { session_key: 'b', kills: 3 }]);
  });

  it('session counters from telemetry add up the same way', async () => {
    const c = 'Counter';
    const telemetry = (session: string, kills: number, deaths: number, rares: number, tapers: number) => ({
      type: 'telemetry', character_name: c, session_id: session, ew: 1, ns: 1, z: 0, kills, deaths, rares_found: rares, prismatic_taper_count: tapers,
    });
    await sendAndFlush(session.stack, session.plugin, [telemetry('s1', 3, 0, 0, 100), telemetry('s1', 3, 0, 0, 100), telemetry('s1', 7, 1, 1, 95)]);
    await sendAndFlush(session.stack, session.plugin, [telemetry('s1', 7, 1, 1, 95), telemetry('s2', 2, 0, 0, 95)]);
    const [counters] = (await session.stack.db.query(`SELECT kills, deaths, rares, tapers FROM character_counters WHERE character_name = $1`, [c])).rows;
    // Kills 3 -> 7 in s1, then 2 in s2; tapers are the stock last reported.
    expect(counters).toEqual({ kills: 9, deaths: 1, rares: 1, tapers: 95 });
  });
});

describe('counters at the top of their range', () => {
  const top = 2_147_483_647;

  it('add up past 32 bits in every total, and no event is lost on the way', async () => {
    const c = 'Overflow';
    const telemetry = (sessionId: string) => ({
      type: 'telemetry', character_name: c, session_id: sessionId, ew: 1, ns: 1, z: 0, kills: top, deaths: top, rares_found: top,
    });
    // Two sessions in one batch (one activity minute), then a third in a batch of its own.
    await sendAndFlush(session.stack, session.plugin, [telemetry('s1'), telemetry('s2')]);
    await sendAndFlush(session.stack, session.plugin, [telemetry('s3')]);
    await sendAndFlush(session.stack, session.plugin, [snapshot(c, 'a', top, top, 10, 10), snapshot(c, 'b', top, top, 10, 10)]);
    const portal = { type: 'portal', character_name: c, portal_name: 'Overflow Gate', ew: 12.3, ns: 45.6, z: 0 };
    await sendAndFlush(session.stack, session.plugin, [portal]);
    await session.stack.db.query(`UPDATE portals SET sightings = $1 WHERE portal_name = 'Overflow Gate'`, [top]);
    await sendAndFlush(session.stack, session.plugin, [portal]);

    const { db } = session.stack;
    expect((await db.query(`SELECT kills, deaths, rares FROM character_counters WHERE character_name = $1`, [c])).rows).toEqual([{ kills: 3 * top, deaths: 3 * top, rares: 3 * top }]);
    expect((await db.query(`SELECT sum(kills)::float8 AS kills, sum(deaths)::float8 AS deaths, sum(rares)::float8 AS rares FROM activity_minutes WHERE character_name = $1`, [c])).rows)
      .toEqual([{ kills: 3 * top, deaths: 3 * top, rares: 3 * top }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM telemetry_events WHERE character_name = $1`, [c])).rows).toEqual([{ n: 3 }]);
    expect(await lifetime(c)).toMatchObject({ kills: [{ monster: 'Olthoi Soldier', kills: 2 * top }], elements: [{ element: 'acid' }, { element: 'slash', offense_hits: 2 * top }] });
    expect((await db.query(`SELECT sightings FROM portals WHERE portal_name = 'Overflow Gate'`)).rows).toEqual([{ sightings: top + 1 }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM undeliverable_events`)).rows).toEqual([{ n: 0 }]);
  });

  it('refuses a single counter past 32 bits at the frame, with a code', async () => {
    session.plugin.send({ type: 'telemetry', character_name: 'Too Many', ew: 1, ns: 1, z: 0, kills: top + 1 });
    const refused = await session.plugin.waitFor((frame) => frame.type === 'error' && (frame.ref as { character_name?: string } | undefined)?.character_name === 'Too Many');
    expect(refused).toMatchObject({ code: 'INVALID_FRAME', details: [{ path: 'kills', message: `expected a non-negative integer up to ${top}, got ${top + 1}` }] });
  });
});
