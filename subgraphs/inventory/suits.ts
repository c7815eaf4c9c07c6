import { GraphErrorCode, graphError, requireStorableText, type SubgraphContext } from '@lifestone/lib/graph';
import type {
  Item,
  Suit,
  SuitBuilderOptions,
  SuitGatherStop,
  SuitPiece,
  SuitSearchEvent,
  SuitSearchInput,
  SuitSetChoice,
} from './generated/resolvers.js';
import { inventoryTopics } from './changes.js';
import { itemFromRow } from './items.js';
import { itemsByKeys, suitItemRows, type ItemRow, type SuitItemRow } from './sql.js';
import {
  CANTRIP_LEVELS,
  checkLockedPieces,
  connectionOf,
  ownerAndId,
  parseCantrip,
  SuitSearchThread,
  suitItemKey,
  suitItemOf,
  SUIT_SLOTS,
  SuitQueryError,
  type CantripLevel,
  type FoundPiece,
  type FoundSuit,
  type SearchEvent,
  type SetChoice,
  type SuitQuery,
  type SuitSlotGroup,
  type SuitWeights,
} from './suitbuilder/index.js';

/** Limits of `SuitSearchInput` (the SDL's descriptions say the same). */
export const SUIT_LIMITS = { suits: [1, 50], timeBudgetMs: [100, 60_000], cantrips: 64 } as const;

const DEFAULT_WEIGHTS: Readonly<SuitWeights> = { armorLevel: 1, setTier: 400, cantrip: 2000, rating: 100 };
const ALL_GROUPS: readonly SuitSlotGroup[] = ['ARMOR', 'UNDERCLOTHES', 'JEWELRY'];

/**
 * The suit searches of `input`: locked pieces are checked here, then the
 * search runs on a worker thread that reads the chosen characters' wearable
 * items itself, and its events stream out with whole items (read for the
 * pieces of the suits reported). Returning from the iterator (the client
 * left) stops the search and its thread at once.
 */
