import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Frame, FrameType, InventoryDeltaFrame, InventoryItem, InventoryItemRef, TelemetryFrame } from './index.js';
import { parsed } from '@lifestone/test-kit/protocol';

const wireEnvelope = { character_name: 'Thorn Oakheart', timestamp: '2024-05-01T11:59:58.500Z', session_id: 'login-7' };
const envelope = { character_name: 'Thorn Oakheart', timestamp: new Date('2024-05-01T11:59:58.500Z'), session_id: 'login-7' };
const wirePosition = { ew: 33.4, ns: -12.75, z: 0.05, heading: 270, landblock: '0xA9B40019' };

/** Every optional item property, absent. */
const itemWithNothingElse = {
  object_class: null,
  container_id: null,
  equipped_slot: null,
  value: null,
  burden: null,
  material: null,
  set_name: null,
  armor_level: null,
  coverage: null,
  valid_slots: null,
  spells: null,
  tinks: null,
  workmanship: null,
  imbue: null,
  max_damage: null,
  attack_bonus: null,
  melee_defense_bonus: null,
  magic_defense_bonus: null,
  mana: null,
  max_mana: null,
  spellcraft: null,
  wield_requirements: null,
  ratings: null,
};

const wireSword = {
  id: 2_147_500_001,
  name: 'Fire Tachi',
  object_class: 'MeleeWeapon',
  container_id: 0,
  equipped_slot: 'MeleeWeapon',
  value: 25_000,
  burden: 350,
  material: 'Steel',
  set_name: null,
  armor_level: null,
  coverage: [],
  valid_slots: ['MeleeWeapon'],
  spells: ['Blood Drinker VIII', 'Epic Heart Seeker'],
  tinks: 9,
  workmanship: 8.25,
  imbue: 'Crippling Blow',
  max_damage: 88,
  attack_bonus: 1.15,
  melee_defense_bonus: 1.2,
  magic_defense_bonus: 1.05,
  mana: 1500,
  max_mana: 2000,
  spellcraft: 400,
  wield_requirements: [{ skill: 'Heavy Weapons', level: 375 }],
  ratings: {
    damage: 3,
    damage_resist: 0,
    crit: 1,
    crit_damage: 2,
    crit_resist: 0,
    crit_damage_resist: 0,
    heal_boost: 0,
    vitality: 0,
  },
  icon: 0x6001,
};

