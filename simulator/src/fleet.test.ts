import { describe, expect, it } from 'vitest';
import { createFleet } from './fleet.js';
import { frameTypes, type Frame, type Item, type TelemetryFrame, type VitalsFrame } from './frames.js';
import { landblockOf, portalsByGround, portalsByPlace } from './world.js';

const START = Date.UTC(2025, 2, 14, 18, 0, 0);
const HOUR = 3_600_000;

/** Logs in `characters` characters 137 ms apart and collects their frames up to `duration`, asking every `stepMs`. */
function simulate(characters: number, seed: number, duration: number, stepMs = 250): Frame[][] {
  const fleet = createFleet({ characters, seed, start: START });
  const frames = fleet.map((character) => character.loginFrames(START + character.index * 137));
  for (let t = START; t <= START + duration; t += stepMs) {
    for (const character of fleet) character.tick(t, (frame) => frames[character.index]!.push(frame));
  }
  return frames;
}

function epochMs(timestamp: string | number): number {
  return typeof timestamp === 'number' ? timestamp : Date.parse(timestamp);
}

function ofType<T extends Frame['type']>(frames: Frame[], type: T): Extract<Frame, { type: T }>[] {
  return frames.filter((f): f is Extract<Frame, { type: T }> => f.type === type);
}

/**
 * Rares (about one per 12 character-hours) and dungeon maps are rare by
 * design; with seed 9 this hour holds 4 rares and 9 dungeon maps, so every
 * frame type occurs with room to spare.
 */
const SEED = 9;
const hour = simulate(20, SEED, HOUR);

describe('determinism', () => {
  it('gives identical frames for the same seed and times', () => {
    const again = simulate(20, SEED, HOUR);
    expect(again).toEqual(hour);
    expect(JSON.stringify(again)).toBe(JSON.stringify(hour));
  });

  it('gives different characters and frames for another seed', () => {
    const other = simulate(20, 2, 10 * 60_000);
    expect(other.map((f) => f[0]!.character_name)).not.toEqual(hour.map((f) => f[0]!.character_name));
    expect(JSON.stringify(other[0]!.slice(0, 50))).not.toBe(JSON.stringify(hour[0]!.slice(0, 50)));
  });

  it('does not depend on how often the caller asks', () => {
    const coarse = simulate(20, SEED, HOUR, 60_000);
    expect(coarse).toEqual(hour);
    const [character] = createFleet({ characters: 20, seed: SEED, start: START });
    const once = [...character!.loginFrames(START), ...character!.framesUntil(START + HOUR)];
    expect(once).toEqual(hour[0]);
  });

  it('continues the world in a later run: the same characters and gear, other events', () => {
    const again = createFleet({ characters: 20, seed: SEED, start: START, run: 2 });
    const frames = again.map((character) => [...character.loginFrames(START + character.index * 137), ...character.framesUntil(START + 10 * 60_000)]);
    expect(frames.map((f) => f[0]!.character_name)).toEqual(hour.map((f) => f[0]!.character_name));
    const inventory = (list: Frame[]) => JSON.stringify(ofType(list, 'full_inventory')[0]?.items);
    expect(frames.map(inventory)).toEqual(hour.map(inventory));
    const path = (list: Frame[]) => JSON.stringify(ofType(list, 'telemetry').slice(0, 60).map(({ ns, ew }) => [ns, ew]));
    expect(frames.filter((list, index) => path(list) !== path(hour[index]!)).length).toBeGreaterThan(10);
    // A run is as deterministic as the seed.
    const [twice] = createFleet({ characters: 20, seed: SEED, start: START, run: 2 });
    expect([...twice!.loginFrames(START), ...twice!.framesUntil(START + 10 * 60_000)]).toEqual(frames[0]!.map((frame) => frame));
  });

  it('drops rares as often as it is told', () => {
    const rares = (killsPerRare?: number) =>
      createFleet({ characters: 20, seed: SEED, start: START, killsPerRare })
        .map((character) => ofType([...character.loginFrames(START + character.index * 137), ...character.framesUntil(START + HOUR)], 'rare').length)
        .reduce((sum, count) => sum + count, 0);
    const byDefault = rares();
    expect(byDefault).toBe(ofType(hour.flat(), 'rare').length);
    expect(byDefault).toBeLessThan(6);
    // About 2,000 kills in the hour (some of it goes to buffing and buying tapers): one rare in 100 kills is about 20.
    expect(rares(100)).toBeGreaterThan(10);
  });

  it('keeps character n the same whatever the fleet size', () => {
    const small = createFleet({ characters: 5, seed: 9, start: START }).map((c) => c.name);
    const large = createFleet({ characters: 50, seed: 9, start: START }).map((c) => c.name);
    expect(large.slice(0, 5)).toEqual(small);
  });
});

