import { describe, expect, it, vi } from 'vitest';
import { connectPlugin, INGEST_WAIT } from '@lifestone/test-kit/plugin';
import { startTestIngest, TEST_SECRET } from '@lifestone/test-kit/ingest';
import { acceptedFrames, sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';

const T = '2026-11-21T10:00:00.000Z';
const at = (seconds: number): string => new Date(Date.parse(T) + seconds * 1000).toISOString();

const session = usePluginSession();

async function rows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await session.stack.db.query(sql, params)).rows;
}

/** Sends frames, waits until all are committed, returns the rows `sql` selects. */
async function store(frames: object[], sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  await sendAndFlush(session.stack, session.plugin, frames);
  return rows(sql, params);
}

describe('each frame type is stored with exact values', () => {
  it('telemetry, with the live snapshot', async () => {
    const stored = await store(
      [{
        type: 'telemetry', character_name: 'Sir Larsson', timestamp: T, session_id: 's1',
        ew: 33.6, ns: 42.1, z: 12.5, heading: 270, landblock: '0xA9B40019',
        kills: 10, deaths: 1, rares_found: 2, prismatic_taper_count: 150, kills_per_hour: 321.5,
        onlinetime: '01:02:03', vt_state: 'Combat', mem_mb: 512.25, cpu_pct: 3.5, latency_ms: 120,
      }],
      `SELECT received_at IS NOT NULL AS received, observed_at, character_name, session_id, ew, ns, z, heading, landblock,
              kills, deaths, rares_found, prismatic_taper_count, kills_per_hour, onlinetime_s, vt_state, mem_mb, cpu_pct,
              latency_ms, extra FROM telemetry_events WHERE character_name = 'Sir Larsson'`,
    );
    expect(stored).toEqual([{
      received: true, observed_at: new Date(T), character_name: 'Sir Larsson', session_id: 's1',
      ew: 33.6, ns: 42.1, z: 12.5, heading: 270, landblock: '0xA9B40019', kills: 10, deaths: 1, rares_found: 2,
      prismatic_taper_count: 150, kills_per_hour: 321.5, onlinetime_s: 3723, vt_state: 'Combat', mem_mb: 512.25,
      cpu_pct: 3.5, latency_ms: 120, extra: null,
    }]);
    expect(await rows(`SELECT ew, ns, z, heading, vt_state, kills, position_at FROM live_characters WHERE character_name = 'Sir Larsson'`))
      .toEqual([{ ew: 33.6, ns: 42.1, z: 12.5, heading: 270, vt_state: 'Combat', kills: 10, position_at: new Date(T) }]);
  });

  it('vitals, and shared vitals with their fellowship', async () => {
    const stored = await store(
      [
        { type: 'vitals', character_name: 'Vitalis', timestamp: T, health_pct: 80, stamina_pct: 90.5, mana_pct: 70, vitae_pct: 5,
          health_current: 320, health_max: 400, stamina_current: 362, stamina_max: 400, mana_current: 210, mana_max: 300 },
        { type: 'share_vitals', character_name: 'Vitalis', timestamp: at(1), health_pct: 79, stamina_pct: 90, mana_pct: 69,
          vitae_pct: 5, group: 'Night Watch' },
      ],
      `SELECT observed_at, health_pct, stamina_pct, mana_pct, vitae_pct, health_current, health_max, stamina_current,
              stamina_max, mana_current, mana_max, group_name FROM vitals_events WHERE character_name = 'Vitalis' ORDER BY observed_at`,
    );
    expect(stored).toEqual([
      { observed_at: new Date(T), health_pct: 80, stamina_pct: 90.5, mana_pct: 70, vitae_pct: 5, health_current: 320, health_max: 400,
        stamina_current: 362, stamina_max: 400, mana_current: 210, mana_max: 300, group_name: null },
      { observed_at: new Date(at(1)), health_pct: 79, stamina_pct: 90, mana_pct: 69, vitae_pct: 5, health_current: null, health_max: null,
        stamina_current: null, stamina_max: null, mana_current: null, mana_max: null, group_name: 'Night Watch' },
    ]);
    expect(await rows(`SELECT health_pct, vitae_pct, vitals_at FROM live_characters WHERE character_name = 'Vitalis'`))
      .toEqual([{ health_pct: 80, vitae_pct: 5, vitals_at: new Date(T) }]);
  });

  it('character_stats, latest per character', async () => {
    const sheet = {
      type: 'character_stats', character_name: 'Sheet', timestamp: T, level: 275, race: 'Aluvian', gender: 'Female',
      birth: '2001-03-04', total_xp: 191226310247, unassigned_xp: 0, skill_credits: 2, deaths: 14, luminance: 1000000,
      title: 'Master of Arms', attributes: { Strength: { base: 290, creation: 100 } }, vitals: { Health: { base: 300 } },
      skills: { 'War Magic': { base: 520, training: 'Specialized' } },
      allegiance: { name: 'Night Watch', monarch: 'Kaelen', patron: 'Mira', rank: 5, followers: 12 },
    };
    const stored = await store(
      [{ ...sheet, level: 274 }, sheet],
      `SELECT level, race, gender, birth, total_xp, unassigned_xp, skill_credits, deaths, luminance, title, attributes,
              vitals, skills, allegiance FROM character_stats WHERE character_name = 'Sheet'`,
    );
    expect(stored).toEqual([{
      level: 275, race: 'Aluvian', gender: 'Female', birth: '2001-03-04', total_xp: 191226310247, unassigned_xp: 0,
      skill_credits: 2, deaths: 14, luminance: 1000000, title: 'Master of Arms',
      attributes: { Strength: { base: 290, creation: 100 } }, vitals: { Health: { base: 300 } },
      skills: { 'War Magic': { base: 520, training: 'Specialized' } },
      allegiance: { name: 'Night Watch', monarch: 'Kaelen', patron: 'Mira', rank: 5, followers: 12 },
    }]);
  });

  it('equipment_cantrip_state replaces the active effects', async () => {
    const stored = await store(
      [
        { type: 'equipment_cantrip_state', character_name: 'Buffy', timestamp: T, effects: [{ spell_id: 1, name: 'Old', duration_s: 5, caster: 'x' }] },
        { type: 'equipment_cantrip_state', character_name: 'Buffy', timestamp: at(1), effects: [
          { spell_id: 2614, name: 'Legendary Strength', duration_s: 3600, caster: 'Buffy' },
          { spell_id: 6104, name: 'Epic Invulnerability', duration_s: 1800.5, caster: 'Mira' },
        ] },
      ],
      `SELECT position, spell_id, name, duration_s, caster FROM equipment_effects WHERE character_name = 'Buffy' ORDER BY position`,
    );
    expect(stored).toEqual([
      { position: 0, spell_id: 2614, name: 'Legendary Strength', duration_s: 3600, caster: 'Buffy' },
      { position: 1, spell_id: 6104, name: 'Epic Invulnerability', duration_s: 1800.5, caster: 'Mira' },
    ]);
  });

  it("a later batch's quests and effects replace a character's whole list, whatever its name holds", async () => {
    const name = `O'Brien "the \\ bold" ''; DROP TABLE quests; --`;
    const quests = (at: string, names: string[]) => ({ type: 'quest', character_name: name, timestamp: at, quests: names.map((quest) => ({ name: quest, solves: 1 })) });
    const effects = (at: string, ids: number[]) => ({ type: 'equipment_cantrip_state', character_name: name, timestamp: at, effects: ids.map((id) => ({ spell_id: id, name: `Spell ${id}` })) });
    await sendAndFlush(session.stack, session.plugin, [quests(T, ['Stipend', 'Aerbax']), effects(T, [1, 2, 3])]);
    await sendAndFlush(session.stack, session.plugin, [quests(at(1), ['Colosseum']), effects(at(1), [4])]);
    expect(await rows('SELECT quest_name FROM quests WHERE character_name = $1', [name])).toEqual([{ quest_name: 'Colosseum' }]);
    expect(await rows('SELECT spell_id FROM equipment_effects WHERE character_name = $1', [name])).toEqual([{ spell_id: 4 }]);
  });

  it('spawn, chat, rare (with tier), quest, nearby_objects, dungeon_map', async () => {
    await store([
      { type: 'spawn', character_name: 'Scout', timestamp: T, monster_name: 'Olthoi Soldier', ew: -10.5, ns: 20.25, z: 0 },
      { type: 'chat', character_name: 'Scout', timestamp: T, channel: 'Trade', text: 'WTS Pearl\tof "Blood"\nDrinking \\ cheap', color: 2, sender: 'Mira' },
      { type: 'rare', character_name: 'Scout', timestamp: T, name: 'Pearl of Blood Drinking', ew: 1, ns: 2, z: 3 },
      { type: 'rare', character_name: 'Scout', timestamp: at(1), name: 'Dragonspine Bow', ew: 1, ns: 2, z: 3 },
      { type: 'quest', character_name: 'Scout', timestamp: T, quests: [
        { name: 'Stipend', solves: 3, max_solves: 10, completed_at: T, available_in_s: 600 },
        { name: 'Aerbax', solves: 1, max_solves: 1, completed_at: null, available_in_s: 0 },
      ] },
      { type: 'nearby_objects', character_name: 'Scout', timestamp: T, objects: [{ id: 7, name: 'Drudge Skulker', object_class: 'Monster', ew: 1, ns: 2, z: 0, distance: 12.5 }] },
      { type: 'dungeon_map', character_name: 'Scout', timestamp: T, landblock: '0x01D90000', tiles: [{ x: 1, y: 2, kind: 'corridor' }] },
    ], 'SELECT 1');
    expect(await rows(`SELECT monster_name, ew, ns, z FROM spawn_events WHERE character_name = 'Scout'`))
      .toEqual([{ monster_name: 'Olthoi Soldier', ew: -10.5, ns: 20.25, z: 0 }]);
    expect(await rows(`SELECT channel, text, color, sender FROM chat_messages WHERE character_name = 'Scout'`))
      .toEqual([{ channel: 'Trade', text: 'WTS Pearl\tof "Blood"\nDrinking \\ cheap', color: 2, sender: 'Mira' }]);
    expect(await rows(`SELECT name, tier, ew, ns, z FROM rare_events WHERE character_name = 'Scout' ORDER BY observed_at`)).toEqual([
      { name: 'Pearl of Blood Drinking', tier: 'common', ew: 1, ns: 2, z: 3 },
      { name: 'Dragonspine Bow', tier: 'great', ew: 1, ns: 2, z: 3 },
    ]);
    expect(await rows(`SELECT quest_name, solves, max_solves, completed_at, available_in_s FROM quests WHERE character_name = 'Scout' ORDER BY quest_name`)).toEqual([
      { quest_name: 'Aerbax', solves: 1, max_solves: 1, completed_at: null, available_in_s: 0 },
      { quest_name: 'Stipend', solves: 3, max_solves: 10, completed_at: new Date(T), available_in_s: 600 },
    ]);
    const [radar] = await rows(`SELECT objects FROM nearby_objects WHERE character_name = 'Scout'`);
    expect(radar?.objects).toMatchObject([{ id: 7, name: 'Drudge Skulker', object_class: 'Monster', ew: 1, ns: 2, z: 0, distance: 12.5 }]);
    const [dungeon] = await rows(`SELECT character_name, tiles FROM dungeon_maps WHERE landblock = '0x01D90000'`);
    expect(dungeon).toMatchObject({ character_name: 'Scout', tiles: [{ x: 1, y: 2, kind: 'corridor' }] });
  });
});