export async function suitSearch(context: SubgraphContext, input: SuitSearchInput): Promise<AsyncIterableIterator<SuitSearchEvent>> {
  const query = suitQueryOf(input);
  const characters = input.characters ?? null;
  const includeEquipped = input.includeEquipped !== false;
  if (query.locked.length > 0) await checkLocked(context, query, characters, includeEquipped);
  const controller = new AbortController();
  const { thread, pieces } = await searchingOf(context);
  const events = thread.search({ connection: connectionOf(context.pool), characters: characters ? [...characters] : null, includeEquipped }, query, { signal: controller.signal });
  const iterator: AsyncIterableIterator<SuitSearchEvent> = {
    async next() {
      const result = await events.next();
      if (result.done) return { done: true, value: undefined };
      return { done: false, value: toGraphEvent(result.value, await pieces.read(context, result.value)) };
    },
    async return() {
      controller.abort();
      await events.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      controller.abort();
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * The whole items of the pieces suits were reported with, kept across
 * searches (the best pieces come back search after search), and dropped per
 * character when its inventory changes.
 */
class SuitPieces {
  private readonly items = new Map<string, Item>();
  private readonly keysByOwner = new Map<string, Set<string>>();

  /** Past this many, the kept items are let go at once rather than one by one. */
  private static readonly MAX_KEPT = 20_000;

  changed(owner: string): void {
    for (const key of this.keysByOwner.get(owner) ?? []) this.items.delete(key);
    this.keysByOwner.delete(owner);
  }

  /** Anyone's items may have changed unannounced: nothing kept is trusted. */
  allChanged(): void {
    this.items.clear();
    this.keysByOwner.clear();
  }

  /** The whole items of the pieces `event` reports, read from PostgreSQL where not kept. */
  async read(context: SubgraphContext, event: SearchEvent): Promise<ReadonlyMap<string, Item>> {
    const suits = event.kind === 'SUIT' ? [event.suit] : event.kind === 'DONE' ? event.suits : [];
    const missing = [...new Set(suits.flatMap((suit) => suit.pieces.map((piece) => piece.key)))].filter((key) => !this.items.has(key)).map(ownerAndId);
    if (missing.length === 0) return this.items;
    if (this.items.size + missing.length > SuitPieces.MAX_KEPT) {
      this.items.clear();
      this.keysByOwner.clear();
    }
    const { rows } = await context.pool.query<ItemRow>(itemsByKeys(missing.map((key) => key.owner), missing.map((key) => key.id)));
    for (const row of rows) {
      const key = suitItemKey(row.character_name, String(row.id));
      this.items.set(key, itemFromRow(row));
      let keys = this.keysByOwner.get(row.character_name);
      if (!keys) this.keysByOwner.set(row.character_name, (keys = new Set()));
      keys.add(key);
    }
    return this.items;
  }
}

/** The search thread and the kept pieces of each database the subgraph serves (one in production; tests run several). */
const searching = new WeakMap<SubgraphContext['pool'], Promise<{ thread: SuitSearchThread; pieces: SuitPieces }>>();

/**
 * The search thread of `context`'s database and its kept pieces, both told
 * of every inventory change ingest publishes, so that the thread reads those
 * characters again before its next search, and of every gap in what the
 * pubsub delivered, after which they read everything again. Subscribed
 * before the thread first reads, so no change is missed.
 */
function searchingOf(context: SubgraphContext): Promise<{ thread: SuitSearchThread; pieces: SuitPieces }> {
  let entry = searching.get(context.pool);
  if (!entry) {
    entry = (async () => {
      const thread = new SuitSearchThread();
      const pieces = new SuitPieces();
      const changed = (message: { key: string }): void => {
        thread.itemsChanged(message.key);
        pieces.changed(message.key);
      };
      // Changes the pubsub lost would leave both holding items that are gone: they read everything again.
      context.pubsub.onGap(() => {
        thread.allItemsChanged();
        pieces.allChanged();
      });
      await Promise.all(inventoryTopics.map((topic) => context.pubsub.subscribe(topic, changed)));
      return { thread, pieces };
    })();
    searching.set(context.pool, entry);
    entry.catch(() => searching.delete(context.pool));
  }
  return entry;
}

/** Locked pieces must be among the chosen characters' wearable items (NOT_FOUND) and fit together (BAD_USER_INPUT). */
async function checkLocked(context: SubgraphContext, query: SuitQuery, characters: readonly string[] | null, includeEquipped: boolean): Promise<void> {
  const keys = query.locked.map(ownerAndId);
  const { rows } = await context.pool.query<SuitItemRow>(
    suitItemRows(characters, includeEquipped, { owners: keys.map((key) => key.owner), ids: keys.map((key) => key.id) }),
  );
  const locked = rows.map(suitItemOf);
  const found = new Set(locked.map((item) => item.key));
  for (const key of query.locked) {
    if (!found.has(key)) throw graphError(GraphErrorCode.NOT_FOUND, `Locked piece ${describeKey(key)} is not among the chosen characters' wearable items.`, { argument: 'input.locked' });
  }
  try {
    checkLockedPieces(locked, query);
  } catch (error) {
    if (error instanceof SuitQueryError) throw graphError(GraphErrorCode.BAD_USER_INPUT, error.message, { argument: 'input.locked' });
    throw error;
  }
}

/** What the suitbuilder's pickers offer, from every wearable item of the fleet. */
export async function suitBuilderOptions(context: SubgraphContext): Promise<SuitBuilderOptions> {
  // Whoever asks what to pick is about to search.
  (await searchingOf(context)).thread.warm({ connection: connectionOf(context.pool) });
  const { rows } = await context.pool.query<SuitItemRow>(suitItemRows(null, true));
  const sets = new Map<string, number>();
  const cantrips = new Map<string, { family: string; best: number; count: number }>();
  const characters = new Set<string>();
  for (const row of rows) {
    characters.add(row.character_name);
    if (row.set_name) sets.set(row.set_name, (sets.get(row.set_name) ?? 0) + 1);
    for (const spell of row.spells) {
      const { family: key, level } = parseCantrip(spell);
      // The family as the spell writes it, without its level word.
      const words = spell.trim().split(/\s+/);
      const family = words.slice(words.length - key.split(' ').length).join(' ');
      const known = cantrips.get(key);
      if (known) {
        known.count++;
        known.best = Math.max(known.best, level);
      } else cantrips.set(key, { family, best: level, count: 1 });
    }
  }
  return {
    sets: [...sets].map(([name, count]) => ({ name, count })).sort((a, b) => mostFirst(a.count, b.count, a.name, b.name)),
    cantrips: [...cantrips.values()]
      .sort((a, b) => mostFirst(a.count, b.count, a.family, b.family))
      .map(({ family, best, count }) => ({ family, bestLevel: CANTRIP_LEVELS[best] as CantripLevel, count })),
    characters: [...characters].sort(),
  };
}

/** Orders by count, most first, then by name. */
function mostFirst(countA: number, countB: number, nameA: string, nameB: string): number {
  return countB - countA || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
}

/** `input` with every default applied, or BAD_USER_INPUT naming what is wrong. */
export function suitQueryOf(input: SuitSearchInput): SuitQuery {
  const suits = input.suits ?? 10;
  const timeBudgetMs = input.timeBudgetMs ?? 10_000;
  within('input.suits', suits, SUIT_LIMITS.suits);
  within('input.timeBudgetMs', timeBudgetMs, SUIT_LIMITS.timeBudgetMs);
  const cantrips = input.cantrips ?? [];
  if (cantrips.length > SUIT_LIMITS.cantrips) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `input.cantrips may name at most ${SUIT_LIMITS.cantrips} cantrips, got ${cantrips.length}.`, { argument: 'input.cantrips' });
  }
  cantrips.forEach((cantrip, index) => {
    requireStorableText(cantrip.family, `input.cantrips[${index}].family`);
    if (cantrip.family.trim() === '') throw graphError(GraphErrorCode.BAD_USER_INPUT, `input.cantrips[${index}].family is empty: name a cantrip family such as Strength.`, { argument: `input.cantrips[${index}].family` });
  });
  const weights: SuitWeights = { ...DEFAULT_WEIGHTS };
  for (const name of Object.keys(DEFAULT_WEIGHTS) as (keyof SuitWeights)[]) {
    const value = input.weights?.[name];
    if (value === null || value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) {
      throw graphError(GraphErrorCode.BAD_USER_INPUT, `input.weights.${name} must be 0 or more, got ${value}.`, { argument: `input.weights.${name}` });
    }
    weights[name] = value;
  }
  const minArmorLevel = input.minArmorLevel ?? 0;
  if (minArmorLevel < 0) throw graphError(GraphErrorCode.BAD_USER_INPUT, `input.minArmorLevel must be 0 or more, got ${minArmorLevel}.`, { argument: 'input.minArmorLevel' });
  const groups = input.slotGroups ?? ALL_GROUPS;
  if (groups.length === 0) throw graphError(GraphErrorCode.BAD_USER_INPUT, 'input.slotGroups is empty: name at least one of ARMOR, UNDERCLOTHES, JEWELRY.', { argument: 'input.slotGroups' });
  return {
    primarySet: setChoiceOf(input.primarySet, 'input.primarySet'),
    secondarySet: setChoiceOf(input.secondarySet, 'input.secondarySet'),
    cantrips: cantrips.map((cantrip) => ({ family: cantrip.family.trim(), minLevel: cantrip.minLevel ?? 'MINOR' })),
    minArmorLevel,
    locked: itemKeysOf(input.locked, 'input.locked'),
    excluded: itemKeysOf(input.excluded, 'input.excluded'),
    slotGroups: [...new Set(groups)],
    weights,
    suits,
    timeBudgetMs,
  };
}

/** Item keys of `input.locked` or `input.excluded`, once each; an id must be a game id (digits). */
function itemKeysOf(keys: readonly { owner: string; id: string }[] | null | undefined, argument: string): string[] {
  (keys ?? []).forEach(({ owner, id }, index) => {
    requireStorableText(owner, `${argument}[${index}].owner`);
    if (!/^\d{1,19}$/.test(id)) throw graphError(GraphErrorCode.BAD_USER_INPUT, `${argument}[${index}].id must be an item's game id (digits), got "${id}".`, { argument: `${argument}[${index}].id` });
  });
  return [...new Set((keys ?? []).map((key) => suitItemKey(key.owner, key.id)))];
}

function within(argument: string, value: number, [min, max]: readonly [number, number]): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${argument} must be from ${min} to ${max}, got ${value}.`, { argument, min, max });
  }
}

function setChoiceOf(choice: SuitSetChoice | null | undefined, argument: string): SetChoice {
  if (!choice || choice.mode === 'ANY') return { mode: 'ANY' };
  if (choice.mode === 'NONE') return { mode: 'NONE' };
  const name = choice.name?.trim() ?? '';
  requireStorableText(name, `${argument}.name`);
  if (name === '') throw graphError(GraphErrorCode.BAD_USER_INPUT, `${argument}.name is needed with mode NAMED: name a set such as Defender's Set.`, { argument: `${argument}.name` });
  return { mode: 'NAMED', name };
}

