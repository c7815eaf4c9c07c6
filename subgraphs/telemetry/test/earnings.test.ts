import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '@lifestone/lib/graph';
import { admin, operator, startTelemetryHarness, viewer, type TelemetryHarness } from './harness.js';

const vex = 'Vexor';
const kira = 'Kira Dawn';
const MINUTE = 60_000;

/** A frame of `character`, observed now. */
const frame = (character: string, type: string, fields: object) => ({ type, character_name: character, timestamp: new Date().toISOString(), session_id: `${character}-1`, ...fields });
const telemetry = (character: string, counters: { kills: number; deaths?: number; rares?: number; tapers: number }) =>
  frame(character, 'telemetry', {
    ew: 10, ns: 20, z: 0, kills: counters.kills, deaths: counters.deaths ?? 0, rares_found: counters.rares ?? 0,
    prismatic_taper_count: counters.tapers, vt_state: 'Combat',
  });
const sheet = (character: string, level: number, totalXp: number, luminance: number) =>
  frame(character, 'character_stats', { level, total_xp: totalXp, luminance, unassigned_xp: 0, skill_credits: 0, deaths: 0 });
const item = (id: number, name: string, value: number, container = 0) => ({ id, name, object_class: 'Misc', container_id: container, value });

describe('rates, goals and what the fleet earns', () => {
  let harness: TelemetryHarness;
  /** When the frames were sent: every query measures from a minute after. */
  let sentAt: number;
  const at = (offsetMs = MINUTE) => () => new Date(sentAt + offsetMs);
  const as = (identity: Identity, offsetMs?: number) => ({ identity, now: at(offsetMs) });

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    sentAt = Date.now();
    await harness.send(telemetry(vex, { kills: 0, tapers: 100 }), telemetry(kira, { kills: 0, tapers: 40 }));
    await harness.send(sheet(vex, 100, 1_000_000, 10), sheet(kira, 80, 5_000, 0));
    await harness.send(frame(vex, 'full_inventory', { items: [item(1, 'Pack', 0), item(2, 'Sword', 500, 1), item(3, 'Gem', 300, 1)] }));
    await harness.send(
      frame(vex, 'inventory_delta', { action: 'add', item: item(4, 'Pyreal Bar', 2_000, 1) }),
      // A move between the character's own packs: the same item, another container.
      frame(vex, 'inventory_delta', { action: 'update', item: item(2, 'Sword', 500, 7) }),
      frame(vex, 'inventory_delta', { action: 'remove', item: { id: 3 } }),
    );
    await harness.send(telemetry(vex, { kills: 10, deaths: 1, rares: 1, tapers: 95 }), telemetry(kira, { kills: 4, tapers: 40 }));
    // An earlier sheet, half an hour before: 600,000 experience and 50 luminance in 30 minutes.
    await harness.stack.db.query(
      `INSERT INTO xp_samples (character_name, received_at, total_xp, luminance, level)
       SELECT character_name, received_at - interval '30 minutes', 400000, -40, 100 FROM xp_samples WHERE character_name = $1`,
      [vex],
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('ingest stores each sheet, the tapers used, the value gained and lost, and when the session began', async () => {
    const { rows: minutes } = await harness.stack.db.query(
      `SELECT sum(kills)::int AS kills, sum(tapers_used)::int AS tapers, sum(value_gained)::int AS gained, sum(value_lost)::int AS lost
         FROM activity_minutes WHERE character_name = $1`,
      [vex],
    );
    expect(minutes[0]).toEqual({ kills: 10, tapers: 5, gained: 2_000, lost: 300 });
    const { rows: samples } = await harness.stack.db.query('SELECT total_xp::int AS xp FROM xp_samples WHERE character_name = $1 ORDER BY received_at', [vex]);
    expect(samples).toEqual([{ xp: 400_000 }, { xp: 1_000_000 }]);
    const { rows: sessions } = await harness.stack.db.query('SELECT started_at FROM counter_sessions WHERE character_name = $1', [vex]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].started_at.getTime()).toBeGreaterThanOrEqual(sentAt);
  });

  it('Character.rates measures totals and rates per hour over the window and the session', async () => {
    const fields = 'window hours xpEarned xpPerHour luminanceEarned luminancePerHour levelsGained kills killsPerHour deaths deathsPerHour rares raresPerHour tapersUsed tapersPerHour valueGained valueLost valueNet valuePerHour';
    const { character } = await harness.query<{ character: { hour: Record<string, unknown>; session: Record<string, unknown>; carriedValue: number } }>(
      `{ character(name: "${vex}") { hour: rates(window: HOUR) { ${fields} } session: rates { window hours kills valueNet } carriedValue } }`,
      {},
      as(viewer),
    );
    expect(character.hour).toEqual({
      window: 'HOUR', hours: 1, xpEarned: 600_000, xpPerHour: 1_200_000, luminanceEarned: 50, luminancePerHour: 100, levelsGained: 0,
      kills: 10, killsPerHour: 10, deaths: 1, deathsPerHour: 1, rares: 1, raresPerHour: 1, tapersUsed: 5, tapersPerHour: 5,
      valueGained: 2_000, valueLost: 300, valueNet: 1_700, valuePerHour: 1_700,
    });
    expect(character.session).toMatchObject({ window: 'SESSION', kills: 10, valueNet: 1_700 });
    // The session ends at the last report, a few seconds after it began.
    expect(character.session.hours as number).toBeLessThan(0.05);
    // Pack 0, sword 500 (moved, still carried), the bar 2,000; the gem was removed.
    expect(character.carriedValue).toBe(2_500);
  });

  it('says when a missing experience rate is due: the next character sheet, 10 minutes after the last', async () => {
    const { rows } = await harness.stack.db.query<{ character_name: string; last: Date }>('SELECT character_name, max(received_at) AS last FROM xp_samples GROUP BY 1');
    const lastSheet = new Map(rows.map((row) => [row.character_name, row.last.getTime()]));
    const query = (name: string) => `{ character(name: "${name}") { rates(window: HOUR) { xpPerHour xpSheets xpPerHourDueAt } } }`;
    type Answer = { character: { rates: { xpPerHour: number | null; xpSheets: number; xpPerHourDueAt: string | null } } };
    // Two sheets half an hour apart: a figure, nothing due.
    expect((await harness.query<Answer>(query(vex), {}, as(viewer))).character.rates).toEqual({ xpPerHour: 1_200_000, xpSheets: 2, xpPerHourDueAt: null });
    // One sheet, at login: the second is due 10 minutes after it.
    expect((await harness.query<Answer>(query(kira), {}, as(viewer))).character.rates).toEqual({
      xpPerHour: null, xpSheets: 1, xpPerHourDueAt: new Date((lastSheet.get(kira) as number) + 10 * MINUTE).toISOString(),
    });
    // An hour and 5 minutes on, the window holds no sheet: the first due in it (10 minutes after the last), then 10 more.
    expect((await harness.query<Answer>(query(vex), {}, as(viewer, 65 * MINUTE))).character.rates).toEqual({
      xpPerHour: null, xpSheets: 0, xpPerHourDueAt: new Date((lastSheet.get(vex) as number) + 20 * MINUTE).toISOString(),
    });
    const { fleetRates } = await harness.query<{ fleetRates: { total: Answer['character']['rates'] } }>('{ fleetRates(window: HOUR) { total { xpPerHour xpSheets xpPerHourDueAt } } }', {}, as(viewer));
    expect(fleetRates.total).toEqual({ xpPerHour: 1_200_000, xpSheets: 3, xpPerHourDueAt: null });
  });

  it('fleetRates sums the characters that reported in the window, with what they carry', async () => {
    const { fleetRates } = await harness.query<{ fleetRates: { characters: { name: string }[]; total: Record<string, unknown>; carriedValue: number } }>(
      '{ fleetRates(window: SIX_HOURS) { characters { name } total { window hours kills killsPerHour xpPerHour valueNet tapersUsed } carriedValue } }',
      {},
      as(viewer),
    );
    expect(fleetRates).toEqual({
      characters: [{ name: kira }, { name: vex }],
      total: { window: 'SIX_HOURS', hours: 6, kills: 14, killsPerHour: 14 / 6, xpPerHour: 1_200_000, valueNet: 1_700, tapersUsed: 5 },
      carriedValue: 2_500,
    });
  });

  it('resetRates starts a new measuring window for the caller alone', async () => {
    const { resetRates } = await harness.query<{ resetRates: string }>('mutation { resetRates }', {}, as(operator, 2 * MINUTE));
    expect(resetRates).toBe(new Date(sentAt + 2 * MINUTE).toISOString());
    const query = `{ character(name: "${vex}") { rates(window: HOUR) { from kills hours } } }`;
    const reset = await harness.query<{ character: { rates: { from: string; kills: number; hours: number } } }>(query, {}, as(operator, 32 * MINUTE));
    expect(reset.character.rates).toEqual({ from: resetRates, kills: 0, hours: 0.5 });
    const other = await harness.query<{ character: { rates: { kills: number } } }>(query, {}, as(viewer, 32 * MINUTE));
    expect(other.character.rates.kills).toBe(10);
    const anonymous = await harness.execute('mutation { resetRates }', {}, { identity: { kind: 'anonymous', id: '', name: '', role: 'viewer' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a goal shows its progress and, at the window rate, when it will be reached or that it will not', async () => {
    const set = await harness.query<{ setGoal: Record<string, unknown> }>(
      `mutation { setGoal(character: "${vex}", kind: EXPERIENCE, target: 1200000) { kind target progress fraction description reachable } }`,
      {},
      as(admin),
    );
    expect(set.setGoal).toEqual({ kind: 'EXPERIENCE', target: 1_200_000, progress: 0, fraction: 0, description: '1,200,000 experience', reachable: false });
    await harness.query(`mutation { setGoal(character: "${kira}", kind: KILLS, target: 50, monster: "Drudge Slinker") { id } }`, {}, as(admin));
    const { goals } = await harness.query<{ goals: Array<Record<string, unknown>> }>(
      '{ goals(window: HOUR) { character { name } description ratePerHour estimatedAt reachable } }',
      {},
      as(admin),
    );
    expect(goals).toEqual([
      // 1,200,000 experience at 1,200,000 an hour: an hour from now.
      { character: { name: vex }, description: '1,200,000 experience', ratePerHour: 1_200_000, estimatedAt: new Date(sentAt + MINUTE + 60 * MINUTE).toISOString(), reachable: true },
      { character: { name: kira }, description: '50 kills of Drudge Slinker', ratePerHour: null, estimatedAt: null, reachable: false },
    ]);
    // Another person sees none of them.
    expect(await harness.query('{ goals { id } }', {}, as(viewer))).toEqual({ goals: [] });
  });

  it('refuses goals that cannot be measured, with a stable reason and what to do', async () => {
    const cases: Array<[string, string, string]> = [
      [`character: "Nobody", kind: LEVEL, target: 120`, 'UNKNOWN_CHARACTER', 'No character named "Nobody" has reported: check the spelling (names are exact) or wait for its first report.'],
      [`character: "${vex}", kind: RARES, target: -3`, 'TARGET_NOT_POSITIVE', 'target must be a whole number above zero; got -3.'],
      [`character: "${vex}", kind: LEVEL, target: 276`, 'LEVEL_PAST_CAP', "Level 276 is past the game's cap of 275: set a level up to 275."],
      [`character: "${vex}", kind: LEVEL, target: 100`, 'LEVEL_ALREADY_REACHED', `${vex} is level 100 already: set a level above it, up to 275.`],
      [`character: "${vex}", kind: KILLS, target: 5`, 'MONSTER_MISSING', 'A KILLS goal needs the monster to count: pass monster, e.g. "Drudge Slinker".'],
      [`character: "${vex}", kind: RARES, target: 5, monster: "Drudge"`, 'MONSTER_NOT_ALLOWED', 'Only a KILLS goal counts a monster: leave monster out of a RARES goal.'],
    ];
    for (const [args, reason, message] of cases) {
      const refused = await harness.execute(`mutation { setGoal(${args}) { id } }`, {}, as(viewer));
      expect(refused.errors?.[0]?.extensions, args).toMatchObject({ code: reason === 'UNKNOWN_CHARACTER' ? 'NOT_FOUND' : 'BAD_USER_INPUT', reason });
      expect(refused.errors?.[0]?.message).toBe(message);
    }
  });

  it('a goal reached raises GOAL_REACHED once, and an item over the loot threshold raises LOOT', async () => {
    // Set now (by the real clock): the rare found next counts.
    await harness.query(`mutation { setGoal(character: "${kira}", kind: LEVEL, target: 81) { id } }`, {}, { identity: viewer });
    await harness.query(`mutation { setGoal(character: "${kira}", kind: RARES, target: 1) { id } }`, {}, { identity: viewer });
    const forbidden = await harness.execute('mutation { setLootAlertThreshold(value: 1000) }', {}, as(viewer));
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await harness.query('mutation { setLootAlertThreshold(value: 1000) }', {}, as(operator))).toEqual({ setLootAlertThreshold: 1_000 });
    await harness.send(sheet(kira, 81, 9_000, 0));
    await harness.send(sheet(kira, 81, 9_500, 0));
    await harness.send(frame(kira, 'rare', { name: 'Pearl of Blood Drinking', ew: 1, ns: 2, z: 0 }));
    await harness.send(
      frame(kira, 'inventory_delta', { action: 'add', item: item(90, 'Ancient Armguard', 25_000) }),
      frame(kira, 'inventory_delta', { action: 'add', item: item(91, 'Pyreal', 10) }),
    );
    const { alerts } = await harness.query<{ alerts: { edges: Array<{ node: Record<string, unknown> }> } }>(
      '{ alerts(types: [GOAL_REACHED, LOOT]) { edges { node { type character summary goal { kind target setBy } loot { name value threshold } } } } }',
      {},
      as(viewer),
    );
    expect(alerts.edges.map((edge) => edge.node)).toEqual([
      { type: 'LOOT', character: kira, summary: `${kira} picked up Ancient Armguard worth 25,000`, goal: null, loot: { name: 'Ancient Armguard', value: 25_000, threshold: 1_000 } },
      { type: 'GOAL_REACHED', character: kira, summary: `${kira} reached 1 rare (set by vera)`, goal: { kind: 'RARES', target: 1, setBy: 'vera' }, loot: null },
      { type: 'GOAL_REACHED', character: kira, summary: `${kira} reached level 81 (set by vera)`, goal: { kind: 'LEVEL', target: 81, setBy: 'vera' }, loot: null },
    ]);
    const { goals } = await harness.query<{ goals: Array<{ description: string; reachedAt: string | null; fraction: number }> }>('{ goals { description reachedAt fraction } }', {}, as(viewer));
    expect(goals.map((goal) => [goal.description, goal.reachedAt !== null, goal.fraction])).toEqual([['1 rare', true, 1], ['level 81', true, 1]]);
  });
});