describe('coercion', () => {
  it('takes numeric strings, whole floats, epoch timestamps, missing optionals, and keeps unknown fields', async () => {
    const epoch = Date.parse(T);
    const stored = await store(
      [{
        type: 'telemetry', character_name: 'Loose', timestamp: epoch, ew: '12.5', ns: ' -3.25 ', z: 0,
        kills: 7.0, deaths: '2', onlinetime: 3600, vt_state: 'Idle', plugin_build: 'v7', nested: { a: 1 },
      }],
      `SELECT observed_at, ew, ns, heading, kills, deaths, onlinetime_s, session_id, extra FROM telemetry_events WHERE character_name = 'Loose'`,
    );
    expect(stored).toEqual([{
      observed_at: new Date(epoch), ew: 12.5, ns: -3.25, heading: null, kills: 7, deaths: 2, onlinetime_s: 3600,
      session_id: null, extra: { plugin_build: 'v7', nested: { a: 1 } },
    }]);
  });

  it('uses the receive time when the timestamp is missing', async () => {
    const before = Date.now();
    const [row] = await store(
      [{ type: 'chat', character_name: 'NoClock', channel: 'General', text: 'hi', color: 0 }],
      `SELECT observed_at, received_at FROM chat_messages WHERE character_name = 'NoClock'`,
    );
    expect(row?.observed_at).toEqual(row?.received_at);
    expect((row?.observed_at as Date).getTime()).toBeGreaterThanOrEqual(before - 1);
  });
});