describe('frames over one simulated hour of 20 characters', () => {
  const all = hour.flat();

  it('include every frame type of the protocol', () => {
    const seen = new Set(all.map((f) => f.type));
    expect([...seen].sort()).toEqual([...frameTypes].sort());
    expect(frameTypes).toHaveLength(15);
  });

  it('start each session with the login frames in order', () => {
    for (const frames of hour) {
      expect(frames.slice(0, 6).map((f) => f.type)).toEqual(['character_stats', 'full_inventory', 'quest', 'equipment_cantrip_state', 'vitals', 'telemetry']);
    }
  });

  it('carry the envelope on every frame', () => {
    const wrong: Frame[] = [];
    for (const frames of hour) {
      const name = frames[0]!.character_name;
      const session = frames[0]!.session_id;
      expect(session).toMatch(/^[0-9a-f]{32}$/);
      for (const frame of frames) {
        if (frame.character_name !== name || frame.session_id !== session || !Number.isInteger(epochMs(frame.timestamp))) wrong.push(frame);
      }
    }
    expect(wrong).toEqual([]);
    const styles = new Set(all.map((f) => typeof f.timestamp));
    expect(styles).toEqual(new Set(['string', 'number']));
  });

  it('send telemetry every 2 s exactly from login', () => {
    hour.forEach((frames, index) => {
      const times = ofType(frames, 'telemetry').map((f) => epochMs(f.timestamp));
      const login = START + index * 137;
      const expected = Array.from({ length: Math.floor((START + HOUR - login) / 2000) + 1 }, (_, i) => login + i * 2000);
      expect(times).toEqual(expected);
    });
  });

  it('keep frames in time order', () => {
    for (const frames of hour) {
      const times = frames.map((f) => epochMs(f.timestamp));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('send character_stats at login and every 10 minutes, vitals every 5 s', () => {
    hour.forEach((frames, index) => {
      const login = START + index * 137;
      expect(ofType(frames, 'character_stats')).toHaveLength(Math.floor((START + HOUR - login) / 600_000) + 1);
      expect(ofType(frames, 'vitals').length).toBeGreaterThanOrEqual(Math.floor((START + HOUR - login) / 5_000) + 1);
    });
  });

  it('keep every position on the map', () => {
    const positions: { ew: number; ns: number }[] = [];
    for (const frame of all) {
      if ('ew' in frame) positions.push(frame);
      if (frame.type === 'nearby_objects') positions.push(...frame.objects);
    }
    expect(positions.length).toBeGreaterThan(36_000);
    expect(positions.filter(({ ew, ns }) => !(Math.abs(ew) <= 102 && Math.abs(ns) <= 102))).toEqual([]);
  });

  it('move at running speed, heading the way they go', () => {
    let steps = 0;
    let teleports = 0;
    let headed = 0;
    for (const frames of hour) {
      const telemetry = ofType(frames, 'telemetry');
      for (let i = 1; i < telemetry.length; i++) {
        const a = telemetry[i - 1] as TelemetryFrame;
        const b = telemetry[i] as TelemetryFrame;
        const dew = b.ew - a.ew;
        const dns = b.ns - a.ns;
        const step = Math.hypot(dew, dns);
        if (step < 0.002) continue;
        steps++;
        if (step > 2 * 0.055 + 1e-3) {
          teleports++;
          continue;
        }
        const bearing = ((Math.atan2(dew, dns) * 180) / Math.PI + 360) % 360;
        const off = Math.abs(((b.heading! - bearing + 540) % 360) - 180);
        if (off < 2) headed++;
      }
    }
    expect(steps).toBeGreaterThan(5_000);
    // Recalls, portals and respawns jump; everything else is a walk or a run.
    expect(teleports / steps).toBeLessThan(0.01);
    expect(headed / (steps - teleports)).toBeGreaterThan(0.9);
  });

  it('derive the landblock from the coordinates outdoors', () => {
    expect(landblockOf(33.6, 42.1)).toBe('0xA9B40019');
    for (const frame of ofType(all, 'telemetry')) {
      if (frame.landblock!.slice(6, 8) === '00') expect(frame.landblock).toBe(landblockOf(frame.ew, frame.ns));
      else expect(frame.landblock).toMatch(/^0x[0-9A-F]{4}0[1-2][0-9A-F]{2}$/);
    }
  });

  it('use every vt_state, with onlinetime as seconds or HH:MM:SS', () => {
    const telemetry = ofType(all, 'telemetry');
    expect(new Set(telemetry.map((f) => f.vt_state))).toEqual(new Set(['Combat', 'Navigating', 'Idle', 'Buffing', 'Dead']));
    const styles = new Set(telemetry.map((f) => (typeof f.onlinetime === 'number' ? 'seconds' : /^\d{2,}:\d{2}:\d{2}$/.test(f.onlinetime) ? 'clock' : 'other')));
    expect(styles).toEqual(new Set(['seconds', 'clock']));
  });

  it('only grow the session counters', () => {
    const decreases: string[] = [];
    for (const frames of hour) {
      const telemetry = ofType(frames, 'telemetry');
      for (let i = 1; i < telemetry.length; i++) {
        for (const counter of ['kills', 'deaths', 'rares_found'] as const) {
          if (telemetry[i]![counter] < telemetry[i - 1]![counter]) decreases.push(`${telemetry[i]!.character_name} ${counter} at ${telemetry[i]!.timestamp}`);
        }
      }
    }
    expect(decreases).toEqual([]);
    const kills = hour.map((frames) => ofType(frames, 'telemetry').at(-1)!.kills);
    expect(Math.max(...kills)).toBeGreaterThan(100);
  });

  it('carry prismatic tapers as a stock that buffing uses up', () => {
    let used = 0;
    for (const frames of hour) {
      const tapers = ofType(frames, 'telemetry').map((f) => f.prismatic_taper_count);
      expect(Math.min(...tapers)).toBeGreaterThanOrEqual(0);
      for (let i = 1; i < tapers.length; i++) used += Math.max(0, tapers[i - 1]! - tapers[i]!);
    }
    expect(used).toBeGreaterThan(0);
  });

  it('take health to 0 at a death, raise vitae by 5 and count the death', () => {
    let deaths = 0;
    for (const frames of hour) {
      let last: VitalsFrame | undefined;
      let counted = 0;
      for (const frame of frames) {
        if (frame.type === 'vitals') {
          if (frame.health_current === 0 && last && last.health_current > 0) {
            deaths++;
            counted++;
            expect(frame.health_pct).toBe(0);
            expect(frame.vitae_pct).toBe(Math.min(40, last.vitae_pct + 5));
          }
          last = frame;
        }
        if (frame.type === 'telemetry') expect(frame.deaths).toBe(counted);
      }
    }
    expect(deaths).toBeGreaterThan(0);
  });

  it('send cumulative combat snapshots, sometimes the same one twice', () => {
    let snapshots = 0;
    let repeats = 0;
    const decreases: string[] = [];
    for (const frames of hour) {
      const combat = ofType(frames, 'combat_stats');
      for (let i = 1; i < combat.length; i++) {
        snapshots++;
        const before = leaves(combat[i - 1]!.session);
        const after = leaves(combat[i]!.session);
        for (const [path, value] of before) {
          if (!(after.get(path)! >= value)) decreases.push(`${combat[i]!.character_name} ${path}: ${value} -> ${after.get(path)}`);
        }
        if (JSON.stringify(combat[i - 1]!.session) === JSON.stringify(combat[i]!.session)) repeats++;
      }
    }
    expect(decreases).toEqual([]);
    expect(snapshots).toBeGreaterThan(500);
    expect(repeats).toBeGreaterThan(0);
    const sample = ofType(hour.flat(), 'combat_stats').at(-1)!;
    const [monster] = Object.values(sample.session.monsters);
    expect(monster!.kills).toBeGreaterThan(0);
    expect(Object.values(monster!.offense)[0]).toEqual(
      expect.objectContaining({ hits: expect.any(Number), misses: expect.any(Number), crits: expect.any(Number), damage: expect.any(Number), max_hit: expect.any(Number) }),
    );
  });

  it('see each portal a little off its spot, always rounding to its 0.1 square, from several characters', () => {
    const world = [...portalsByPlace.flat(), ...portalsByGround.flatMap((p) => (p ? [p] : []))];
    const seenBy = new Map<string, Set<string>>();
    for (const frame of ofType(all, 'portal')) {
      const portal = world
        .filter((p) => p.name === frame.portal_name)
        .sort((a, b) => Math.hypot(a.ew - frame.ew, a.ns - frame.ns) - Math.hypot(b.ew - frame.ew, b.ns - frame.ns))[0]!;
      expect(Math.abs(frame.ew - portal.ew)).toBeLessThan(0.05);
      expect(Math.abs(frame.ns - portal.ns)).toBeLessThan(0.05);
      expect(Math.round(frame.ew * 10) / 10).toBe(portal.ew);
      expect(Math.round(frame.ns * 10) / 10).toBe(portal.ns);
      seenBy.set(square(portal), (seenBy.get(square(portal)) ?? new Set()).add(frame.character_name));
    }
    expect(Math.max(...[...seenBy.values()].map((s) => s.size))).toBeGreaterThan(1);
  });

  it('never put two portals of the world in one 0.1 square (ingest keys portals by it)', () => {
    const world = [...portalsByPlace.flat(), ...portalsByGround.flatMap((p) => (p ? [p] : []))];
    expect(new Set(world.map(square)).size).toBe(world.length);
  });

  it('send share_vitals only for characters in a fellowship', () => {
    const shares = ofType(all, 'share_vitals');
    expect(shares.length).toBeGreaterThan(0);
    for (const frame of shares) expect(frame.group).toMatch(/\w/);
    const grouped = new Set(shares.map((f) => f.character_name));
    expect(grouped.size).toBeLessThan(20);
  });
});

function square(position: { ew: number; ns: number }): string {
  return `${position.ew.toFixed(1)},${position.ns.toFixed(1)}`;
}

/** Every numeric leaf of a nested object, by path. */
function leaves(value: unknown, path = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number') out.set(path, value);
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) leaves(child, `${path}/${key}`, out);
  return out;
}

describe('inventory', () => {
  it('has unique ids, and every delta changes or removes an item that exists', () => {
    let removes = 0;
    let updates = 0;
    let adds = 0;
    for (const frames of hour) {
      const [full] = ofType(frames, 'full_inventory');
      const items = new Map<number, Item>();
      for (const item of full!.items) {
        expect(items.has(item.id)).toBe(false);
        items.set(item.id, item);
      }
      for (const delta of ofType(frames, 'inventory_delta')) {
        if (delta.action === 'add') {
          adds++;
          expect(items.has(delta.item.id)).toBe(false);
          items.set(delta.item.id, delta.item);
        } else if (delta.action === 'update') {
          updates++;
          const before = items.get(delta.item.id);
          expect(before).toBeDefined();
          expect(delta.item.name).toBe(before!.name);
          expect(delta.item).not.toEqual(before);
          items.set(delta.item.id, delta.item);
        } else {
          removes++;
          expect(items.delete(delta.item.id)).toBe(true);
        }
      }
    }
    expect(adds).toBeGreaterThan(20);
    expect(updates).toBeGreaterThan(20);
    expect(removes).toBeGreaterThan(20);
  });

  it('is realistic gear: armour sets, spells, tinks, workmanship, materials, jewellery, weapons, packs', () => {
    for (const frames of hour) {
      const { items } = ofType(frames, 'full_inventory')[0]!;
      expect(items.length).toBeGreaterThanOrEqual(60);
      expect(items.length).toBeLessThanOrEqual(300);
      const armour = items.filter((i) => i.object_class === 'Armor' && i.set_name);
      expect(armour.length).toBeGreaterThan(3);
      for (const piece of armour) {
        expect(piece.spells!.length).toBeGreaterThan(0);
        expect(piece.armor_level).toBeGreaterThan(0);
        expect(piece.tinks).toBeGreaterThanOrEqual(0);
        expect(piece.workmanship).toBeGreaterThanOrEqual(1);
        expect(piece.material).toMatch(/\w/);
      }
      const worn = items.filter((i) => i.equipped_slot !== null);
      expect(worn.every((i) => i.container_id === 0)).toBe(true);
      expect(worn.filter((i) => i.object_class === 'Armor' && i.coverage?.length).length).toBeGreaterThanOrEqual(6);
      expect(worn.filter((i) => i.object_class === 'Jewelry').length).toBeGreaterThanOrEqual(6);
      expect(worn.filter((i) => /Weapon|WandStaffOrb/.test(i.object_class)).length).toBe(1);
      const packs = new Set(items.filter((i) => i.object_class === 'Container').map((i) => i.id));
      expect(packs.size).toBeGreaterThanOrEqual(3);
      for (const item of items) if (item.container_id !== 0) expect(packs.has(item.container_id)).toBe(true);
    }
    const everything = hour.flatMap((frames) => ofType(frames, 'full_inventory')[0]!.items);
    const sets = new Set(everything.flatMap((i) => (i.set_name ? [i.set_name] : [])));
    expect(sets.size).toBeGreaterThanOrEqual(8);
    expect(everything.some((i) => i.imbue)).toBe(true);
    expect(everything.some((i) => i.ratings && Object.keys(i.ratings).length > 0)).toBe(true);
    expect(everything.some((i) => i.wield_requirements?.length)).toBe(true);
    expect(everything.some((i) => i.object_class === 'Salvage' && !Number.isInteger(i.workmanship))).toBe(true);
    expect(everything.some((i) => i.spells?.some((s) => s.startsWith('Legendary ')))).toBe(true);
    for (const material of ['Steel', 'Leather', 'Satin', 'Gold']) expect(everything.some((i) => i.material === material)).toBe(true);
  });
});

describe('sessions', () => {
  it('start afresh at each login: a new session id, counters from zero', () => {
    const [character] = createFleet({ characters: 1, seed: 4, start: START });
    const first = character!.loginFrames(START);
    const played = character!.framesUntil(START + HOUR);
    expect(ofType(played, 'telemetry').at(-1)!.kills).toBeGreaterThan(0);
    character!.logout();
    expect(character!.framesUntil(START + 2 * HOUR)).toEqual([]);
    const second = character!.loginFrames(START + 2 * HOUR);
    expect(second[0]!.session_id).not.toBe(first[0]!.session_id);
    const telemetry = ofType(second, 'telemetry')[0]!;
    expect(telemetry.kills).toBe(0);
    expect(telemetry.onlinetime === 0 || telemetry.onlinetime === '00:00:00').toBe(true);
    // The same items survive the relog.
    const ids = (frames: Frame[]) => ofType(frames, 'full_inventory')[0]!.items.map((i) => i.id).sort();
    expect(ids(second).length).toBeGreaterThan(0);
    expect(ids(second).filter((id) => ids(first).includes(id)).length).toBeGreaterThan(30);
  });

  it('with sessionMinutes, end by themselves, logged out or lost, and continue differently in the next run', () => {
    const departures = (run: number) => createFleet({ characters: 20, seed: 6, start: START, run, sessionMinutes: 30 }).map((character) => {
      character.loginFrames(START);
      const frames = character.framesUntil(START + 4 * HOUR);
      const departure = character.departure;
      if (departure) {
        // Nothing after it left, and nothing more until it logs in again.
        expect(Math.max(...frames.map((frame) => epochMs(frame.timestamp)))).toBeLessThanOrEqual(departure.at);
        expect(character.framesUntil(START + 5 * HOUR)).toEqual([]);
        const away = (departure.returnsAt - departure.at) / 60_000;
        if (departure.how === 'logout') expect(away).toSatisfy((minutes: number) => minutes >= 5 && minutes <= 30);
        else expect(away).toSatisfy((minutes: number) => minutes >= 15 && minutes <= 45);
        const before = character.session;
        const back = character.loginFrames(departure.returnsAt);
        expect(back.map((frame) => frame.type)).toEqual(['character_stats', 'full_inventory', 'quest', 'equipment_cantrip_state', 'vitals', 'telemetry']);
        expect(back[0]!.session_id).not.toBe(before);
        expect(character.departure).toBeUndefined();
      }
      return departure;
    });
    const first = departures(1);
    expect(first.filter((departure) => departure?.how === 'logout').length).toBeGreaterThanOrEqual(5);
    expect(first.filter((departure) => departure?.how === 'lost').length).toBeGreaterThanOrEqual(3);
    expect(departures(1)).toEqual(first);
    expect(departures(2).map((departure) => departure?.at)).not.toEqual(first.map((departure) => departure?.at));
    // Without sessionMinutes nobody leaves.
    const [stays] = createFleet({ characters: 1, seed: 6, start: START });
    stays!.loginFrames(START);
    expect(ofType(stays!.framesUntil(START + 4 * HOUR), 'telemetry')).toHaveLength(7_200);
    expect(stays!.departure).toBeUndefined();
  });

  it('with stuckJourneys, gets stuck now and then: navigating, killing nothing, within 5 m for over 5 minutes', () => {
    const stuckSpells = (stuckJourneys?: number) => createFleet({ characters: 10, seed: 8, start: START, stuckJourneys }).map((character) => {
      character.loginFrames(START);
      const reports = ofType(character.framesUntil(START + 3 * HOUR), 'telemetry');
      // The longest run of navigating reports, kills unchanged, inside a 0.05-unit box (what Character.stuck looks for).
      let longest = 0;
      let first = 0;
      for (let i = 0; i < reports.length; i++) {
        const run = reports.slice(first, i + 1);
        const box = Math.max(Math.max(...run.map((r) => r.ew)) - Math.min(...run.map((r) => r.ew)), Math.max(...run.map((r) => r.ns)) - Math.min(...run.map((r) => r.ns)));
        const report = reports[i]!;
        if (report.vt_state !== 'Navigating' || report.kills !== reports[first]!.kills || box > 0.05) first = i;
        else longest = Math.max(longest, epochMs(report.timestamp) - epochMs(reports[first]!.timestamp));
      }
      return longest;
    });
    const stuck = stuckSpells(1);
    expect(stuck.filter((ms) => ms >= 6 * 60_000).length).toBeGreaterThanOrEqual(8);
    for (const ms of stuck) expect(ms).toBeLessThanOrEqual(15 * 60_000 + 2_000);
    // Without it, no journey stays in one spot that long.
    expect(Math.max(...stuckSpells())).toBeLessThan(5 * 60_000);
  });

  it('gives unique names, some with spaces, in a large fleet', () => {
    const fleet = createFleet({ characters: 2_000, seed: 7, start: START });
    const names = fleet.map((c) => c.name);
    expect(new Set(names).size).toBe(2_000);
    expect(names.filter((n) => n.includes(' ')).length).toBeGreaterThan(200);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(64);
  });
});
