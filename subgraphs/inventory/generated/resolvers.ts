import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SubgraphContext } from '@lifestone/lib/graph';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant, as an ISO-8601 string in UTC with milliseconds (`2024-05-01T12:00:00.000Z`).
   * As an argument, any ISO-8601 string with a zone is accepted.
   */
  DateTime: { input: Date | string; output: Date | string; }
  /** A selection of fields, as a string: `"name"`, `"id owner { name }"`. */
  FieldSet: { input: unknown; output: unknown; }
  /** Any JSON value, as the plugin sent it. */
  JSON: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
};

/** How strong a cantrip is; a higher level of a family covers a lower one. */
export type CantripLevel =
  | 'EPIC'
  | 'LEGENDARY'
  | 'MAJOR'
  | 'MINOR'
  /** A spell named without a level (`Strength`), or `Moderate`. */
  | 'MODERATE';

/** A game character. Telemetry owns its live state; this subgraph adds what it carries. */
export type Character = {
  __typename?: 'Character';
  /**
   * The inventory grouped by where each item is: first the body (container id 0:
   * equipped items, then loose items and the packs themselves), then each pack
   * with the items inside it, by pack id.
   */
  containers: Array<Container>;
  /** The items the character wields or wears, ordered by item id. */
  equipped: Array<Item>;
  /**
   * Every item the character carries, equipped or in a pack, ordered by item id.
   * Empty when its plugin has not reported an inventory.
   */
  inventory: Array<Item>;
  /** The character's name, exactly as the game spells it. */
  name: Scalars['String']['output'];
};

/** A place items are kept: the character's body or one pack. */
export type Container = {
  __typename?: 'Container';
  /** The container's item id: `0` for the body, else the pack's item id. */
  id: Scalars['ID']['output'];
  /**
   * The items directly inside. The body lists equipped items first, then the
   * others; each group, like a pack's items, ordered by item id.
   */
  items: Array<Item>;
  /** The pack item itself; null for the body, and for a container the inventory does not list. */
  pack?: Maybe<Item>;
};

/** One item in a character's inventory, as its plugin last reported it. */
export type Item = {
  __typename?: 'Item';
  /** Armor level. */
  armorLevel?: Maybe<Scalars['Int']['output']>;
  /** Attack bonus of a weapon, as a fraction (0.15 is +15 %). */
  attackBonus?: Maybe<Scalars['Float']['output']>;
  /** Burden (weight) in burden units. */
  burden?: Maybe<Scalars['Int']['output']>;
  /** The id of the container holding the item: `0` when carried on the body, else a pack's item id. */
  containerId?: Maybe<Scalars['ID']['output']>;
  /** Body slots the item covers; empty when none were reported. */
  coverage: Array<Scalars['String']['output']>;
  /** Where the item is wielded or worn, e.g. `Chest`; null when it is not equipped. */
  equippedSlot?: Maybe<Scalars['String']['output']>;
  /** Properties the wire protocol does not name, as the plugin sent them; null when there are none. */
  extra?: Maybe<Scalars['JSON']['output']>;
  /** The game's item id, unique per character only: the owner's name and this id identify an item. */
  id: Scalars['ID']['output'];
  /** Imbue, e.g. `Crippling Blow`. */
  imbue?: Maybe<Scalars['String']['output']>;
  /** Magic defense bonus, as a fraction. */
  magicDefenseBonus?: Maybe<Scalars['Float']['output']>;
  /** Current mana. */
  mana?: Maybe<Scalars['Int']['output']>;
  /** Material, e.g. `Gold`, `Steel`. */
  material?: Maybe<Scalars['String']['output']>;
  /** Maximum damage of a weapon. */
  maxDamage?: Maybe<Scalars['Float']['output']>;
  /** Maximum mana. */
  maxMana?: Maybe<Scalars['Int']['output']>;
  /** Melee defense bonus, as a fraction. */
  meleeDefenseBonus?: Maybe<Scalars['Float']['output']>;
  /** The item's name. */
  name: Scalars['String']['output'];
  /** The game's object class, e.g. `Armor`, `Jewelry`, `MeleeWeapon`, `Container`. */
  objectClass?: Maybe<Scalars['String']['output']>;
  /** The character carrying the item. */
  owner: Character;
  /** The item's ratings; null when the plugin reported none. */
  ratings?: Maybe<ItemRatings>;
  /** The armor set the item belongs to, e.g. `Defender's Set`. */
  setName?: Maybe<Scalars['String']['output']>;
  /** Spellcraft. */
  spellcraft?: Maybe<Scalars['Int']['output']>;
  /** Names of the spells on the item, in alphabetical order; empty when none. */
  spells: Array<Scalars['String']['output']>;
  /** Number of tinkers applied. */
  tinks?: Maybe<Scalars['Int']['output']>;
  /** When ingest last received a change to the item. */
  updatedAt: Scalars['DateTime']['output'];
  /**
   * The slots the game says the item may be worn in (`valid_slots`), as the
   * plugin names them; empty when the plugin did not say (the suitbuilder then
   * derives them from `coverage`, `objectClass` and `equippedSlot`).
   */
  validSlots: Array<Scalars['String']['output']>;
  /** Value in pyreals. */
  value?: Maybe<Scalars['Float']['output']>;
  /** Skills and levels required to wield the item, in the order reported; empty when none. */
  wieldRequirements: Array<WieldRequirement>;
  /** Workmanship, 1 to 10. */
  workmanship?: Maybe<Scalars['Float']['output']>;
};

