import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const larsson = 'Sir Larsson';
const mira = 'Mira.Dawn';

const firstReport = {
  type: 'telemetry',
  character_name: larsson,
  timestamp: '2026-03-01T10:00:00.000Z',
  session_id: 'login-1',
  ew: 12.5,
  ns: -34.25,
  z: 60,
  heading: 90,
  landblock: '0xA9B40019',
  kills: 7,
  deaths: 1,
  rares_found: 2,
  prismatic_taper_count: 150,
  kills_per_hour: 420.5,
  onlinetime: '01:02:03',
  vt_state: 'Navigating',
  mem_mb: 512.5,
  cpu_pct: 12.5,
  latency_ms: 80,
};
const secondReport = {
  ...firstReport,
  timestamp: '2026-03-01T10:00:02.000Z',
  ew: '13.75', // plugins send numbers as strings; ingest coerces them
  ns: -33.5,
  z: 61.25,
  heading: 180,
  landblock: 'a9b4001a',
  kills: 9,
  kills_per_hour: 431,
  onlinetime: 3725,
  vt_state: 'Combat',
};

const characterQuery = `query ($name: String!) {
  character(name: $name) {
    name online lastSeen sessionId state positionTime
    position { ew ns z heading landblock }
    vitals { healthPct staminaPct manaPct vitaePct }
    sessionCounters { kills deaths rares tapers killsPerHour }
    counters { kills deaths rares tapers killsPerHour }
    plugin { onlineSeconds memMb cpuPct latencyMs }
    stats {
      time level race gender birth totalXp unassignedXp skillCredits deaths luminance title
      attributes { name base creation } vitals { name base } skills { name base training }
      allegiance { name monarch patron rank followers }
    }
    quests { name solves maxSolves completedAt availableInSeconds reportedAt }
    effects { spellId name durationSeconds caster reportedAt }
    nearbyObjects { id name objectClass distance position { ew ns z heading landblock } }
  }
}`;