describe('each frame type is accepted with its exact parsed form', () => {
  it('telemetry', () => {
    const wire = {
      type: 'telemetry',
      ...wireEnvelope,
      ...wirePosition,
      kills: 42,
      deaths: 1,
      rares_found: 2,
      prismatic_taper_count: 350,
      kills_per_hour: 120.5,
      onlinetime: '01:02:03',
      vt_state: 'Combat',
      mem_mb: 512.5,
      cpu_pct: 7.5,
      latency_ms: 80,
    };
    expect(parsed(wire)).toStrictEqual({
      type: 'telemetry',
      ...envelope,
      ...wirePosition,
      kills: 42,
      deaths: 1,
      rares_found: 2,
      prismatic_taper_count: 350,
      kills_per_hour: 120.5,
      onlinetime: 3723,
      vt_state: 'Combat',
      mem_mb: 512.5,
      cpu_pct: 7.5,
      latency_ms: 80,
      extra: {},
    });
  });

  it('vitals', () => {
    const vitals = {
      health_pct: 88.5,
      stamina_pct: 100,
      mana_pct: 12,
      vitae_pct: 5,
      health_current: 300,
      health_max: 340,
      stamina_current: 400,
      stamina_max: 400,
      mana_current: 40,
      mana_max: 333,
    };
    expect(parsed({ type: 'vitals', ...wireEnvelope, ...vitals })).toStrictEqual({ type: 'vitals', ...envelope, ...vitals, extra: {} });
  });

  it('character_stats', () => {
    const stats = {
      level: 275,
      race: 'Aluvian',
      gender: 'Female',
      birth: '2/11/2003 6:20:00 PM',
      total_xp: 191_226_310_247,
      unassigned_xp: 0,
      skill_credits: 3,
      deaths: 12,
      luminance: 500_000,
      title: 'Master Crafter',
      attributes: { Strength: { base: 100, creation: 90 }, Quickness: { base: 290, creation: 100 } },
      vitals: { Health: { base: 200 } },
      skills: { 'Melee Defense': { base: 400, training: 'Specialized' } },
      allegiance: { name: 'Knights of the Lifestone', monarch: 'Aerfalle', patron: 'Gaerlan', rank: 5, followers: 12 },
    };
    expect(parsed({ type: 'character_stats', ...wireEnvelope, ...stats })).toStrictEqual({
      type: 'character_stats',
      ...envelope,
      ...stats,
      extra: {},
    });
  });

  it('full_inventory, with every item property, and unknown item properties kept in place', () => {
    const wire = { type: 'full_inventory', ...wireEnvelope, items: [wireSword, { id: 7, name: 'Pyreal' }] };
    expect(parsed(wire)).toStrictEqual({
      type: 'full_inventory',
      ...envelope,
      items: [wireSword, { id: 7, name: 'Pyreal', ...itemWithNothingElse }],
      extra: {},
    });
  });

  it('inventory_delta: add and update carry a whole item', () => {
    const added = parsed({ type: 'inventory_delta', ...wireEnvelope, action: 'add', item: { id: 7, name: 'Pyreal', value: 1 } });
    expect(added).toStrictEqual({
      type: 'inventory_delta',
      ...envelope,
      action: 'add',
      item: { id: 7, name: 'Pyreal', ...itemWithNothingElse, value: 1 },
      extra: {},
    });
    const updated = parsed({ type: 'inventory_delta', ...wireEnvelope, action: 'update', item: wireSword });
    expect(updated).toStrictEqual({ type: 'inventory_delta', ...envelope, action: 'update', item: wireSword, extra: {} });
  });

  it('inventory_delta: remove needs only item.id and keeps the rest as sent', () => {
    const removed = parsed({ type: 'inventory_delta', ...wireEnvelope, action: 'remove', item: { id: '7', name: 5 } });
    expect(removed).toStrictEqual({ type: 'inventory_delta', ...envelope, action: 'remove', item: { id: 7, name: 5 }, extra: {} });
  });

  it('equipment_cantrip_state', () => {
    const wire = {
      type: 'equipment_cantrip_state',
      ...wireEnvelope,
      effects: [
        { spell_id: 4325, name: 'Epic Strength', duration_s: -1, caster: 'Ring of Might', icon: 9 },
        { spell_id: 2087 },
      ],
    };
    expect(parsed(wire)).toStrictEqual({
      type: 'equipment_cantrip_state',
      ...envelope,
      effects: [
        { spell_id: 4325, name: 'Epic Strength', duration_s: -1, caster: 'Ring of Might', icon: 9 },
        { spell_id: 2087, name: null, duration_s: null, caster: null },
      ],
      extra: {},
    });
  });

  it('portal, without heading or landblock', () => {
    const wire = { type: 'portal', ...wireEnvelope, portal_name: 'Aerlinthe Island', ew: -10.5, ns: 2, z: 12 };
    expect(parsed(wire)).toStrictEqual({
      type: 'portal',
      ...envelope,
      portal_name: 'Aerlinthe Island',
      ew: -10.5,
      ns: 2,
      z: 12,
      heading: null,
      landblock: null,
      extra: {},
    });
  });

  it('spawn', () => {
    const wire = { type: 'spawn', ...wireEnvelope, monster_name: 'Drudge Slinker', ...wirePosition };
    expect(parsed(wire)).toStrictEqual({ type: 'spawn', ...envelope, monster_name: 'Drudge Slinker', ...wirePosition, extra: {} });
  });

  it('chat', () => {
    const line = { channel: 'Trade', text: 'WTB Fire Tachi, 2 MMD', color: 2, sender: 'Gaerlan' };
    expect(parsed({ type: 'chat', ...wireEnvelope, ...line })).toStrictEqual({ type: 'chat', ...envelope, ...line, extra: {} });
    const local = parsed({ type: 'chat', ...wireEnvelope, channel: 'Local', text: '' });
    expect(local).toStrictEqual({ type: 'chat', ...envelope, channel: 'Local', text: '', color: null, sender: null, extra: {} });
  });

  it('quest', () => {
    const wire = {
      type: 'quest',
      ...wireEnvelope,
      quests: [
        { name: 'Stipend', solves: 3, max_solves: 10, completed_at: 1_714_560_000_000, available_in_s: 3600 },
        { name: 'Colosseum' },
      ],
    };
    expect(parsed(wire)).toStrictEqual({
      type: 'quest',
      ...envelope,
      quests: [
        { name: 'Stipend', solves: 3, max_solves: 10, completed_at: new Date(1_714_560_000_000), available_in_s: 3600 },
        { name: 'Colosseum', solves: null, max_solves: null, completed_at: null, available_in_s: null },
      ],
      extra: {},
    });
  });

  it('rare', () => {
    const wire = { type: 'rare', ...wireEnvelope, name: 'Pearl of Acid Baning', ...wirePosition };
    expect(parsed(wire)).toStrictEqual({ type: 'rare', ...envelope, name: 'Pearl of Acid Baning', ...wirePosition, extra: {} });
  });

  it('nearby_objects', () => {
    const wire = {
      type: 'nearby_objects',
      ...wireEnvelope,
      objects: [{ id: 1_342_177_281, name: 'Drudge Ravager', object_class: 'Monster', ew: 33.5, ns: -12.7, z: 0, distance: 12.5 }],
    };
    expect(parsed(wire)).toStrictEqual({
      type: 'nearby_objects',
      ...envelope,
      objects: [
        {
          id: 1_342_177_281,
          name: 'Drudge Ravager',
          object_class: 'Monster',
          ew: 33.5,
          ns: -12.7,
          z: 0,
          heading: null,
          landblock: null,
          distance: 12.5,
        },
      ],
      extra: {},
    });
  });

  it('combat_stats: missing counters are 0, missing maps empty, unknown elements kept', () => {
    const wire = {
      type: 'combat_stats',
      ...wireEnvelope,
      session: {
        monsters: {
          'Drudge Ravager': {
            kills: 12,
            offense: {
              slash: { hits: 40, misses: 3, crits: 5, damage: 4200, max_hit: 310 },
              void: { hits: 2, damage: 90 },
            },
            defense: { fire: { hits: 6, evades: 20, resists: 1, damage: 700 } },
          },
          'Olthoi Soldier': {},
        },
      },
    };
    expect(parsed(wire)).toStrictEqual({
      type: 'combat_stats',
      ...envelope,
      session: {
        monsters: {
          'Drudge Ravager': {
            kills: 12,
            offense: {
              slash: { hits: 40, misses: 3, crits: 5, damage: 4200, max_hit: 310 },
              void: { hits: 2, misses: 0, crits: 0, damage: 90, max_hit: 0 },
            },
            defense: { fire: { hits: 6, evades: 20, resists: 1, damage: 700 } },
          },
          'Olthoi Soldier': { kills: 0, offense: {}, defense: {} },
        },
      },
      extra: {},
    });
  });

  it('share_vitals', () => {
    const wire = { type: 'share_vitals', ...wireEnvelope, group: 'Fellows of Arwic', health_pct: 50, stamina_pct: 75, mana_pct: 25 };
    expect(parsed(wire)).toStrictEqual({
      type: 'share_vitals',
      ...envelope,
      group: 'Fellows of Arwic',
      health_pct: 50,
      stamina_pct: 75,
      mana_pct: 25,
      vitae_pct: null,
      health_current: null,
      health_max: null,
      stamina_current: null,
      stamina_max: null,
      mana_current: null,
      mana_max: null,
      extra: {},
    });
  });

  it('dungeon_map', () => {
    const wire = {
      type: 'dungeon_map',
      ...wireEnvelope,
      landblock: '0x01D90000',
      tiles: [
        { x: 0, y: 10, kind: 'corridor', z: '-12.5', rotation: 90, environment_id: 218104603 },
        { x: 10, y: 10 },
      ],
    };
    expect(parsed(wire)).toStrictEqual({
      type: 'dungeon_map',
      ...envelope,
      landblock: '0x01D90000',
      tiles: [
        { x: 0, y: 10, kind: 'corridor', z: -12.5, rotation: 90, environment_id: 218104603 },
        { x: 10, y: 10, kind: null, z: null, rotation: null, environment_id: null },
      ],
      extra: {},
    });
  });
});

describe('frame types', () => {
  it('tell storage code what it gets: no undefined, a Date, extra, and the remove item apart', () => {
    expectTypeOf<TelemetryFrame['kills']>().toEqualTypeOf<number | null>();
    expectTypeOf<TelemetryFrame['ew']>().toEqualTypeOf<number>();
    expectTypeOf<TelemetryFrame['timestamp']>().toEqualTypeOf<Date>();
    expectTypeOf<TelemetryFrame['session_id']>().toEqualTypeOf<string | null>();
    expectTypeOf<TelemetryFrame['extra']>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<InventoryItem['id']>().toEqualTypeOf<number>();
    expectTypeOf<InventoryItem['equipped_slot']>().toEqualTypeOf<string | null>();
    expectTypeOf<Exclude<InventoryDeltaFrame, { action: 'remove' }>['item']>().toEqualTypeOf<InventoryItem>();
    expectTypeOf<Extract<InventoryDeltaFrame, { action: 'remove' }>['item']>().toEqualTypeOf<InventoryItemRef>();
    expectTypeOf<Frame['type']>().toEqualTypeOf<FrameType>();
  });
});
