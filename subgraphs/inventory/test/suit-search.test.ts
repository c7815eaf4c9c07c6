import { afterAll, describe, expect, it } from 'vitest';
import { placementsOf } from '../suitbuilder/slots.js';
import { parseCantrip, describeSuit } from '../suitbuilder/score.js';
import { searchSuits, SuitQueryError } from '../suitbuilder/search.js';
import { answering } from '../suitbuilder/core-share.js';
import { SuitSearchThread } from '../suitbuilder/runner.js';
import { RATING_NAMES, type FoundSuit, type Ratings, type SearchEvent, type SuitItem, type SuitQuery } from '../suitbuilder/types.js';
import { oracleRanking } from './suit-oracle.js';
import { Prng, randomCase, randomItem } from './suit-random.js';

const noRatings = (): Ratings => Object.fromEntries(RATING_NAMES.map((name) => [name, 0])) as Ratings;

function item(key: string, fields: Partial<SuitItem>): SuitItem {
  return {
    key,
    owner: key.split(':')[0] as string,
    id: key.split(':')[1] ?? '1',
    name: 'Piece',
    objectClass: 'Armor',
    equippedSlot: null,
    coverage: [],
    validSlots: [],
    material: 'Steel',
    set: null,
    armorLevel: 0,
    spells: [],
    ratings: noRatings(),
    ...fields,
  };
}

const ALL = ['ARMOR', 'UNDERCLOTHES', 'JEWELRY'] as const;

function query(fields: Partial<SuitQuery> = {}): SuitQuery {
  return {
    primarySet: { mode: 'ANY' },
    secondarySet: { mode: 'ANY' },
    cantrips: [],
    minArmorLevel: 0,
    locked: [],
    excluded: [],
    slotGroups: [...ALL],
    weights: { armorLevel: 1, setTier: 400, cantrip: 2000, rating: 100 },
    suits: 10,
    timeBudgetMs: 10_000,
    ...fields,
  };
}

const run = (items: readonly SuitItem[], q: SuitQuery): { suits: FoundSuit[]; events: SearchEvent[] } => {
  const events: SearchEvent[] = [];
  const suits = searchSuits(items, q, (event) => events.push(event));
  return { suits, events };
};

/** A suit's items, as the oracle and the search both identify it. */
const itemsOf = (suit: FoundSuit): string => suit.pieces.map((p) => p.key).sort().join(' ');

/** What the examples check: items, slots, score and order. */
const view = (suits: readonly FoundSuit[] | null): string[] | null =>
  suits === null ? null : suits.map((s) => `${s.rank} ${s.score} ${s.pieces.map((p) => `${p.key}@${p.slots.join('+')}`).join(' ')}`);