describe('refused frames', () => {
  it('answer each refusal with its code and keep every valid frame around it', async () => {
    const chat = (text: string): object => ({ type: 'chat', character_name: 'Around', timestamp: T, channel: 'General', text, color: 1 });
    const errorsBefore = session.plugin.received.filter((f) => f.type === 'error').length;
    const acceptedBefore = await acceptedFrames(session.stack);
    session.plugin.send(chat('before'));
    session.plugin.send('{"type": "chat", nope');
    session.plugin.send(chat('after json'));
    session.plugin.send({ type: 'teleport', character_name: 'Around' });
    session.plugin.send(chat('after type'));
    session.plugin.send({ type: 'telemetry', character_name: 'Around', ew: 1, ns: 2, z: 3, kills: 1.5 });
    session.plugin.send(chat('after frame'));
    session.plugin.send(JSON.stringify({ ...chat('huge'), text: 'x'.repeat(1_100_000) }));
    session.plugin.send(chat('after size'));
    await expect.poll(async () => session.plugin.received.filter((f) => f.type === 'error').length - errorsBefore, INGEST_WAIT).toBeGreaterThanOrEqual(4);
    const errors = session.plugin.received.filter((f) => f.type === 'error').slice(errorsBefore);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_JSON', 'UNKNOWN_TYPE', 'INVALID_FRAME', 'FRAME_TOO_LARGE']);
    expect(errors[1]?.ref).toEqual({ type: 'teleport', character_name: 'Around' });
    expect(errors[2]?.ref).toEqual({ type: 'telemetry', character_name: 'Around' });
    expect(errors[2]?.details).toEqual([expect.objectContaining({ path: 'kills' })]);
    expect(errors[3]?.ref).toEqual({ type: 'chat', character_name: 'Around' });
    for (const error of errors) expect(typeof error.message).toBe('string');
    await expect.poll(() => acceptedFrames(session.stack), INGEST_WAIT).toBeGreaterThanOrEqual(acceptedBefore + 5);
    await session.stack.ingest.flush();
    expect((await rows(`SELECT text FROM chat_messages WHERE character_name = 'Around' ORDER BY observed_at, text`)).map((r) => r.text))
      .toEqual(['after frame', 'after json', 'after size', 'after type', 'before']);
    expect(session.plugin.socket.readyState).toBe(session.plugin.socket.OPEN);
  });

  it('rate-limits a connection that floods, answering RATE_LIMITED, and stores what it accepted', async () => {
    const limited = await startTestIngest({ rateLimit: 1, rateBurst: 5 });
    const flooder = await connectPlugin(limited.ingest.pluginUrl, TEST_SECRET);
    try {
      for (let i = 0; i < 8; i++) flooder.send({ type: 'chat', character_name: 'Flood', timestamp: at(i), channel: 'General', text: `line ${i}`, color: 0 });
      const refused = await vi.waitFor(() => {
        const found = flooder.received.filter((f) => f.code === 'RATE_LIMITED');
        expect(found.length).toBeGreaterThanOrEqual(3);
        return found;
      }, INGEST_WAIT);
      expect(refused[0]?.ref).toEqual({ type: 'chat', character_name: 'Flood' });
      await expect
        .poll(async () => (await limited.db.query(`SELECT text FROM chat_messages ORDER BY observed_at`)).rows.map((r) => r.text as string), INGEST_WAIT)
        .toHaveLength(5);
      await limited.ingest.flush();
      expect((await limited.db.query(`SELECT text FROM chat_messages ORDER BY observed_at`)).rows.map((r) => r.text))
        .toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
      expect(flooder.socket.readyState).toBe(flooder.socket.OPEN);
    } finally {
      await flooder.close();
      await limited.close();
    }
  });
});
