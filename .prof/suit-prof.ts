import { Inventory, type GearOwner, weaponSkills } from '../simulator/src/gear.js';
import { Random } from '../simulator/src/random.js';
import { searchSuits } from '../subgraphs/inventory/suitbuilder/search.js';
import { RATING_NAMES, type SuitItem } from '../subgraphs/inventory/suitbuilder/types.js';
const random = new Random(7);
const items: SuitItem[] = [];
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
for (let index = 0; index < 100; index++) {
  const owner: GearOwner = { index, level: 275, weaponSkill: random.pick(weaponSkills), element: 'slash', primarySet: random.int(0, 9), secondarySet: random.int(0, 9), swordAndBoard: random.chance(0.2), armorStyle: random.int(0, 2), mule: true };
  for (const it of new Inventory(owner, new Random(1000 + index)).items() as any[]) {
    if (!((it.coverage?.length ?? 0) > 0 || (it.valid_slots?.length ?? 0) > 0 || ['Armor', 'Clothing', 'Jewelry'].includes(it.object_class) || it.equipped_slot)) continue;
    const ratings = Object.fromEntries(RATING_NAMES.map((n) => [n, it.ratings?.[snake(n)] ?? 0])) as SuitItem['ratings'];
    const owner = `Mule ${index}`;
    items.push({ key: `${owner}\0${it.id}`, owner, id: String(it.id), name: it.name, objectClass: it.object_class, equippedSlot: it.equipped_slot ?? null, coverage: it.coverage ?? [], validSlots: it.valid_slots ?? [], material: it.material ?? null, set: it.set_name ?? null, armorLevel: it.armor_level ?? 0, spells: it.spells ?? [], ratings });
  }
}
console.log('items', items.length);
const base = { characters: null, includeEquipped: true, locked: [], excluded: [], slotGroups: ['ARMOR', 'UNDERCLOTHES', 'JEWELRY'], weights: { armorLevel: 1, setTier: 400, cantrip: 2000, rating: 100 }, suits: 10, timeBudgetMs: 30000, minArmorLevel: 0, cantrips: [] } as any;
const fams8 = ['Strength', 'Endurance', 'Coordination', 'Quickness', 'Focus', 'Willpower', 'Invulnerability', 'Impenetrability'];
const queries = [
  { ...base, primarySet: { mode: 'NAMED', name: "Defender's Set" }, secondarySet: { mode: 'NAMED', name: "Soldier's Set" }, cantrips: fams8.map((family) => ({ family, minLevel: 'MAJOR' })) },
  { ...base, primarySet: { mode: 'NAMED', name: "Adept's Set" }, secondarySet: { mode: 'NONE' }, minArmorLevel: 3000, cantrips: [...fams8, 'Magic Resistance', 'Flame Ward', 'Frost Ward', 'Healing Prowess'].map((family) => ({ family, minLevel: 'MINOR' })) },
  { ...base, primarySet: { mode: 'ANY' }, secondarySet: { mode: 'ANY' }, weights: { ...base.weights, rating: 1000 } },
];
for (let r = 0; r < 12; r++) for (const q of [queries[1]]) {
  const c0 = process.cpuUsage(); const cpu = () => { const u = process.cpuUsage(c0); return (u.user + u.system) / 1000; }; const t0 = performance.now(); let first = NaN; let last: any;
  searchSuits(items, q, (e) => { if (e.kind === 'SUIT' && isNaN(first)) first = cpu(); last = e; });
  console.log(`first ${first.toFixed(0)} done ${cpu().toFixed(0)} wall ${(performance.now() - t0).toFixed(0)} cands ${last.progress?.candidates} nodes ${last.progress?.nodes}`);
}