describe('placementsOf', () => {
  const worn = (fields: Partial<SuitItem>) => placementsOf(item('A:1', fields), ALL);

  it('reduces a coat to the chest, a sleeve pair to either arm, leggings to either leg', () => {
    expect(worn({ coverage: ['Chest', 'Abdomen', 'UpperArms', 'LowerArms'] })).toEqual([
      { slots: ['CHEST', 'ABDOMEN', 'UPPER_ARMS', 'LOWER_ARMS'], reduction: null },
      { slots: ['CHEST'], reduction: 'Reduce to Chest' },
    ]);
    expect(worn({ validSlots: ['UpperArmArmor', 'Lower_Arm_Armor'] })).toEqual([
      { slots: ['UPPER_ARMS', 'LOWER_ARMS'], reduction: null },
      { slots: ['UPPER_ARMS'], reduction: 'Reduce to Upper Arms' },
      { slots: ['LOWER_ARMS'], reduction: 'Reduce to Lower Arms' },
    ]);
    expect(worn({ coverage: ['OuterwearUpperLegs', 'outerwear lower legs'] })).toEqual([
      { slots: ['UPPER_LEGS', 'LOWER_LEGS'], reduction: null },
      { slots: ['UPPER_LEGS'], reduction: 'Reduce to Upper Legs' },
      { slots: ['LOWER_LEGS'], reduction: 'Reduce to Lower Legs' },
    ]);
  });

  it('wears boots on feet and lower legs, reducible to the feet; a skirt reduces to any of its three', () => {
    expect(worn({ coverage: ['LowerLegs', 'Feet'] })).toEqual([
      { slots: ['FEET', 'LOWER_LEGS'], reduction: null },
      { slots: ['FEET'], reduction: 'Reduce to Feet' },
    ]);
    expect(worn({ coverage: ['Abdomen', 'UpperLegs', 'LowerLegs'] }).map((p) => p.reduction)).toEqual([
      null, 'Reduce to Abdomen', 'Reduce to Upper Legs', 'Reduce to Lower Legs',
    ]);
  });

  it('never reduces robes or pieces without a material', () => {
    expect(worn({ name: 'Faran Robe', coverage: ['Chest', 'Abdomen'] })).toEqual([{ slots: ['CHEST', 'ABDOMEN'], reduction: null }]);
    expect(worn({ coverage: ['Chest', 'Abdomen', 'UpperArms', 'LowerArms', 'UpperLegs', 'LowerLegs'] })).toEqual([
      { slots: ['CHEST', 'ABDOMEN', 'UPPER_ARMS', 'LOWER_ARMS', 'UPPER_LEGS', 'LOWER_LEGS'], reduction: null },
    ]);
    expect(worn({ material: null, coverage: ['Chest', 'Abdomen'] })).toEqual([{ slots: ['CHEST', 'ABDOMEN'], reduction: null }]);
  });

  it('puts underclothes in the shirt or the pants', () => {
    expect(worn({ objectClass: 'Clothing', coverage: ['UnderwearChest', 'UnderwearUpperArms'] })).toEqual([{ slots: ['SHIRT'], reduction: null }]);
    expect(worn({ objectClass: 'Clothing', coverage: ['UnderwearUpperLegs', 'UnderwearLowerLegs', 'UnderwearAbdomen'] })).toEqual([{ slots: ['PANTS'], reduction: null }]);
    expect(worn({ objectClass: 'Clothing', equippedSlot: 'ChestWear' })).toEqual([{ slots: ['SHIRT'], reduction: null }]);
  });

  it('lets rings and bracelets go on either side, and knows carried jewellery by its name', () => {
    expect(worn({ objectClass: 'Jewelry', equippedSlot: 'FingerWearRight' })).toEqual([
      { slots: ['FINGER_LEFT'], reduction: null },
      { slots: ['FINGER_RIGHT'], reduction: null },
    ]);
    expect(worn({ objectClass: 'Jewelry', name: 'Gold Bracelet' })).toEqual([
      { slots: ['WRIST_LEFT'], reduction: null },
      { slots: ['WRIST_RIGHT'], reduction: null },
    ]);
    expect(worn({ objectClass: 'Jewelry', name: 'Necklace' })).toEqual([{ slots: ['NECK'], reduction: null }]);
    expect(worn({ objectClass: 'Jewelry', name: 'Pocket Watch' })).toEqual([{ slots: ['TRINKET'], reduction: null }]);
  });

  it('gives weapons, shields and cloaks no placement, and keeps to the wanted groups', () => {
    expect(worn({ objectClass: 'MeleeWeapon', equippedSlot: 'MeleeWeapon' })).toEqual([]);
    expect(worn({ equippedSlot: 'Shield' })).toEqual([]);
    expect(worn({ objectClass: 'Clothing', name: 'Cloak', validSlots: ['Cloak'] })).toEqual([]);
    expect(placementsOf(item('A:1', { coverage: ['Head'] }), ['JEWELRY'])).toEqual([]);
  });
});