function describeKey(key: string): string {
  const { owner, id } = ownerAndId(key);
  return `${id} of ${owner}`;
}

function toGraphEvent(event: SearchEvent, items: ReadonlyMap<string, Item>): SuitSearchEvent {
  const base = { kind: event.kind, progress: event.progress, suit: null, done: null };
  if (event.kind === 'PROGRESS') return base;
  if (event.kind === 'SUIT') return { ...base, suit: toGraphSuit(event.suit, items) };
  return { ...base, done: { exhaustive: event.exhaustive, message: event.message, suits: event.suits.map((suit) => toGraphSuit(suit, items)) } };
}

function toGraphSuit(suit: FoundSuit, items: ReadonlyMap<string, Item>): Suit {
  const pieces = suit.pieces.map((piece) => toGraphPiece(piece, items));
  const gather = gatherList(pieces);
  return {
    rank: suit.rank,
    score: suit.score,
    scoreParts: suit.scoreParts,
    why: suit.why,
    armorLevel: suit.armorLevel,
    pieces,
    sets: suit.sets,
    cantrips: suit.cantrips,
    missingCantrips: suit.missingCantrips,
    ratings: suit.ratings,
    gather,
    gatherText: gatherText(gather),
  };
}

function toGraphPiece(piece: FoundPiece, items: ReadonlyMap<string, Item>): SuitPiece {
  const item = items.get(piece.key);
  if (!item) throw new Error(`the search returned an item it was not given: ${describeKey(piece.key)}`);
  return { item, slots: piece.slots, reduction: piece.reduction };
}