/** One change to a character's inventory, as its plugin reported it. */
export type ItemChange = {
  __typename?: 'ItemChange';
  /** What happened. */
  action: ItemChangeAction;
  /** When the plugin observed the change. */
  at: Scalars['DateTime']['output'];
  /** The character whose inventory changed. */
  character: Character;
  /** The item as it is now, for `ADD` and `UPDATE`; null otherwise. */
  item?: Maybe<Item>;
  /** The item concerned; null for `REPLACE_ALL`. */
  itemId?: Maybe<Scalars['ID']['output']>;
  /** The complete new inventory, for `REPLACE_ALL`; null otherwise. */
  items?: Maybe<Array<Item>>;
};

/** What happened to an inventory. */
export type ItemChangeAction =
  /** An item arrived. */
  | 'ADD'
  /** An item is gone. */
  | 'REMOVE'
  /** The plugin reported the whole inventory (at login): it replaces everything known before. */
  | 'REPLACE_ALL'
  /** An item changed. */
  | 'UPDATE';

/** One page of items found by `searchItems`, in the order it was asked for. */
export type ItemConnection = {
  __typename?: 'ItemConnection';
  /** The items of this page, each with the cursor to continue after it. */
  edges: Array<ItemEdge>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many items match the filter in all, across every page. */
  totalCount: Scalars['Int']['output'];
};