describe('cantrips and the score', () => {
  it('parses the level word off a spell', () => {
    expect(parseCantrip('Legendary Strength')).toEqual({ family: 'strength', level: 4 });
    expect(parseCantrip('minor  Flame Ward')).toEqual({ family: 'flame ward', level: 0 });
    expect(parseCantrip('Heavy Weapon Aptitude')).toEqual({ family: 'heavy weapon aptitude', level: 1 });
  });

  it('adds armour level per slot, set tiers capped at 5 + 4, each wanted family once, every rating', () => {
    const pieces = [
      item('A:1', { coverage: ['Chest', 'Abdomen'], armorLevel: 300, set: "Defender's Set", spells: ['Epic Strength'] }),
      item('A:2', { coverage: ['Head'], armorLevel: 200, set: "defender's set", spells: ['Major Strength', 'Minor Focus'] }),
      item('A:3', { coverage: ['Hands'], armorLevel: 100, set: "Soldier's Set", ratings: { ...noRatings(), damage: 2, vitality: 3 } }),
      item('A:4', { objectClass: 'Jewelry', validSlots: ['NeckWear'], armorLevel: 50 }),
    ];
    const masks = [(1 << 3) | (1 << 4), 1, 2, 1 << 11];
    const suit = describeSuit(
      pieces.map((p, i) => ({ item: p, mask: masks[i] as number, reduction: null })),
      query({ cantrips: [{ family: 'strength', minLevel: 'EPIC' }, { family: 'Focus', minLevel: 'MAJOR' }] }),
    );
    expect(suit.parts).toEqual({ armorLevel: 900, setTiers: 3, cantrips: 1, ratings: 5 });
    expect(suit.score).toBe(900 + 1200 + 2000 + 500);
    expect(suit.sets).toEqual([
      { name: "Defender's Set", pieces: 2, tier: 2, role: 'PRIMARY' },
      { name: "Soldier's Set", pieces: 1, tier: 1, role: 'SECONDARY' },
    ]);
    expect(suit.cantrips).toEqual([{ family: 'strength', wanted: 'EPIC', level: 'EPIC' }]);
    expect(suit.missingCantrips).toEqual([{ family: 'Focus', wanted: 'MAJOR', level: 'MINOR' }]);
  });
});