describe('characters', () => {
  let harness: TelemetryHarness;
  let larssonSeen: Date;
  let miraSeen: Date;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    await harness.send(
      firstReport,
      secondReport,
      {
        type: 'vitals',
        character_name: larsson,
        timestamp: '2026-03-01T10:00:03.000Z',
        health_pct: 87.5,
        stamina_pct: '60',
        mana_pct: 45.25,
        vitae_pct: 5,
      },
      {
        type: 'character_stats',
        character_name: larsson,
        timestamp: '2026-03-01T09:59:00.000Z',
        level: 275,
        race: 'Aluvian',
        gender: 'Male',
        birth: '2001-05-04',
        total_xp: 191_226_310_247,
        unassigned_xp: 0,
        skill_credits: 3,
        deaths: 12,
        luminance: 1_500_000,
        title: 'Master of Arms',
        attributes: { Strength: { base: 100, creation: 100 }, Coordination: { base: 200, creation: 60 } },
        vitals: { Health: { base: 300 }, Mana: { base: 250 } },
        skills: { 'War Magic': { base: 450, training: 'Specialized' }, Alchemy: { base: 10, training: 'Untrained' } },
        allegiance: { name: 'Night Watch', monarch: 'Asheron', patron: 'Bael', rank: 5, followers: 12 },
      },
      {
        type: 'quest',
        character_name: larsson,
        timestamp: '2026-03-01T09:00:00Z',
        quests: [
          { name: 'Stipend', solves: 3, max_solves: 1000, completed_at: '2026-02-28T00:00:00Z', available_in_s: 3600 },
          { name: 'Aerbax', solves: 1, completed_at: null },
        ],
      },
      {
        type: 'equipment_cantrip_state',
        character_name: larsson,
        timestamp: '2026-03-01T09:30:00Z',
        effects: [
          { spell_id: 2621, name: 'Epic Strength', caster: 'Ring of Might' },
          { spell_id: 4305, name: 'Incantation of Blade Protection', duration_s: 1800.5, caster: 'Aun Tanua' },
        ],
      },
      {
        type: 'nearby_objects',
        character_name: larsson,
        objects: [{ id: 2_147_500_001, name: 'Drudge Ravener', object_class: 'Monster', ew: 12.6, ns: -34.2, z: 60, distance: 3.5 }],
      },
    );
    // Mira's frames come later, so that she is seen later than Larsson.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await harness.send({ type: 'vitals', character_name: mira, health_pct: 100, stamina_pct: 100, mana_pct: 100 });
    const seen = await harness.stack.db.query<{ character_name: string; last_seen_at: Date }>('SELECT character_name, last_seen_at FROM live_characters');
    larssonSeen = seen.rows.find((row) => row.character_name === larsson)?.last_seen_at as Date;
    miraSeen = seen.rows.find((row) => row.character_name === mira)?.last_seen_at as Date;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('character(name:) resolves every live field with the exact values sent', async () => {
    const data = await harness.query(characterQuery, { name: larsson }, { now: () => new Date(larssonSeen.getTime() + 1_000) });
    expect(data).toEqual({
      character: {
        name: larsson,
        online: true,
        lastSeen: larssonSeen.toISOString(),
        sessionId: 'login-1',
        state: 'Combat',
        positionTime: '2026-03-01T10:00:02.000Z',
        position: { ew: 13.75, ns: -33.5, z: 61.25, heading: 180, landblock: '0xA9B4001A' },
        vitals: { healthPct: 87.5, staminaPct: 60, manaPct: 45.25, vitaePct: 5 },
        sessionCounters: { kills: 9, deaths: 1, rares: 2, tapers: 150, killsPerHour: 431 },
        counters: { kills: 9, deaths: 1, rares: 2, tapers: 150, killsPerHour: 431 },
        plugin: { onlineSeconds: 3725, memMb: 512.5, cpuPct: 12.5, latencyMs: 80 },
        stats: {
          time: '2026-03-01T09:59:00.000Z',
          level: 275,
          race: 'Aluvian',
          gender: 'Male',
          birth: '2001-05-04',
          totalXp: 191_226_310_247,
          unassignedXp: 0,
          skillCredits: 3,
          deaths: 12,
          luminance: 1_500_000,
          title: 'Master of Arms',
          attributes: [
            { name: 'Coordination', base: 200, creation: 60 },
            { name: 'Strength', base: 100, creation: 100 },
          ],
          vitals: [
            { name: 'Health', base: 300 },
            { name: 'Mana', base: 250 },
          ],
          skills: [
            { name: 'Alchemy', base: 10, training: 'Untrained' },
            { name: 'War Magic', base: 450, training: 'Specialized' },
          ],
          allegiance: { name: 'Night Watch', monarch: 'Asheron', patron: 'Bael', rank: 5, followers: 12 },
        },
        quests: [
          { name: 'Aerbax', solves: 1, maxSolves: null, completedAt: null, availableInSeconds: null, reportedAt: '2026-03-01T09:00:00.000Z' },
          { name: 'Stipend', solves: 3, maxSolves: 1000, completedAt: '2026-02-28T00:00:00.000Z', availableInSeconds: 3600, reportedAt: '2026-03-01T09:00:00.000Z' },
        ],
        effects: [
          { spellId: 2621, name: 'Epic Strength', durationSeconds: null, caster: 'Ring of Might', reportedAt: '2026-03-01T09:30:00.000Z' },
          { spellId: 4305, name: 'Incantation of Blade Protection', durationSeconds: 1800.5, caster: 'Aun Tanua', reportedAt: '2026-03-01T09:30:00.000Z' },
        ],
        nearbyObjects: [
          {
            id: '2147500001',
            name: 'Drudge Ravener',
            objectClass: 'Monster',
            distance: 3.5,
            position: { ew: 12.6, ns: -34.2, z: 60, heading: null, landblock: null },
          },
        ],
      },
    });
  });

  it('a character seen only through vitals has no position, counters or sheet yet', async () => {
    const data = await harness.query(characterQuery, { name: mira });
    expect(data).toMatchObject({
      character: {
        name: mira,
        lastSeen: miraSeen.toISOString(),
        position: null,
        positionTime: null,
        vitals: { healthPct: 100, staminaPct: 100, manaPct: 100, vitaePct: 0 },
        sessionCounters: null,
        counters: null,
        plugin: null,
        stats: null,
        quests: [],
        effects: [],
        nearbyObjects: [],
      },
    });
  });

  it('character(name:) is null for a character never seen', async () => {
    expect(await harness.query('{ character(name: "Nobody") { name } }')).toEqual({ character: null });
  });

  it('livePlayers drops a character 30 s after its last frame, by the context clock', async () => {
    const livePlayers = async (now: Date) =>
      harness.query<{ livePlayers: Array<{ name: string; online: boolean }> }>('{ livePlayers { name online } }', {}, { now: () => now });
    const at = (date: Date, ms: number) => new Date(date.getTime() + ms);

    expect(await livePlayers(at(larssonSeen, 29_999))).toEqual({
      livePlayers: [
        { name: mira, online: true },
        { name: larsson, online: true },
      ],
    });
    expect(await livePlayers(at(larssonSeen, 30_000))).toEqual({ livePlayers: [{ name: mira, online: true }] });
    expect(await livePlayers(at(miraSeen, 29_999))).toEqual({ livePlayers: [{ name: mira, online: true }] });
    expect(await livePlayers(at(miraSeen, 30_000))).toEqual({ livePlayers: [] });

    const offline = await harness.query('query ($name: String!) { character(name: $name) { online lastSeen } }', { name: larsson }, { now: () => at(larssonSeen, 30_000) });
    expect(offline).toEqual({ character: { online: false, lastSeen: larssonSeen.toISOString() } });
  });

  it('livePlayers reads the live snapshot of all players in one query, however many fields they ask for', async () => {
    const counter = harness.countingPool();
    const data = await harness.query(
      '{ livePlayers { name online lastSeen state position { ew ns } vitals { healthPct } sessionCounters { kills } } }',
      {},
      { pool: counter.pool, now: () => new Date(larssonSeen.getTime() + 1_000) },
    );
    expect(data).toMatchObject({ livePlayers: [{ name: mira }, { name: larsson, state: 'Combat', position: { ew: 13.75, ns: -33.5 } }] });
    expect(counter.queries).toHaveLength(1);

    const lifetime = harness.countingPool();
    await harness.query('{ livePlayers { name counters { kills } stats { level } quests { name } } }', {}, { pool: lifetime.pool, now: () => new Date(larssonSeen.getTime() + 1_000) });
    // The snapshot, then one query each for counters, sheets and quests of both players.
    expect(lifetime.queries).toHaveLength(4);
  });

  it('characters(search:) finds characters by part of their name, case-insensitively', async () => {
    expect(await harness.query('{ characters { name } }')).toEqual({ characters: [{ name: mira }, { name: larsson }] });
    expect(await harness.query('{ characters(search: "LARS") { name } }')).toEqual({ characters: [{ name: larsson }] });
    expect(await harness.query('{ characters(search: "a.d") { name } }')).toEqual({ characters: [{ name: mira }] });
    expect(await harness.query('{ characters(search: "%") { name } }')).toEqual({ characters: [] });
    expect(await harness.query('{ characters(first: 1) { name } }')).toEqual({ characters: [{ name: mira }] });
    const refused = await harness.execute('{ characters(first: 0) { name } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('trail and history return the positions reported, oldest first', async () => {
    const now = new Date(larssonSeen.getTime() + 1_000);
    const data = await harness.query(
      `query ($name: String!, $from: DateTime!) {
        character(name: $name) {
          trail { time position { ew ns z heading landblock } }
          history(from: $from) { time receivedAt state position { ew ns } sessionCounters { kills killsPerHour } plugin { onlineSeconds } }
        }
      }`,
      { name: larsson, from: new Date(larssonSeen.getTime() - 60_000).toISOString() },
      { now: () => now },
    );
    expect(data).toEqual({
      character: {
        trail: [
          { time: '2026-03-01T10:00:00.000Z', position: { ew: 12.5, ns: -34.25, z: 60, heading: 90, landblock: '0xA9B40019' } },
          { time: '2026-03-01T10:00:02.000Z', position: { ew: 13.75, ns: -33.5, z: 61.25, heading: 180, landblock: '0xA9B4001A' } },
        ],
        history: [
          {
            time: '2026-03-01T10:00:00.000Z',
            receivedAt: expect.any(String),
            state: 'Navigating',
            position: { ew: 12.5, ns: -34.25 },
            sessionCounters: { kills: 7, killsPerHour: 420.5 },
            plugin: { onlineSeconds: 3723 },
          },
          {
            time: '2026-03-01T10:00:02.000Z',
            receivedAt: expect.any(String),
            state: 'Combat',
            position: { ew: 13.75, ns: -33.5 },
            sessionCounters: { kills: 9, killsPerHour: 431 },
            plugin: { onlineSeconds: 3725 },
          },
        ],
      },
    });
    // Ten minutes later the trail of the last ten minutes is empty; the last eleven still hold both.
    const later = { now: () => new Date(larssonSeen.getTime() + 10 * 60_000 + 1) };
    expect(await harness.query('query ($name: String!) { character(name: $name) { trail { time } } }', { name: larsson }, later)).toEqual({ character: { trail: [] } });
    expect(await harness.query('query ($name: String!) { character(name: $name) { trail(minutes: 11) { time } } }', { name: larsson }, later)).toEqual({
      character: { trail: [{ time: '2026-03-01T10:00:00.000Z' }, { time: '2026-03-01T10:00:02.000Z' }] },
    });
  });

  it('Character entities resolve from their key alone, as the gateway asks for them', async () => {
    const data = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Character { name position { ew } vitals { healthPct } } } }`,
      { representations: [{ __typename: 'Character', name: larsson }, { __typename: 'Character', name: 'Nobody' }] },
    );
    expect(data).toEqual({
      _entities: [
        { name: larsson, position: { ew: 13.75 }, vitals: { healthPct: 87.5 } },
        { name: 'Nobody', position: null, vitals: null },
      ],
    });
  });
});