/** One item found, with its position in the results. */
export type ItemEdge = {
  __typename?: 'ItemEdge';
  /** Opaque: pass it as `after` to continue with the items after this one. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Item;
};

/**
 * What `searchItems` looks for: every condition given must hold (unset ones are
 * ignored). Strings match case-insensitively (`copper` finds `Copper`);
 * `itemFilterValues` lists the values the fleet's items have. A bound on a
 * property excludes items without it.
 */
export type ItemFilter = {
  /** Highest armor level, inclusive. */
  armorLevelMax?: InputMaybe<Scalars['Int']['input']>;
  /** Lowest armor level, inclusive. */
  armorLevelMin?: InputMaybe<Scalars['Int']['input']>;
  /** Only items of these characters (exact names); an empty list matches nothing. */
  characters?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Lowest critical damage rating, inclusive. */
  critDamageMin?: InputMaybe<Scalars['Int']['input']>;
  /** Lowest critical damage resistance rating, inclusive. */
  critDamageResistMin?: InputMaybe<Scalars['Int']['input']>;
  /** Lowest critical hit rating, inclusive. */
  critMin?: InputMaybe<Scalars['Int']['input']>;
  /** Lowest critical hit resistance rating, inclusive. */
  critResistMin?: InputMaybe<Scalars['Int']['input']>;
  /** Lowest damage rating, inclusive. */
  damageMin?: InputMaybe<Scalars['Int']['input']>;
  /** Lowest damage resistance rating, inclusive. */
  damageResistMin?: InputMaybe<Scalars['Int']['input']>;
  /** True: only equipped items; false: only items not equipped. */
  equipped?: InputMaybe<Scalars['Boolean']['input']>;
  /** Lowest healing boost rating, inclusive. */
  healBoostMin?: InputMaybe<Scalars['Int']['input']>;
  /** The item's material, whole and case-insensitive. */
  material?: InputMaybe<Scalars['String']['input']>;
  /** The item's object class, e.g. `Armor`, whole and case-insensitive. */
  objectClass?: InputMaybe<Scalars['String']['input']>;
  /** The item's armor set, whole and case-insensitive. */
  setName?: InputMaybe<Scalars['String']['input']>;
  /** Spell names the item must all have, each whole and case-insensitive. */
  spells?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A substring of the item's name, case-insensitive. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Most tinkers, inclusive. */
  tinksMax?: InputMaybe<Scalars['Int']['input']>;
  /** Fewest tinkers, inclusive. */
  tinksMin?: InputMaybe<Scalars['Int']['input']>;
  /** Lowest vitality rating, inclusive. */
  vitalityMin?: InputMaybe<Scalars['Int']['input']>;
  /** Highest workmanship, inclusive. */
  workmanshipMax?: InputMaybe<Scalars['Float']['input']>;
  /** Lowest workmanship, inclusive. */
  workmanshipMin?: InputMaybe<Scalars['Float']['input']>;
};

/** The values the fleet's items have, each list distinct and alphabetical. */
export type ItemFilterValues = {
  __typename?: 'ItemFilterValues';
  materials: Array<Scalars['String']['output']>;
  objectClasses: Array<Scalars['String']['output']>;
  setNames: Array<Scalars['String']['output']>;
  spells: Array<Scalars['String']['output']>;
};

/** An item by its owner and game id. */
export type ItemKeyInput = {
  id: Scalars['ID']['input'];
  owner: Scalars['String']['input'];
};

/**
 * The order of `searchItems`. Items without the property come last either way;
 * text is compared without regard to case.
 */
export type ItemOrder = {
  direction?: OrderDirection;
  field: ItemOrderField;
};

/** What `searchItems` can order by. */
export type ItemOrderField =
  /** Armor level. */
  | 'ARMOR_LEVEL'
  /** Maximum damage. */
  | 'MAX_DAMAGE'
  /** The item's name. */
  | 'NAME'
  /** The object class. */
  | 'OBJECT_CLASS'
  /** The owner's name (the default). */
  | 'OWNER'
  /** The armor set. */
  | 'SET_NAME'
  /** Tinkers applied. */
  | 'TINKS'
  /** Value in pyreals. */
  | 'VALUE'
  /** Workmanship. */
  | 'WORKMANSHIP';

/** Ratings an item grants; each is null when the item does not have it. */
export type ItemRatings = {
  __typename?: 'ItemRatings';
  /** Critical hit rating. */
  crit?: Maybe<Scalars['Int']['output']>;
  /** Critical damage rating. */
  critDamage?: Maybe<Scalars['Int']['output']>;
  /** Critical damage resistance rating. */
  critDamageResist?: Maybe<Scalars['Int']['output']>;
  /** Critical hit resistance rating. */
  critResist?: Maybe<Scalars['Int']['output']>;
  /** Damage rating. */
  damage?: Maybe<Scalars['Int']['output']>;
  /** Damage resistance rating. */
  damageResist?: Maybe<Scalars['Int']['output']>;
  /** Healing boost rating. */
  healBoost?: Maybe<Scalars['Int']['output']>;
  /** Vitality rating. */
  vitality?: Maybe<Scalars['Int']['output']>;
};

/** Ascending or descending. */
export type OrderDirection =
  /** Smallest (or A) first. */
  | 'ASC'
  /** Largest (or Z) first. */
  | 'DESC';

/** Where a page of a connection ends. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last edge, to pass as `after` for the next page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede this page (read backward with `last`/`before`); false when it is not known cheaply. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the page's first edge, to pass as `before` for the page before it; null when the page is empty. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * The distinct object classes, materials, sets and spells of every item the
   * fleet holds, alphabetical: what the item search's fields can match.
   */
  itemFilterValues: ItemFilterValues;
  /**
   * Items across every character matching `filter`, in `orderBy` order (owner
   * name by default), ties by owner name then item id. `first` is the page size
   * (at most 200); `after` is the `endCursor` of the previous page, asked with
   * the same `orderBy`. Asheron's Call only: the Minecraft bridge reports no
   * inventories, so Minecraft characters own no item here.
   */
  searchItems: ItemConnection;
  /**
   * What the suitbuilder can draw from: the sets, cantrip families and characters
   * of every wearable item (armour, underclothes, jewellery), to fill its pickers.
   */
  suitBuilderOptions: SuitBuilderOptions;
};


export type QuerySearchItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter: ItemFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ItemOrder>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Inventory changes as ingest stores them, of the given characters (all when omitted). A subscriber that falls too
   * far behind gets a last error coded SUBSCRIBER_TOO_SLOW, then the stream ends: subscribe again and read the
   * inventory anew.
   */
  itemChanges: ItemChange;
  /**
   * The best suits that can be put together from the chosen characters' items,
   * found by an exact branch-and-bound search on a worker thread and streamed as
   * it goes: `PROGRESS` now and then, `SUIT` as suits enter the best list, `DONE`
   * last, with the final ranking. Searches run one at a time per subgraph
   * instance, in the order they came; leaving the subscription stops the search
   * (or takes it out of the queue). A suit is not listed when a piece left over surpasses one of its pieces (it
   * fits the same slots, has the same set as far as the query counts sets, at
   * least its wanted cantrips, and at least its weighted armour level and
   * ratings), nor when a piece left over would fit its empty slots: the better,
   * fuller suit is listed instead. Where suits tie the last listed score, any
   * of them may stand last.
   */
  suitSearch: SuitSearchEvent;
};