describe('searchSuits', () => {
  const helm = item('A:1', { name: 'Helm', coverage: ['Head'], armorLevel: 300, set: "Defender's Set" });
  const ringA = item('A:2', { name: 'Ring', objectClass: 'Jewelry', validSlots: ['FingerWearLeft', 'FingerWearRight'], ratings: { ...noRatings(), vitality: 2 } });
  const ringB = item('B:3', { name: 'Ring', objectClass: 'Jewelry', equippedSlot: 'FingerWearLeft', ratings: { ...noRatings(), healBoost: 1 } });

  it('fills the left finger first, the lower key on the left', () => {
    const { suits } = run([ringB, ringA], query({ suits: 3 }));
    expect(view(suits)).toEqual(['1 300 A:2@FINGER_LEFT B:3@FINGER_RIGHT']);
    expect(suits[0]?.why).toBe('no set bonus, armour level 0, ratings 3; the only suit found');
    expect(view(run([ringB], query()).suits)).toEqual(['1 100 B:3@FINGER_LEFT']);
  });

  it('lists no suit that has room for a piece left over, nor one with a piece another left over surpasses', () => {
    const lesserHelm = item('B:4', { name: 'Helm', coverage: ['Head'], armorLevel: 250, set: "Defender's Set" });
    const gauntlets = item('B:5', { name: 'Gauntlets', coverage: ['Hands'], armorLevel: 100 });
    const { suits } = run([helm, lesserHelm, gauntlets], query({ primarySet: { mode: 'NAMED', name: "Defender's Set" }, secondarySet: { mode: 'NONE' } }));
    // Helm 300 + set 400 + gauntlets 100; the lesser helm's suit is the same suit with a worse piece, and neither piece alone is listed.
    expect(view(suits)).toEqual(['1 800 A:1@HEAD B:5@HANDS']);
  });

  it('refuses locked pieces that cannot be worn, saying which', () => {
    const helm2 = item('B:9', { name: 'Great Helm', coverage: ['Head'] });
    expect(() => run([helm, helm2], query({ locked: ['A:1', 'B:9'] }))).toThrow(
      new SuitQueryError('Locked pieces "Helm" of A (id 1) and "Great Helm" of B (id 9) need the same slot: unlock one of them.'),
    );
    expect(() => run([helm], query({ locked: ['A:1'], slotGroups: ['JEWELRY'] }))).toThrow(
      'Locked piece "Helm" of A (id 1) fits no slot of the chosen slot groups (JEWELRY): unlock it or add its group.',
    );
    expect(() => run([helm], query({ locked: ['C:7'] }))).toThrow(
      'Locked piece C:7 is not among the items searched: check its owner and id, and that its character is chosen.',
    );
  });

  it('reports progress first, suits as they enter, DONE last', () => {
    const { events } = run([helm, ringA], query());
    expect(events.map((e) => (e.kind === 'SUIT' ? `SUIT ${e.suit.rank} ${e.suit.score}` : e.kind))).toEqual(['PROGRESS', 'SUIT 1 900', 'DONE']);
    const done = events.at(-1) as Extract<SearchEvent, { kind: 'DONE' }>;
    expect(done.exhaustive).toBe(true);
    expect(done.progress.candidatesBeforePruning).toBe(2);
    expect(view(done.suits)).toEqual(['1 900 A:1@HEAD A:2@FINGER_LEFT']);
  });

  const bigInventory = (count: number): SuitItem[] => {
    const random = new Prng(7);
    return Array.from({ length: count }, (_, i) => randomItem(random, i, [0, 2, 18]));
  };

  it('stops at the time budget with exhaustive false, sending progress at most every 250 ms', () => {
    const items = bigInventory(1000);
    const q = query({ cantrips: ['Strength', 'Invulnerability', 'Flame Ward', 'Heavy Weapon Aptitude'].map((family) => ({ family, minLevel: 'MINOR' as const })), timeBudgetMs: 1500 });
    // A clock that runs 40 ms a look, looked at every node: the search is stopped whatever the machine's speed.
    let now = 0;
    const events: SearchEvent[] = [];
    const suits = searchSuits(items, q, (event) => events.push(event), { clock: () => (now += 40), clockEvery: 1 });
    const done = events.at(-1) as Extract<SearchEvent, { kind: 'DONE' }>;
    expect(done.kind).toBe('DONE');
    expect(done.exhaustive).toBe(false);
    expect(done.message).toMatch(/^Stopped after 1,5\d\d ms \(\d+ nodes\): the best \d+ suits found so far, not necessarily the best possible\.$/);
    expect(suits.length).toBe(done.suits.length);
    const times = events.filter((e) => e.kind === 'PROGRESS').map((e) => e.progress.elapsedMs);
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(250);
  });

  it('finds exactly what the oracle finds on 2,500 random inventories', () => {
    let compared = 0;
    for (let seed = 1; seed <= 2500; seed++) {
      const { items, query: q } = randomCase(seed);
      const ranking = oracleRanking(items, q);
      let got: FoundSuit[] | null;
      try {
        got = searchSuits(items, q, () => {});
      } catch (error) {
        if (!(error instanceof SuitQueryError)) throw error;
        got = null;
      }
      if (ranking === null || got === null) {
        expect({ seed, suits: got }).toEqual({ seed, suits: ranking });
        continue;
      }
      const expected = ranking.slice(0, q.suits);
      // The same scores, in order; each suit one the oracle lists, with its score (of equally good arrangements, any).
      expect({ seed, scores: got.map((s) => s.score) }).toEqual({ seed, scores: expected.map((s) => s.score) });
      const listed = new Map(ranking.map((s) => [itemsOf(s), s.score]));
      for (const suit of got) expect({ seed, suit: itemsOf(suit), score: listed.get(itemsOf(suit)) }).toEqual({ seed, suit: itemsOf(suit), score: suit.score });
      // Where the last score is not tied by a suit left out, the very same suits.
      const last = expected.at(-1);
      if (!last || ranking[q.suits]?.score !== last.score) expect({ seed, suits: got.map(itemsOf) }).toEqual({ seed, suits: expected.map(itemsOf) });
      if (expected.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('honours locked and excluded pieces, minimum armour level and a named set', () => {
    const chestA = item('A:5', { coverage: ['Chest', 'Abdomen'], armorLevel: 400, set: "Soldier's Set" });
    const chestB = item('B:6', { coverage: ['Chest'], armorLevel: 250 });
    const girth = item('B:7', { coverage: ['Abdomen'], armorLevel: 100, set: "Soldier's Set" });
    const base = query({ primarySet: { mode: 'NAMED', name: "soldier's set" }, secondarySet: { mode: 'NONE' } });
    expect(view(run([chestA, chestB, girth], { ...base, suits: 2 }).suits)).toEqual([
      '1 1300 A:5@CHEST B:7@ABDOMEN',
      '2 1200 A:5@CHEST+ABDOMEN',
    ]);
    expect(view(run([chestA, chestB, girth], { ...base, locked: ['B:6'] }).suits)).toEqual(['1 750 B:6@CHEST B:7@ABDOMEN']);
    expect(view(run([chestA, chestB, girth], { ...base, excluded: ['A:5'], minArmorLevel: 300 }).suits)).toEqual(['1 750 B:6@CHEST B:7@ABDOMEN']);
  });
});

describe('SuitSearchThread', () => {
  const thread = new SuitSearchThread();
  afterAll(() => thread.close());
  const collect = async (events: AsyncIterable<SearchEvent>): Promise<SearchEvent[]> => {
    const all: SearchEvent[] = [];
    for await (const event of events) all.push(event);
    return all;
  };

  it('streams the events of a search run on its thread', async () => {
    const items = [item('A:1', { coverage: ['Head'], armorLevel: 300 }), item('A:2', { coverage: ['Head'], armorLevel: 100, set: 'Hearty Set' })];
    const events = await collect(thread.search(items, query({ suits: 2 })));
    expect(events.map((event) => event.kind)).toEqual(['PROGRESS', 'SUIT', 'SUIT', 'DONE']);
    const done = events.at(-1) as Extract<SearchEvent, { kind: 'DONE' }>;
    expect(view(done.suits)).toEqual(['1 500 A:2@HEAD', '2 300 A:1@HEAD']);
  });

  it('throws the refusal of locked pieces from the iterator, and goes on with the next search', async () => {
    const items = [item('A:1', { coverage: ['Head'] }), item('A:2', { coverage: ['Head'] })];
    const events = thread.search(items, query({ locked: ['A:1', 'A:2'] }));
    await expect(events.next()).rejects.toThrow(new SuitQueryError('Locked pieces "Piece" of A (id 1) and "Piece" of A (id 2) need the same slot: unlock one of them.'));
    expect((await collect(thread.search(items, query({ suits: 1 })))).at(-1)?.kind).toBe('DONE');
  });

  it('runs one search at a time, and stops one whose consumer left or aborted without stopping the others', async () => {
    const random = new Prng(7);
    const items = Array.from({ length: 1000 }, (_, i) => randomItem(random, i, [0, 2, 18]));
    const long = query({ cantrips: ['Strength', 'Invulnerability', 'Flame Ward'].map((family) => ({ family, minLevel: 'MINOR' as const })), timeBudgetMs: 60_000 });
    const small = [item('A:1', { coverage: ['Head'], armorLevel: 300 })];

    // The first search holds the thread; the second waits for it, the third leaves while waiting.
    const controller = new AbortController();
    const first = thread.search(items, long, { signal: controller.signal });
    const second = collect(thread.search(small, query({ suits: 1 })));
    const third = thread.search(small, query({ suits: 1 }));
    await third.return?.();
    const kinds: string[] = [];
    let secondDone = false;
    void second.then(() => (secondDone = true));
    for await (const event of first) {
      kinds.push(event.kind);
      if (event.kind === 'SUIT') {
        expect(secondDone).toBe(false);
        controller.abort();
      }
    }
    expect(kinds.at(-1)).toBe('SUIT');
    expect(kinds).not.toContain('DONE');
    expect((await second).at(-1)?.kind).toBe('DONE');
    expect(await third.next()).toEqual({ done: true, value: undefined });

    // Leaving by return() stops it too, and the thread answers the next search.
    for await (const event of thread.search(items, long)) {
      if (event.kind === 'SUIT') break;
    }
    expect((await collect(thread.search(small, query({ suits: 1 })))).at(-1)?.kind).toBe('DONE');
  });

  it('finds the same suits while the subgraph answers other requests, taking turns with them', async () => {
    const random = new Prng(7);
    const items = Array.from({ length: 6000 }, (_, i) => randomItem(random, i, [0, 2, 18]));
    const q = query({ cantrips: ['Strength', 'Invulnerability'].map((family) => ({ family, minLevel: 'MINOR' as const })), timeBudgetMs: 60_000 });
    const last = async (): Promise<Extract<SearchEvent, { kind: 'DONE' }>> => (await collect(thread.search(items, q))).at(-1) as Extract<SearchEvent, { kind: 'DONE' }>;
    const alone = await last();
    // A request that stays unanswered for the whole search: the search waits its turns, never for the request's end.
    let answered = (): void => {};
    const request = answering(() => new Promise<void>((resolve) => (answered = resolve)));
    const sharing = await last();
    answered();
    await request;
    expect(sharing.exhaustive).toBe(true);
    expect(sharing.suits).toEqual(alone.suits);
    expect(sharing.suits).toHaveLength(10);
  });

  it('fails the search of a thread that crashed, and starts a new thread for the next one', async () => {
    const crashing = new SuitSearchThread({ workerUrl: new URL('data:text/javascript,process.exit(3)') });
    await expect(collect(crashing.search([], query()))).rejects.toThrow("The suit search's thread stopped unexpectedly (exit code 3).");
    await expect(collect(crashing.search([], query()))).rejects.toThrow('exit code 3');
    await crashing.close();
  });
});
