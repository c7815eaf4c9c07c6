import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const larsson = 'Sir Larsson';
const mira = 'Mira.Dawn';

/** Receive times as stored, by a column's value, for the exact values the graph must return. */
async function receivedAt(harness: TelemetryHarness, table: string, column: string): Promise<Map<string, string>> {
  const { rows } = await harness.stack.db.query<{ key: string; received_at: Date }>(`SELECT ${column} AS key, received_at FROM ${table}`);
  return new Map(rows.map((row) => [row.key, row.received_at.toISOString()]));
}

describe('the game world as the characters saw it', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('chat returns the lines sent, newest first, filtered by channel, character and time', async () => {
    await harness.send(
      { type: 'chat', character_name: larsson, timestamp: '2026-03-01T10:00:00.000Z', channel: 'Trade', sender: 'Bael', text: 'WTS Pearl', color: 2 },
      { type: 'chat', character_name: mira, timestamp: '2026-03-01T10:00:01.000Z', channel: 'General', text: 'hello' },
      { type: 'chat', character_name: larsson, timestamp: '2026-03-01T10:00:02.000Z', channel: 'General', sender: mira, text: 'hi' },
      { type: 'chat', character_name: larsson, timestamp: '2026-03-01T10:00:03.000Z', channel: 'Trade', text: 'WTB tapers', color: 5 },
    );
    const received = await receivedAt(harness, 'chat_messages', 'text');
    const line = (text: string, character: string, time: string, channel: string, sender: string | null, color: number | null) => ({
      time, receivedAt: received.get(text), character, channel, sender, text, color,
    });
    const all = [
      line('WTB tapers', larsson, '2026-03-01T10:00:03.000Z', 'Trade', null, 5),
      line('hi', larsson, '2026-03-01T10:00:02.000Z', 'General', mira, null),
      line('hello', mira, '2026-03-01T10:00:01.000Z', 'General', null, null),
      line('WTS Pearl', larsson, '2026-03-01T10:00:00.000Z', 'Trade', 'Bael', 2),
    ];
    const chat = (args: string) => harness.query(`{ chat${args} { time receivedAt character channel sender text color } }`);

    expect(await chat('')).toEqual({ chat: all });
    expect(await chat('(channel: "Trade")')).toEqual({ chat: [all[0], all[3]] });
    expect(await chat(`(character: "${mira}")`)).toEqual({ chat: [all[2]] });
    expect(await chat('(channel: "General", character: "Sir Larsson")')).toEqual({ chat: [all[1]] });
    expect(await chat('(first: 2)')).toEqual({ chat: [all[0], all[1]] });
    expect(await chat(`(since: "${received.get('hi')}")`)).toEqual({ chat: all.filter((entry) => (entry.receivedAt as string) >= (received.get('hi') as string)) });
    expect(await chat('(since: "2999-01-01T00:00:00Z")')).toEqual({ chat: [] });

    const refused = await harness.execute('{ chat(since: "yesterday") { text } }');
    expect(refused.errors?.[0]?.message).toMatch(/DateTime must be an ISO-8601 string with a time zone/);
  });

  it('rares returns the finds sent with their tier, newest first', async () => {
    await harness.send(
      { type: 'rare', character_name: larsson, timestamp: '2026-03-01T11:00:00.000Z', name: 'Pearl of Blood Drinking', ew: 1.5, ns: -2.5, z: 3, landblock: '0x7D640013' },
      { type: 'rare', character_name: mira, timestamp: '2026-03-01T11:00:01.000Z', name: 'Ancient Falchion', ew: 40, ns: 50, z: 60 },
    );
    const { rows } = await harness.stack.db.query<{ id: string; name: string; received_at: Date }>('SELECT id::text, name, received_at FROM rare_events');
    const stored = new Map(rows.map((row) => [row.name, row]));
    const falchion = {
      id: stored.get('Ancient Falchion')?.id,
      time: '2026-03-01T11:00:01.000Z',
      receivedAt: stored.get('Ancient Falchion')?.received_at.toISOString(),
      character: mira,
      name: 'Ancient Falchion',
      tier: 'GREAT',
      position: { ew: 40, ns: 50, z: 60, landblock: null },
    };
    const pearl = {
      id: stored.get('Pearl of Blood Drinking')?.id,
      time: '2026-03-01T11:00:00.000Z',
      receivedAt: stored.get('Pearl of Blood Drinking')?.received_at.toISOString(),
      character: larsson,
      name: 'Pearl of Blood Drinking',
      tier: 'COMMON',
      position: { ew: 1.5, ns: -2.5, z: 3, landblock: '0x7D640013' },
    };
    const rares = (args: string) => harness.query(`{ rares${args} { id time receivedAt character name tier position { ew ns z landblock } } }`);
    expect(await rares('')).toEqual({ rares: [falchion, pearl] });
    expect(await rares('(tier: GREAT)')).toEqual({ rares: [falchion] });
    expect(await rares('(tier: COMMON)')).toEqual({ rares: [pearl] });
    expect(await rares(`(character: "${larsson}")`)).toEqual({ rares: [pearl] });
    expect(await rares('(first: 1)')).toEqual({ rares: [falchion] });
    expect(await rares('(since: "2999-01-01T00:00:00Z")')).toEqual({ rares: [] });
  });

  it('portals returns one portal per spot, with who found it and who saw it last, for an hour', async () => {
    await harness.send({ type: 'portal', character_name: larsson, portal_name: 'Town Network', ew: 10.04, ns: 20.01, z: 5 });
    await harness.send(
      { type: 'portal', character_name: mira, portal_name: 'Town Network', ew: 10.02, ns: 19.98, z: 5.5, landblock: '0x7D640013' },
      { type: 'portal', character_name: mira, portal_name: 'Hub', ew: -5, ns: 5, z: 0 },
    );
    const { rows } = await harness.stack.db.query<{ portal_name: string; first_seen_at: Date; last_seen_at: Date }>('SELECT portal_name, first_seen_at, last_seen_at FROM portals');
    const seen = new Map(rows.map((row) => [row.portal_name, row]));
    const query = '{ portals { name position { ew ns z heading landblock } firstSeen lastSeen discoveredBy lastSeenBy sightings } }';
    expect(await harness.query(query)).toEqual({
      portals: [
        {
          name: 'Hub',
          position: { ew: -5, ns: 5, z: 0, heading: null, landblock: null },
          firstSeen: seen.get('Hub')?.first_seen_at.toISOString(),
          lastSeen: seen.get('Hub')?.last_seen_at.toISOString(),
          discoveredBy: mira,
          lastSeenBy: mira,
          sightings: 1,
        },
        {
          name: 'Town Network',
          position: { ew: 10.02, ns: 19.98, z: 5.5, heading: null, landblock: '0x7D640013' },
          firstSeen: seen.get('Town Network')?.first_seen_at.toISOString(),
          lastSeen: seen.get('Town Network')?.last_seen_at.toISOString(),
          discoveredBy: larsson,
          lastSeenBy: mira,
          sightings: 2,
        },
      ],
    });
    const lastSeen = rows.map((row) => row.last_seen_at.getTime());
    const justBefore = { now: () => new Date(Math.min(...lastSeen) + 60 * 60_000 - 1) };
    expect(await harness.query('{ portals { name } }', {}, justBefore)).toEqual({ portals: [{ name: 'Hub' }, { name: 'Town Network' }] });
    const anHourLater = { now: () => new Date(Math.max(...lastSeen) + 60 * 60_000) };
    expect(await harness.query('{ portals { name } }', {}, anHourLater)).toEqual({ portals: [] });
  });

  it('spawnHeatmap counts the spawns of the last hours per cell, busiest first', async () => {
    const spawn = (monster_name: string, ew: number, ns: number) => ({ type: 'spawn', character_name: larsson, monster_name, ew, ns, z: 0 });
    await harness.send(
      spawn('Drudge', 10.05, 20.01),
      spawn('Banderling', 10.4, 20.9),
      spawn('Drudge', 11.2, 20.5),
      spawn('Mosswart', -0.5, -0.5),
      spawn('Drudge', 10.9, 20.1),
      spawn('Banderling', 11.5, 20.5),
    );
    const heatmap = (args: string, now?: Date) => harness.query(`{ spawnHeatmap${args} { ew ns size count topMonster } }`, {}, now ? { now: () => now } : {});
    expect(await heatmap('')).toEqual({
      spawnHeatmap: [
        { ew: 10, ns: 20, size: 1, count: 3, topMonster: 'Drudge' },
        // One Drudge and one Banderling: a tie goes to the first name.
        { ew: 11, ns: 20, size: 1, count: 2, topMonster: 'Banderling' },
        { ew: -1, ns: -1, size: 1, count: 1, topMonster: 'Mosswart' },
      ],
    });
    expect(await heatmap('(cell: 0.5)')).toEqual({
      spawnHeatmap: [
        { ew: -0.5, ns: -0.5, size: 0.5, count: 1, topMonster: 'Mosswart' },
        { ew: 10, ns: 20, size: 0.5, count: 1, topMonster: 'Drudge' },
        { ew: 10, ns: 20.5, size: 0.5, count: 1, topMonster: 'Banderling' },
        { ew: 10.5, ns: 20, size: 0.5, count: 1, topMonster: 'Drudge' },
        { ew: 11, ns: 20.5, size: 0.5, count: 1, topMonster: 'Drudge' },
        { ew: 11.5, ns: 20.5, size: 0.5, count: 1, topMonster: 'Banderling' },
      ],
    });
    expect(await heatmap('(cell: 0.1)')).toMatchObject({ spawnHeatmap: expect.arrayContaining([{ ew: 10.9, ns: 20.1, size: 0.1, count: 1, topMonster: 'Drudge' }]) });
    expect(await heatmap('(cell: 100)')).toEqual({
      spawnHeatmap: [
        { ew: 0, ns: 0, size: 100, count: 5, topMonster: 'Drudge' },
        { ew: -100, ns: -100, size: 100, count: 1, topMonster: 'Mosswart' },
      ],
    });

    const twoHoursLater = new Date(Date.now() + 2 * 60 * 60_000);
    expect(await heatmap('', twoHoursLater)).toEqual({ spawnHeatmap: [] });
    expect(await heatmap('(hours: 3)', twoHoursLater)).toMatchObject({ spawnHeatmap: [{ ew: 10, ns: 20, count: 3 }, {}, {}] });

    for (const [args, argument] of [['(hours: 0)', 'hours'], ['(hours: 169)', 'hours'], ['(cell: 0)', 'cell']] as const) {
      const refused = await harness.execute(`{ spawnHeatmap${args} { count } }`);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });

  it('serverStatus returns the servers as last checked, by name', async () => {
    await harness.stack.db.query(
      `INSERT INTO server_status (server, status, players, latency_ms, checked_at) VALUES
         ('Darktide', 'down', NULL, NULL, '2026-03-01T12:00:00Z'), ('Coldeve', 'up', 1234, 45.5, '2026-03-01T12:00:01Z')`,
    );
    expect(await harness.query('{ serverStatus { server status players latencyMs checkedAt } }')).toEqual({
      serverStatus: [
        { server: 'Coldeve', status: 'UP', players: 1234, latencyMs: 45.5, checkedAt: '2026-03-01T12:00:01.000Z' },
        { server: 'Darktide', status: 'DOWN', players: null, latencyMs: null, checkedAt: '2026-03-01T12:00:00.000Z' },
      ],
    });
  });

  it('dungeonMap returns the last map of a landblock, whatever hex form is asked for', async () => {
    await harness.send({
      type: 'dungeon_map',
      character_name: mira,
      timestamp: '2026-03-01T13:00:00.000Z',
      landblock: 'a9b40100',
      tiles: [{ x: 0, y: 0, kind: 'room' }, { x: 0, y: 1 }],
    });
    const expected = {
      dungeonMap: { landblock: '0xA9B40100', time: '2026-03-01T13:00:00.000Z', character: mira, tiles: [{ x: 0, y: 0, kind: 'room' }, { x: 0, y: 1, kind: null }] },
    };
    expect(await harness.query('{ dungeonMap(landblock: "0xa9b40100") { landblock time character tiles { x y kind } } }')).toEqual(expected);
    expect(await harness.query('{ dungeonMap(landblock: "A9B40100") { landblock time character tiles { x y kind } } }')).toEqual(expected);
    expect(await harness.query('{ dungeonMap(landblock: "0x1") { landblock } }')).toEqual({ dungeonMap: null });
    const refused = await harness.execute('{ dungeonMap(landblock: "not hex") { landblock } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'landblock' });
  });

  it("minecraftBlocks returns a world's regions newest first, and with since only those seen at or after it", async () => {
    const slice = (landblock: string, timestamp: string, x: number) => ({
      type: 'dungeon_map', character_name: 'Alice', timestamp, landblock, tiles: [{ x, y: -1, z: 4, kind: 'stone' }],
      game: 'MINECRAFT', server: 'survival', dimension: 'overworld',
    });
    await harness.send(slice('0x80008000', '2026-03-01T13:00:00.000Z', 3));
    await harness.send(slice('0x80018000', '2026-03-01T13:05:00.000Z', 40));
    const read = (since: string) => harness.query(`{ minecraftBlocks(server: "survival"${since}) { landblock time tiles { x y z kind } } }`);
    expect(await read('')).toEqual({
      minecraftBlocks: [
        { landblock: '0x80018000', time: '2026-03-01T13:05:00.000Z', tiles: [{ x: 40, y: -1, z: 4, kind: 'stone' }] },
        { landblock: '0x80008000', time: '2026-03-01T13:00:00.000Z', tiles: [{ x: 3, y: -1, z: 4, kind: 'stone' }] },
      ],
    });
    expect(await read(', since: "2026-03-01T13:05:00.000Z"')).toEqual({ minecraftBlocks: [expect.objectContaining({ landblock: '0x80018000' })] });
    expect(await read(', since: "2026-03-01T13:05:00.001Z"')).toEqual({ minecraftBlocks: [] });
  });
});