export type SubscriptionItemChangesArgs = {
  characters?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type SubscriptionSuitSearchArgs = {
  input: SuitSearchInput;
};

/** A suit: pieces from any of the chosen characters, each in its own slots. */
export type Suit = {
  __typename?: 'Suit';
  /** Suit armour level: each piece's armour level times the armour and underclothes slots it covers. */
  armorLevel: Scalars['Int']['output'];
  /** Wanted cantrips the suit covers, with the level it reaches. */
  cantrips: Array<SuitCantrip>;
  /** Which character holds which piece, grouped by character (fewest logins first: the characters holding the most pieces lead). */
  gather: Array<SuitGatherStop>;
  /** The gather list as plain text, one line per character, to copy. */
  gatherText: Scalars['String']['output'];
  /** Wanted cantrips no piece covers at the level asked. */
  missingCantrips: Array<SuitCantrip>;
  /** The pieces, in slot order (head to trinket). */
  pieces: Array<SuitPiece>;
  /** 1 for the best suit. */
  rank: Scalars['Int']['output'];
  /** Rating totals over the pieces. */
  ratings: SuitRatings;
  /** The weighted score suits are ranked by (see `SuitWeightsInput`). */
  score: Scalars['Float']['output'];
  /** What each part of the objective adds to the score. */
  scoreParts: SuitScoreParts;
  /** Every set worn, most pieces first, with what counts toward its bonus. */
  sets: Array<SuitSetCount>;
  /** Why the suit ranks where it does, in a sentence. */
  why: Scalars['String']['output'];
};

/** What the suitbuilder's pickers offer: sets and cantrip families found among the fleet's wearable items. */
export type SuitBuilderOptions = {
  __typename?: 'SuitBuilderOptions';
  /** Cantrip families on wearable items, with the best level found, most common first. */
  cantrips: Array<SuitCantripOption>;
  /** Characters with at least one wearable item, by name. */
  characters: Array<Scalars['String']['output']>;
  /** Armour sets with how many wearable pieces carry each, most first. */
  sets: Array<SuitOptionCount>;
};

/** A cantrip family in a suit. */
export type SuitCantrip = {
  __typename?: 'SuitCantrip';
  family: Scalars['String']['output'];
  /** The best level among the pieces; null when none has the family. */
  level?: Maybe<CantripLevel>;
  /** The level the search was asked for. */
  wanted: CantripLevel;
};

/** A cantrip family, its best level and how many pieces carry it. */
export type SuitCantripOption = {
  __typename?: 'SuitCantripOption';
  bestLevel: CantripLevel;
  count: Scalars['Int']['output'];
  family: Scalars['String']['output'];
};

/** One character to log in to collect suit pieces. */
export type SuitGatherStop = {
  __typename?: 'SuitGatherStop';
  character: Scalars['String']['output'];
  /** What to take from this character, in slot order. */
  pieces: Array<SuitPiece>;
};

/** A set and how many pieces carry it. */
export type SuitOptionCount = {
  __typename?: 'SuitOptionCount';
  count: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

/** One piece of a suit. */
export type SuitPiece = {
  __typename?: 'SuitPiece';
  /** The item, with its owner. */
  item: Item;
  /** The tailoring reduction the suit needs (`Reduce to Chest`); null when the piece is worn as it is. */
  reduction?: Maybe<Scalars['String']['output']>;
  /** The slots it fills in this suit. */
  slots: Array<SuitSlot>;
};

/** Rating totals of a suit. */
export type SuitRatings = {
  __typename?: 'SuitRatings';
  crit: Scalars['Int']['output'];
  critDamage: Scalars['Int']['output'];
  critDamageResist: Scalars['Int']['output'];
  critResist: Scalars['Int']['output'];
  damage: Scalars['Int']['output'];
  damageResist: Scalars['Int']['output'];
  healBoost: Scalars['Int']['output'];
  vitality: Scalars['Int']['output'];
};

/** The parts of a suit's score. */
export type SuitScoreParts = {
  __typename?: 'SuitScoreParts';
  armorLevel: Scalars['Float']['output'];
  cantrips: Scalars['Float']['output'];
  ratings: Scalars['Float']['output'];
  sets: Scalars['Float']['output'];
};

/** How a suit search ended. */
export type SuitSearchDone = {
  __typename?: 'SuitSearchDone';
  /** True when every possible suit was considered: the list is the exact best. False when the time budget ran out first. */
  exhaustive: Scalars['Boolean']['output'];
  /** A sentence saying how the search ended, for people. */
  message: Scalars['String']['output'];
  /** The final ranking, best first. */
  suits: Array<Suit>;
};

/** One event of a running suit search. */
export type SuitSearchEvent = {
  __typename?: 'SuitSearchEvent';
  /** The outcome, for `DONE`; null otherwise. */
  done?: Maybe<SuitSearchDone>;
  kind: SuitSearchEventKind;
  /** The search's counters at the time of the event. */
  progress: SuitSearchProgress;
  /** The suit, for `SUIT`; null otherwise. */
  suit?: Maybe<Suit>;
};

/** What a `suitSearch` event is. */
export type SuitSearchEventKind =
  /** The search ended: `done` says whether the list is exact and holds the final ranking. The last event. */
  | 'DONE'
  /** How far the search is; sent about every 250 ms. */
  | 'PROGRESS'
  /** A suit that entered the current best list, at `suit.rank`; suits it pushed down move down one. */
  | 'SUIT';

/**
 * What `suitSearch` looks for. Every field has a default: an empty input asks for
 * the ten best suits of any two sets from every character's items.
 */
export type SuitSearchInput = {
  /** Cantrips wanted, at most 64. @default none */
  cantrips?: InputMaybe<Array<WantedCantripInput>>;
  /** Characters whose items may be used (exact names); all when omitted. */
  characters?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Pieces no suit may contain. */
  excluded?: InputMaybe<Array<ItemKeyInput>>;
  /** Whether items a character is wearing may be used. @default true */
  includeEquipped?: InputMaybe<Scalars['Boolean']['input']>;
  /** Pieces every suit must contain; the suit is built around them. A locked piece that fits no wanted slot, or two that need the same slot, make the search fail with BAD_USER_INPUT. */
  locked?: InputMaybe<Array<ItemKeyInput>>;
  /** Suits below this armour level are not listed. @default 0 */
  minArmorLevel?: InputMaybe<Scalars['Int']['input']>;
  /** @default ANY */
  primarySet?: InputMaybe<SuitSetChoice>;
  /** @default ANY */
  secondarySet?: InputMaybe<SuitSetChoice>;
  /** Which slot groups to fill. @default all three */
  slotGroups?: InputMaybe<Array<SuitSlotGroup>>;
  /** How many suits to list, 1 to 50. @default 10 */
  suits?: InputMaybe<Scalars['Int']['input']>;
  /** How long the search may run, in milliseconds, 100 to 60000, reading the items included; past it the search ends with the best suits found so far. @default 10000 */
  timeBudgetMs?: InputMaybe<Scalars['Int']['input']>;
  weights?: InputMaybe<SuitWeightsInput>;
};

/** How far a suit search is. */
export type SuitSearchProgress = {
  __typename?: 'SuitSearchProgress';
  /** The best score found so far; null before the first suit. */
  bestScore?: Maybe<Scalars['Float']['output']>;
  /** Placements left after dominance pruning (an item counts once per way it can be worn). */
  candidates: Scalars['Int']['output'];
  /** Items of the chosen characters that can be worn in a wanted slot. */
  candidatesBeforePruning: Scalars['Int']['output'];
  /** Milliseconds since the search started. */
  elapsedMs: Scalars['Float']['output'];
  /** Search nodes explored so far. */
  nodes: Scalars['Float']['output'];
};

/** The primary or secondary set of a suit search. */
export type SuitSetChoice = {
  mode: SuitSetMode;
  /** The set as the game names it (`Defender's Set`), with `NAMED`; compared case-insensitively. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A set worn by a suit. */
export type SuitSetCount = {
  __typename?: 'SuitSetCount';
  /** The set as the game names it. */
  name: Scalars['String']['output'];
  /** Pieces of the set in the suit. */
  pieces: Scalars['Int']['output'];
  /** Which bonus the set counts toward; null for a set that counts toward none. */
  role?: Maybe<SuitSetRole>;
  /** The bonus tier reached: the pieces that count (the primary set up to 5, the secondary up to 4; others 0). */
  tier: Scalars['Int']['output'];
};

/** How an armour set is chosen for the primary or the secondary set. */
export type SuitSetMode =
  /** Whichever set gives the best suit. */
  | 'ANY'
  /** The set named in `name`. */
  | 'NAMED'
  /** No set bonus counts. */
  | 'NONE';

/** Which bonus a set counts toward. */
export type SuitSetRole =
  /** Up to 5 pieces count. */
  | 'PRIMARY'
  /** Up to 4 pieces count. */
  | 'SECONDARY';

/**
 * A place a suit piece is worn. Armour: nine body slots; underclothes: the shirt
 * (chest wear) and the pants (upper leg wear), worn under the armour; jewellery
 * and the trinket. Rings and bracelets fill the left slot, then the right.
 */
export type SuitSlot =
  | 'ABDOMEN'
  | 'CHEST'
  | 'FEET'
  | 'FINGER_LEFT'
  | 'FINGER_RIGHT'
  | 'HANDS'
  | 'HEAD'
  | 'LOWER_ARMS'
  | 'LOWER_LEGS'
  | 'NECK'
  | 'PANTS'
  | 'SHIRT'
  | 'TRINKET'
  | 'UPPER_ARMS'
  | 'UPPER_LEGS'
  | 'WRIST_LEFT'
  | 'WRIST_RIGHT';

/** Slots that are filled together: the armour's nine, the two underclothes, the six jewellery slots. */
export type SuitSlotGroup =
  /** Head, hands, feet, chest, abdomen, upper and lower arms, upper and lower legs. */
  | 'ARMOR'
  /** Neck, both wrists, both fingers, trinket. */
  | 'JEWELRY'
  /** Shirt and pants. */
  | 'UNDERCLOTHES';

/**
 * How much each part of a suit counts in its score; each weight is 0 or more.
 * The score is the sum of armour level x `armorLevel`, set tiers x `setTier`,
 * wanted cantrips covered x `cantrip` and rating points x `rating`.
 */
export type SuitWeightsInput = {
  /** Per point of suit armour level (each piece's armour level times the armour slots it covers). @default 1 */
  armorLevel?: InputMaybe<Scalars['Float']['input']>;
  /** Per wanted cantrip family covered at its minimum level. @default 2000 */
  cantrip?: InputMaybe<Scalars['Float']['input']>;
  /** Per rating point (damage, damage resist, crit, crit resist, crit damage, crit damage resist, heal boost, vitality). @default 100 */
  rating?: InputMaybe<Scalars['Float']['input']>;
  /** Per piece counted toward a set bonus (the primary set counts up to 5, the secondary up to 4). @default 400 */
  setTier?: InputMaybe<Scalars['Float']['input']>;
};

/**
 * A cantrip the suit should carry: its family (`Strength`, `Invulnerability`,
 * `Heavy Weapon Aptitude`) at `minLevel` or above.
 */
export type WantedCantripInput = {
  /** The family, as spells name it after the level (`Legendary Strength` is the family `Strength`); case-insensitive. */
  family: Scalars['String']['input'];
  minLevel?: InputMaybe<CantripLevel>;
};

/** A skill level needed to wield an item. */
export type WieldRequirement = {
  __typename?: 'WieldRequirement';
  /** The level required. */
  level: Scalars['Int']['output'];
  /** The skill, e.g. `Melee Defense`. */
  skill: Scalars['String']['output'];
};

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Character: Character;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Character:
    ( { __typename: 'Character' }
    & GraphQLRecursivePick<FederationTypes['Character'], {"name":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CantripLevel: CantripLevel;
  Character: ResolverTypeWrapper<Character>;
  Container: ResolverTypeWrapper<Container>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldSet: ResolverTypeWrapper<Scalars['FieldSet']['output']>;
  Item: ResolverTypeWrapper<Item>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ItemChange: ResolverTypeWrapper<ItemChange>;
  ItemChangeAction: ItemChangeAction;
  ItemConnection: ResolverTypeWrapper<ItemConnection>;
  ItemEdge: ResolverTypeWrapper<ItemEdge>;
  ItemFilter: ItemFilter;
  ItemFilterValues: ResolverTypeWrapper<ItemFilterValues>;
  ItemKeyInput: ItemKeyInput;
  ItemOrder: ItemOrder;
  ItemOrderField: ItemOrderField;
  ItemRatings: ResolverTypeWrapper<ItemRatings>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  OrderDirection: OrderDirection;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Suit: ResolverTypeWrapper<Suit>;
  SuitBuilderOptions: ResolverTypeWrapper<SuitBuilderOptions>;
  SuitCantrip: ResolverTypeWrapper<SuitCantrip>;
  SuitCantripOption: ResolverTypeWrapper<SuitCantripOption>;
  SuitGatherStop: ResolverTypeWrapper<SuitGatherStop>;
  SuitOptionCount: ResolverTypeWrapper<SuitOptionCount>;
  SuitPiece: ResolverTypeWrapper<SuitPiece>;
  SuitRatings: ResolverTypeWrapper<SuitRatings>;
  SuitScoreParts: ResolverTypeWrapper<SuitScoreParts>;
  SuitSearchDone: ResolverTypeWrapper<SuitSearchDone>;
  SuitSearchEvent: ResolverTypeWrapper<SuitSearchEvent>;
  SuitSearchEventKind: SuitSearchEventKind;
  SuitSearchInput: SuitSearchInput;
  SuitSearchProgress: ResolverTypeWrapper<SuitSearchProgress>;
  SuitSetChoice: SuitSetChoice;
  SuitSetCount: ResolverTypeWrapper<SuitSetCount>;
  SuitSetMode: SuitSetMode;
  SuitSetRole: SuitSetRole;
  SuitSlot: SuitSlot;
  SuitSlotGroup: SuitSlotGroup;
  SuitWeightsInput: SuitWeightsInput;
  WantedCantripInput: WantedCantripInput;
  WieldRequirement: ResolverTypeWrapper<WieldRequirement>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Character: Character | FederationReferenceTypes['Character'];
  Container: Container;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  FieldSet: Scalars['FieldSet']['output'];
  Item: Item;
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  ItemChange: ItemChange;
  ItemConnection: ItemConnection;
  ItemEdge: ItemEdge;
  ItemFilter: ItemFilter;
  ItemFilterValues: ItemFilterValues;
  ItemKeyInput: ItemKeyInput;
  ItemOrder: ItemOrder;
  ItemRatings: ItemRatings;
  JSON: Scalars['JSON']['output'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
  Suit: Suit;
  SuitBuilderOptions: SuitBuilderOptions;
  SuitCantrip: SuitCantrip;
  SuitCantripOption: SuitCantripOption;
  SuitGatherStop: SuitGatherStop;
  SuitOptionCount: SuitOptionCount;
  SuitPiece: SuitPiece;
  SuitRatings: SuitRatings;
  SuitScoreParts: SuitScoreParts;
  SuitSearchDone: SuitSearchDone;
  SuitSearchEvent: SuitSearchEvent;
  SuitSearchInput: SuitSearchInput;
  SuitSearchProgress: SuitSearchProgress;
  SuitSetChoice: SuitSetChoice;
  SuitSetCount: SuitSetCount;
  SuitWeightsInput: SuitWeightsInput;
  WantedCantripInput: WantedCantripInput;
  WieldRequirement: WieldRequirement;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
}>;

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ExtendsDirectiveArgs = { };

export type ExtendsDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ExtendsDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InterfaceObjectDirectiveArgs = { };

export type InterfaceObjectDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = InterfaceObjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type OverrideDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CharacterResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Character'] = ResolversParentTypes['Character'], FederationReferenceType extends FederationReferenceTypes['Character'] = FederationReferenceTypes['Character']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Character']> | FederationReferenceType, FederationReferenceType, ContextType>;
  containers?: Resolver<Array<ResolversTypes['Container']>, ParentType, ContextType>;
  equipped?: Resolver<Array<ResolversTypes['Item']>, ParentType, ContextType>;
  inventory?: Resolver<Array<ResolversTypes['Item']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ContainerResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Container'] = ResolversParentTypes['Container']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['Item']>, ParentType, ContextType>;
  pack?: Resolver<Maybe<ResolversTypes['Item']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['FieldSet'], any> {
  name: 'FieldSet';
}

export type ItemResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Item'] = ResolversParentTypes['Item']> = ResolversObject<{
  armorLevel?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  attackBonus?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  burden?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  containerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  coverage?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  equippedSlot?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  extra?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imbue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  magicDefenseBonus?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  mana?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  material?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  maxDamage?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  maxMana?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  meleeDefenseBonus?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objectClass?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['Character'], ParentType, ContextType>;
  ratings?: Resolver<Maybe<ResolversTypes['ItemRatings']>, ParentType, ContextType>;
  setName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  spellcraft?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  spells?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tinks?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validSlots?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  wieldRequirements?: Resolver<Array<ResolversTypes['WieldRequirement']>, ParentType, ContextType>;
  workmanship?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ItemChangeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ItemChange'] = ResolversParentTypes['ItemChange']> = ResolversObject<{
  action?: Resolver<ResolversTypes['ItemChangeAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  character?: Resolver<ResolversTypes['Character'], ParentType, ContextType>;
  item?: Resolver<Maybe<ResolversTypes['Item']>, ParentType, ContextType>;
  itemId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  items?: Resolver<Maybe<Array<ResolversTypes['Item']>>, ParentType, ContextType>;
}>;

export type ItemConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ItemConnection'] = ResolversParentTypes['ItemConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ItemEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ItemEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ItemEdge'] = ResolversParentTypes['ItemEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Item'], ParentType, ContextType>;
}>;

export type ItemFilterValuesResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ItemFilterValues'] = ResolversParentTypes['ItemFilterValues']> = ResolversObject<{
  materials?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  objectClasses?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  setNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  spells?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ItemRatingsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ItemRatings'] = ResolversParentTypes['ItemRatings']> = ResolversObject<{
  crit?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  critDamage?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  critDamageResist?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  critResist?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  damage?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  damageResist?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  healBoost?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  vitality?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  itemFilterValues?: Resolver<ResolversTypes['ItemFilterValues'], ParentType, ContextType>;
  searchItems?: Resolver<ResolversTypes['ItemConnection'], ParentType, ContextType, RequireFields<QuerySearchItemsArgs, 'filter' | 'first'>>;
  suitBuilderOptions?: Resolver<ResolversTypes['SuitBuilderOptions'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  itemChanges?: SubscriptionResolver<ResolversTypes['ItemChange'], "itemChanges", ParentType, ContextType, Partial<SubscriptionItemChangesArgs>>;
  suitSearch?: SubscriptionResolver<ResolversTypes['SuitSearchEvent'], "suitSearch", ParentType, ContextType, RequireFields<SubscriptionSuitSearchArgs, 'input'>>;
}>;

export type SuitResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Suit'] = ResolversParentTypes['Suit']> = ResolversObject<{
  armorLevel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cantrips?: Resolver<Array<ResolversTypes['SuitCantrip']>, ParentType, ContextType>;
  gather?: Resolver<Array<ResolversTypes['SuitGatherStop']>, ParentType, ContextType>;
  gatherText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  missingCantrips?: Resolver<Array<ResolversTypes['SuitCantrip']>, ParentType, ContextType>;
  pieces?: Resolver<Array<ResolversTypes['SuitPiece']>, ParentType, ContextType>;
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ratings?: Resolver<ResolversTypes['SuitRatings'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  scoreParts?: Resolver<ResolversTypes['SuitScoreParts'], ParentType, ContextType>;
  sets?: Resolver<Array<ResolversTypes['SuitSetCount']>, ParentType, ContextType>;
  why?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SuitBuilderOptionsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitBuilderOptions'] = ResolversParentTypes['SuitBuilderOptions']> = ResolversObject<{
  cantrips?: Resolver<Array<ResolversTypes['SuitCantripOption']>, ParentType, ContextType>;
  characters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  sets?: Resolver<Array<ResolversTypes['SuitOptionCount']>, ParentType, ContextType>;
}>;

export type SuitCantripResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitCantrip'] = ResolversParentTypes['SuitCantrip']> = ResolversObject<{
  family?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes['CantripLevel']>, ParentType, ContextType>;
  wanted?: Resolver<ResolversTypes['CantripLevel'], ParentType, ContextType>;
}>;

export type SuitCantripOptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitCantripOption'] = ResolversParentTypes['SuitCantripOption']> = ResolversObject<{
  bestLevel?: Resolver<ResolversTypes['CantripLevel'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  family?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SuitGatherStopResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitGatherStop'] = ResolversParentTypes['SuitGatherStop']> = ResolversObject<{
  character?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pieces?: Resolver<Array<ResolversTypes['SuitPiece']>, ParentType, ContextType>;
}>;

export type SuitOptionCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitOptionCount'] = ResolversParentTypes['SuitOptionCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SuitPieceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitPiece'] = ResolversParentTypes['SuitPiece']> = ResolversObject<{
  item?: Resolver<ResolversTypes['Item'], ParentType, ContextType>;
  reduction?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  slots?: Resolver<Array<ResolversTypes['SuitSlot']>, ParentType, ContextType>;
}>;

export type SuitRatingsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitRatings'] = ResolversParentTypes['SuitRatings']> = ResolversObject<{
  crit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  critDamage?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  critDamageResist?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  critResist?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  damage?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  damageResist?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  healBoost?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vitality?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type SuitScorePartsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitScoreParts'] = ResolversParentTypes['SuitScoreParts']> = ResolversObject<{
  armorLevel?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  cantrips?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  ratings?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sets?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type SuitSearchDoneResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitSearchDone'] = ResolversParentTypes['SuitSearchDone']> = ResolversObject<{
  exhaustive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  suits?: Resolver<Array<ResolversTypes['Suit']>, ParentType, ContextType>;
}>;