/**
 * The pieces grouped by the character holding them, the characters with the
 * most pieces first (ties by name), each character's pieces in slot order.
 */
export function gatherList(pieces: readonly SuitPiece[]): SuitGatherStop[] {
  const byOwner = new Map<string, SuitPiece[]>();
  for (const piece of pieces) {
    const owner = piece.item.owner.name;
    const list = byOwner.get(owner);
    if (list) list.push(piece);
    else byOwner.set(owner, [piece]);
  }
  return [...byOwner]
    .sort(([a, left], [b, right]) => right.length - left.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(([character, held]) => ({ character, pieces: [...held].sort((x, y) => slotOrder(x) - slotOrder(y)) }));
}

function slotOrder(piece: SuitPiece): number {
  return SUIT_SLOTS.indexOf(piece.slots[0] as (typeof SUIT_SLOTS)[number]);
}

/** One line per character: `Name: piece (slot), piece (slot)`. */
export function gatherText(gather: readonly SuitGatherStop[]): string {
  return gather
    .map(({ character, pieces }) => `${character}: ${pieces.map((piece) => `${piece.item.name} (${piece.slots.map(slotName).join(' + ')}${piece.reduction ? `, ${piece.reduction.toLowerCase()}` : ''})`).join(', ')}`)
    .join('\n');
}

function slotName(slot: string): string {
  return slot.toLowerCase().replace(/_/g, ' ');
}