export type SuitSearchEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitSearchEvent'] = ResolversParentTypes['SuitSearchEvent']> = ResolversObject<{
  done?: Resolver<Maybe<ResolversTypes['SuitSearchDone']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SuitSearchEventKind'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['SuitSearchProgress'], ParentType, ContextType>;
  suit?: Resolver<Maybe<ResolversTypes['Suit']>, ParentType, ContextType>;
}>;

export type SuitSearchProgressResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitSearchProgress'] = ResolversParentTypes['SuitSearchProgress']> = ResolversObject<{
  bestScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  candidates?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  candidatesBeforePruning?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  elapsedMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  nodes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type SuitSetCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SuitSetCount'] = ResolversParentTypes['SuitSetCount']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pieces?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['SuitSetRole']>, ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WieldRequirementResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WieldRequirement'] = ResolversParentTypes['WieldRequirement']> = ResolversObject<{
  level?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  skill?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Character?: CharacterResolvers<ContextType>;
  Container?: ContainerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FieldSet?: GraphQLScalarType;
  Item?: ItemResolvers<ContextType>;
  ItemChange?: ItemChangeResolvers<ContextType>;
  ItemConnection?: ItemConnectionResolvers<ContextType>;
  ItemEdge?: ItemEdgeResolvers<ContextType>;
  ItemFilterValues?: ItemFilterValuesResolvers<ContextType>;
  ItemRatings?: ItemRatingsResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Suit?: SuitResolvers<ContextType>;
  SuitBuilderOptions?: SuitBuilderOptionsResolvers<ContextType>;
  SuitCantrip?: SuitCantripResolvers<ContextType>;
  SuitCantripOption?: SuitCantripOptionResolvers<ContextType>;
  SuitGatherStop?: SuitGatherStopResolvers<ContextType>;
  SuitOptionCount?: SuitOptionCountResolvers<ContextType>;
  SuitPiece?: SuitPieceResolvers<ContextType>;
  SuitRatings?: SuitRatingsResolvers<ContextType>;
  SuitScoreParts?: SuitScorePartsResolvers<ContextType>;
  SuitSearchDone?: SuitSearchDoneResolvers<ContextType>;
  SuitSearchEvent?: SuitSearchEventResolvers<ContextType>;
  SuitSearchProgress?: SuitSearchProgressResolvers<ContextType>;
  SuitSetCount?: SuitSetCountResolvers<ContextType>;
  WieldRequirement?: WieldRequirementResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  extends?: ExtendsDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  interfaceObject?: InterfaceObjectDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  override?: OverrideDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
}>;
