/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an alert is about. */
export type AlertType =
  /**
   * The character died: its vitae went from none to some, or its session's deaths counter rose. At most one per
   * character per death cooldown (`LIFESTONE_DEATH_ALERT_COOLDOWN_MS`, 5 minutes by default).
   */
  | 'DEATH'
  /** A goal set for the character (`setGoal`) was reached; `goal` says which. One per goal. */
  | 'GOAL_REACHED'
  /**
   * The character has been idle (its automation reports `Idle`, or it neither moved nor killed) for the idle time
   * (`LIFESTONE_IDLE_ALERT_MS`, 5 minutes by default) without a break. One per idle spell; a character that logs out is
   * not idle.
   */
  | 'IDLE'
  /** The character is active again (it moved or killed) after an `IDLE` alert. */
  | 'IDLE_ENDED'
  /**
   * The character picked up an item worth at least the fleet's loot threshold (`setLootAlertThreshold`); `loot` says
   * which. None while no threshold is set. Great rares raise `RARE` alerts of tier `GREAT`.
   */
  | 'LOOT'
  /**
   * The character stopped reporting for the offline time (`LIFESTONE_OFFLINE_ALERT_MS`, 10 minutes by default) without
   * its plugin closing its connection cleanly (a logout closes it cleanly). One per silence.
   */
  | 'OFFLINE'
  /** The character found a rare; `rare` says which and its tier. */
  | 'RARE'
  /** A chat line the character saw matched the vortex pattern (`LIFESTONE_VORTEX_PATTERN`: whirlwind of vortexes). */
  | 'VORTEX';

/** What an `AskEvent` carries. */
export type AskEventType =
  /** The answer is complete: `text` is all of it, `messageId` the stored answer. The last event. */
  | 'DONE'
  /** The answer failed: `errorCode` and `text` (a message a person can act on). The last event. */
  | 'ERROR'
  /** A piece of the answer's text, in `text`, in order. */
  | 'TOKEN'
  /** The assistant calls a tool: `tool`, `toolCallId`, `arguments`. */
  | 'TOOL_CALL'
  /** A tool returned: `tool`, `toolCallId`, `resultSummary`, `resultBytes`, `isError`, `durationMs`. */
  | 'TOOL_RESULT';

/** Who wrote a message. */
export type AssistantMessageRole =
  /** The assistant's answer. */
  | 'ASSISTANT'
  /** The caller's question. */
  | 'USER';

/** The kind of model service the assistant talks to. */
export type AssistantProvider =
  /** Anthropic's Messages API (`LIFESTONE_LLM_PROVIDER=anthropic`). */
  | 'ANTHROPIC'
  /** An OpenAI-compatible chat completions API: OpenAI, Ollama, llama.cpp, vLLM (`LIFESTONE_LLM_PROVIDER=openai`). */
  | 'OPENAI';

/** What a Mind's Eye event is. */
export type AssistantTraceType =
  /** The assistant calls a tool. */
  | 'TOOL_CALL'
  /** The tool returned. */
  | 'TOOL_RESULT';

/** How strong a cantrip is; a higher level of a family covers a lower one. */
export type CantripLevel =
  | 'EPIC'
  | 'LEGENDARY'
  | 'MAJOR'
  | 'MINOR'
  /** A spell named without a level (`Strength`), or `Moderate`. */
  | 'MODERATE';

/** The frame types of the plugin wire protocol, one value each. */
export type EventType =
  /** The character sheet. */
  | 'CHARACTER_STATS'
  /** A chat line. */
  | 'CHAT'
  /** A cumulative snapshot of the session's combat. */
  | 'COMBAT_STATS'
  /** The tiles of a dungeon. */
  | 'DUNGEON_MAP'
  /** Spells active on the character. */
  | 'EQUIPMENT_CANTRIP_STATE'
  /** The complete inventory at login. */
  | 'FULL_INVENTORY'
  /** One inventory change. */
  | 'INVENTORY_DELTA'
  /** What the radar sees. */
  | 'NEARBY_OBJECTS'
  /** A portal seen. */
  | 'PORTAL'
  /** Quest timers. */
  | 'QUEST'
  /** A rare item found. */
  | 'RARE'
  /** Vitals shared with a fellowship. */
  | 'SHARE_VITALS'
  /** A monster spawned. */
  | 'SPAWN'
  /** Position, state and session counters, every 2 s. */
  | 'TELEMETRY'
  /** Health, stamina, mana and vitae. */
  | 'VITALS';

/** The game a character plays. */
export type Game =
  /** Asheron's Call, reported by a plugin in the game client: what a character is unless its frames name another game. */
  | 'ASHERONS_CALL'
  /** Minecraft (Java Edition), reported by the Minecraft bridge's spectator bot; positions are block coordinates (`ew` = x, `ns` = −z, `z` = y). */
  | 'MINECRAFT';

/** What a goal measures. */
export type GoalKind =
  /** Earn an amount of experience from when the goal is set. Progress is the experience earned since. */
  | 'EXPERIENCE'
  /** Kill a number of one monster from when the goal is set. Progress is its kills since (combat statistics). */
  | 'KILLS'
  /** Reach a level (at most the game's cap, 275). Progress is the character's level. */
  | 'LEVEL'
  /** Find a number of rares from when the goal is set. Progress is the rares found since. */
  | 'RARES';

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

/**
 * What `searchItems` looks for: every condition given must hold (unset ones are
 * ignored). Strings match case-insensitively (`copper` finds `Copper`);
 * `itemFilterValues` lists the values the fleet's items have. A bound on a
 * property excludes items without it.
 */
export type ItemFilter = {
  /** Highest armor level, inclusive. */
  armorLevelMax?: number | null | undefined;
  /** Lowest armor level, inclusive. */
  armorLevelMin?: number | null | undefined;
  /** Only items of these characters (exact names); an empty list matches nothing. */
  characters?: Array<string> | null | undefined;
  /** Lowest critical damage rating, inclusive. */
  critDamageMin?: number | null | undefined;
  /** Lowest critical damage resistance rating, inclusive. */
  critDamageResistMin?: number | null | undefined;
  /** Lowest critical hit rating, inclusive. */
  critMin?: number | null | undefined;
  /** Lowest critical hit resistance rating, inclusive. */
  critResistMin?: number | null | undefined;
  /** Lowest damage rating, inclusive. */
  damageMin?: number | null | undefined;
  /** Lowest damage resistance rating, inclusive. */
  damageResistMin?: number | null | undefined;
  /** True: only equipped items; false: only items not equipped. */
  equipped?: boolean | null | undefined;
  /** Lowest healing boost rating, inclusive. */
  healBoostMin?: number | null | undefined;
  /** The item's material, whole and case-insensitive. */
  material?: string | null | undefined;
  /** The item's object class, e.g. `Armor`, whole and case-insensitive. */
  objectClass?: string | null | undefined;
  /** The item's armor set, whole and case-insensitive. */
  setName?: string | null | undefined;
  /** Spell names the item must all have, each whole and case-insensitive. */
  spells?: Array<string> | null | undefined;
  /** A substring of the item's name, case-insensitive. */
  text?: string | null | undefined;
  /** Most tinkers, inclusive. */
  tinksMax?: number | null | undefined;
  /** Fewest tinkers, inclusive. */
  tinksMin?: number | null | undefined;
  /** Lowest vitality rating, inclusive. */
  vitalityMin?: number | null | undefined;
  /** Highest workmanship, inclusive. */
  workmanshipMax?: number | null | undefined;
  /** Lowest workmanship, inclusive. */
  workmanshipMin?: number | null | undefined;
};

/** An item by its owner and game id. */
export type ItemKeyInput = {
  id: string | number;
  owner: string;
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

/** Ascending or descending. */
export type OrderDirection =
  /** Smallest (or A) first. */
  | 'ASC'
  /** Largest (or Z) first. */
  | 'DESC';

/** How rare a rare is: the community's two tiers. */
export type RareTier =
  /** Tier-one rares that drop most often: the gems and the mastery glyphs. */
  | 'COMMON'
  /** Every other rare: weapons, armour, jewellery, casters, keys, trinkets. */
  | 'GREAT';

/**
 * Which stretch of time a rate is measured over. Every window ends now and starts no earlier than the caller's last
 * `resetRates`.
 */
export type RateWindow =
  /** The last 24 hours. */
  | 'DAY'
  /** The last hour. */
  | 'HOUR'
  /** The character's current session: since its first report after its latest login (its session id changed). */
  | 'SESSION'
  /** The last 6 hours. */
  | 'SIX_HOURS';

/** What a caller may do: viewers read, operators also send commands to plugins, admins also manage accounts and API tokens. */
export type Role =
  /** Does everything, including managing accounts and API tokens. */
  | 'ADMIN'
  /** Reads everything and sends commands to plugins. */
  | 'OPERATOR'
  /** Reads everything. */
  | 'VIEWER';

/** Whether a game server is reachable. */
export type ServerState =
  /** Not reachable. */
  | 'DOWN'
  /** Not known yet. */
  | 'UNKNOWN'
  /** Reachable. */
  | 'UP';

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
  cantrips?: Array<WantedCantripInput> | null | undefined;
  /** Characters whose items may be used (exact names); all when omitted. */
  characters?: Array<string> | null | undefined;
  /** Pieces no suit may contain. */
  excluded?: Array<ItemKeyInput> | null | undefined;
  /** Whether items a character is wearing may be used. @default true */
  includeEquipped?: boolean | null | undefined;
  /** Pieces every suit must contain; the suit is built around them. A locked piece that fits no wanted slot, or two that need the same slot, make the search fail with BAD_USER_INPUT. */
  locked?: Array<ItemKeyInput> | null | undefined;
  /** Suits below this armour level are not listed. @default 0 */
  minArmorLevel?: number | null | undefined;
  /** @default ANY */
  primarySet?: SuitSetChoice | null | undefined;
  /** @default ANY */
  secondarySet?: SuitSetChoice | null | undefined;
  /** Which slot groups to fill. @default all three */
  slotGroups?: Array<SuitSlotGroup> | null | undefined;
  /** How many suits to list, 1 to 50. @default 10 */
  suits?: number | null | undefined;
  /** How long the search may run, in milliseconds, 100 to 60000, reading the items included; past it the search ends with the best suits found so far. @default 10000 */
  timeBudgetMs?: number | null | undefined;
  weights?: SuitWeightsInput | null | undefined;
};

/** The primary or secondary set of a suit search. */
export type SuitSetChoice = {
  mode: SuitSetMode;
  /** The set as the game names it (`Defender's Set`), with `NAMED`; compared case-insensitively. */
  name?: string | null | undefined;
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
  armorLevel?: number | null | undefined;
  /** Per wanted cantrip family covered at its minimum level. @default 2000 */
  cantrip?: number | null | undefined;
  /** Per rating point (damage, damage resist, crit, crit resist, crit damage, crit damage resist, heal boost, vitality). @default 100 */
  rating?: number | null | undefined;
  /** Per piece counted toward a set bonus (the primary set counts up to 5, the secondary up to 4). @default 400 */
  setTier?: number | null | undefined;
};

/**
 * A cantrip the suit should carry: its family (`Strength`, `Invulnerability`,
 * `Heavy Weapon Aptitude`) at `minLevel` or above.
 */
export type WantedCantripInput = {
  /** The family, as spells name it after the level (`Legendary Strength` is the family `Strength`); case-insensitive. */
  family: string;
  minLevel?: CantripLevel | null | undefined;
};

export type AccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountsQuery = { accounts: Array<{ id: string, name: string, role: Role, createdAt: string, sessions: number }>, apiTokens: Array<{ id: string, name: string, role: Role, createdBy: string | null, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type CreateAccountMutationVariables = Exact<{
  name: string;
  password: string;
  role: Role;
}>;


export type CreateAccountMutation = { createAccount: { id: string, name: string, role: Role } };

export type SetAccountRoleMutationVariables = Exact<{
  name: string;
  role: Role;
}>;


export type SetAccountRoleMutation = { setAccountRole: { id: string, name: string, role: Role } };

export type ResetPasswordMutationVariables = Exact<{
  name: string;
}>;


export type ResetPasswordMutation = { resetPassword: { password: string, account: { name: string } } };

export type DeleteAccountMutationVariables = Exact<{
  name: string;
}>;


export type DeleteAccountMutation = { deleteAccount: boolean };

export type RevokeApiTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiTokenMutation = { revokeApiToken: boolean };

export type CreateApiTokenMutationVariables = Exact<{
  name: string;
  role: Role;
}>;


export type CreateApiTokenMutation = { createApiToken: { id: string, name: string, role: Role, token: string } };

export type PluginKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type PluginKeysQuery = { pluginKeys: Array<{ id: string, name: string, characters: Array<string>, charactersFixed: boolean, createdBy: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type CreatePluginKeyMutationVariables = Exact<{
  name: string;
  characters?: Array<string> | string | null | undefined;
}>;


export type CreatePluginKeyMutation = { createPluginKey: { key: string, pluginKey: { id: string, name: string } } };

export type SetPluginKeyCharactersMutationVariables = Exact<{
  id: string | number;
  characters: Array<string> | string;
}>;


export type SetPluginKeyCharactersMutation = { setPluginKeyCharacters: { id: string, name: string, characters: Array<string> } };

export type RevokePluginKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokePluginKeyMutation = { revokePluginKey: boolean };

export type AlertRowFragment = { id: string, cursor: string, type: AlertType, character: string, characterLookalikes: Array<string>, time: string, summary: string, coordinates: string | null, rare: { name: string, tier: RareTier } | null };

export type AlertFeedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AlertFeedSubscription = { alerts: { id: string, cursor: string, type: AlertType, character: string, characterLookalikes: Array<string>, time: string, summary: string, coordinates: string | null, rare: { name: string, tier: RareTier } | null } };

export type AlertNewestQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertNewestQuery = { alerts: { edges: Array<{ node: { id: string, cursor: string, type: AlertType, character: string, characterLookalikes: Array<string>, time: string, summary: string, coordinates: string | null, rare: { name: string, tier: RareTier } | null } }> } };

export type AlertCatchUpQueryVariables = Exact<{
  before?: string | null | undefined;
  last: number;
}>;


export type AlertCatchUpQuery = { alerts: { edges: Array<{ node: { id: string, cursor: string, type: AlertType, character: string, characterLookalikes: Array<string>, time: string, summary: string, coordinates: string | null, rare: { name: string, tier: RareTier } | null } }>, pageInfo: { hasPreviousPage: boolean } } };

export type AlertHistoryQueryVariables = Exact<{
  types?: Array<AlertType> | AlertType | null | undefined;
  characters?: Array<string> | string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type AlertHistoryQuery = { alerts: { edges: Array<{ node: { id: string, cursor: string, type: AlertType, character: string, characterLookalikes: Array<string>, time: string, summary: string, coordinates: string | null, rare: { name: string, tier: RareTier } | null } }>, pageInfo: { hasNextPage: boolean } } };

export type AssistantStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type AssistantStatusQuery = { assistant: { configured: boolean, provider: AssistantProvider | null, model: string | null, hint: string | null, asksPerHour: number, asksLeft: number, timeoutMs: number } };

export type AssistantSessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type AssistantSessionsQuery = { assistantSessions: Array<{ id: string, title: string | null, updatedAt: string, messageCount: number }> };

export type AssistantHistoryQueryVariables = Exact<{
  id: string | number;
}>;


export type AssistantHistoryQuery = { assistantSession: { id: string, title: string | null, messages: Array<{ id: string, role: AssistantMessageRole, text: string, errorCode: string | null, traceId: string, time: string, toolCalls: Array<{ id: string, tool: string, arguments: unknown, resultSummary: string | null, resultBytes: number | null, isError: boolean, durationMs: number | null }> }> } | null };

export type NewAssistantSessionMutationVariables = Exact<{ [key: string]: never; }>;


export type NewAssistantSessionMutation = { newAssistantSession: { id: string, title: string | null, updatedAt: string, messageCount: number } };

export type AssistantAskSubscriptionVariables = Exact<{
  sessionId: string | number;
  question: string;
}>;


export type AssistantAskSubscription = { ask: { type: AskEventType, sessionId: string, traceId: string, text: string | null, tool: string | null, toolCallId: string | null, arguments: unknown, resultSummary: string | null, resultBytes: number | null, isError: boolean | null, durationMs: number | null, messageId: string | null, errorCode: string | null, time: string } };

export type DeleteAssistantSessionMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAssistantSessionMutation = { deleteAssistantSession: boolean };

export type MindsEyeSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type MindsEyeSubscription = { mindsEye: { type: AssistantTraceType, toolCallId: string, traceId: string, sessionId: string, user: string, tool: string, arguments: unknown, resultSummary: string | null, resultBytes: number | null, isError: boolean | null, durationMs: number | null, time: string, characters: Array<string>, positions: Array<{ ew: number, ns: number, character: string | null }> } };

export type MindsEyeHistoryQueryVariables = Exact<{
  last: number;
}>;


export type MindsEyeHistoryQuery = { mindsEyeHistory: Array<{ type: AssistantTraceType, toolCallId: string, traceId: string, sessionId: string, user: string, tool: string, arguments: unknown, resultSummary: string | null, resultBytes: number | null, isError: boolean | null, durationMs: number | null, time: string, characters: Array<string>, positions: Array<{ ew: number, ns: number, character: string | null }> }> };

export type CharacterSheetQueryVariables = Exact<{
  name: string;
}>;


export type CharacterSheetQuery = { character: { name: string, lookalikes: Array<string>, stats: { time: string, level: number, race: string | null, gender: string | null, title: string | null, birth: string | null, totalXp: number | null, unassignedXp: number | null, skillCredits: number | null, luminance: number | null, deaths: number | null, allegiance: { name: string | null, monarch: string | null, patron: string | null, rank: number | null, followers: number | null } | null, attributes: Array<{ name: string, base: number, creation: number | null }>, vitals: Array<{ name: string, base: number }>, skills: Array<{ name: string, base: number, training: string | null }> } | null, quests: Array<{ name: string, solves: number | null, maxSolves: number | null, completedAt: string | null, availableInSeconds: number | null, reportedAt: string }>, effects: Array<{ spellId: number, name: string | null, caster: string | null, durationSeconds: number | null, reportedAt: string }> } | null };

export type CharacterLiveQueryVariables = Exact<{
  name: string;
}>;


export type CharacterLiveQuery = { character: { name: string, online: boolean, state: string | null, lastSeen: string | null, vitals: { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number } | null, counters: { kills: number | null, deaths: number | null, rares: number | null, tapers: number | null, killsPerHour: number | null } | null, sessionCounters: { kills: number | null, deaths: number | null, rares: number | null, tapers: number | null, killsPerHour: number | null } | null, plugin: { onlineSeconds: number | null, latencyMs: number | null } | null } | null };

export type CharacterSheetReportsSubscriptionVariables = Exact<{
  name: string;
}>;


export type CharacterSheetReportsSubscription = { events: { type: EventType, character: string } };

export type ChatHistoryQueryVariables = Exact<{
  channel?: string | null | undefined;
  first: number;
}>;


export type ChatHistoryQuery = { chat: Array<{ character: string, channel: string, color: number | null, sender: string | null, text: string, time: string }> };

export type ChatLinesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ChatLinesSubscription = { events: { character: string, time: string, payload:
      | { __typename: 'CharacterStatsPayload' }
      | { __typename: 'ChatPayload', channel: string, color: number | null, sender: string | null, text: string }
      | { __typename: 'CombatStatsPayload' }
      | { __typename: 'DungeonMapPayload' }
      | { __typename: 'EquipmentCantripStatePayload' }
      | { __typename: 'FullInventoryPayload' }
      | { __typename: 'InventoryDeltaPayload' }
      | { __typename: 'NearbyObjectsPayload' }
      | { __typename: 'PortalPayload' }
      | { __typename: 'QuestPayload' }
      | { __typename: 'RarePayload' }
      | { __typename: 'ShareVitalsPayload' }
      | { __typename: 'SpawnPayload' }
      | { __typename: 'TelemetryPayload' }
      | { __typename: 'VitalsPayload' }
     } };

export type OffenseFiguresFragment = { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null };

export type DefenseFiguresFragment = { hits: number, evades: number, resists: number, damage: number };

export type CombatSpanFragment = { kills: number, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number }, byElement: Array<{ element: string, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number } }>, byMonster: Array<{ monster: string, kills: number, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number }, byElement: Array<{ element: string, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number } }> }> };

export type CharacterCombatQueryVariables = Exact<{
  name: string;
}>;


export type CharacterCombatQuery = { character: { name: string, combat: { sessionId: string | null, sessionStartedAt: string | null, updatedAt: string | null, session: { kills: number, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number }, byElement: Array<{ element: string, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number } }>, byMonster: Array<{ monster: string, kills: number, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number }, byElement: Array<{ element: string, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number } }> }> } | null, lifetime: { kills: number, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number }, byElement: Array<{ element: string, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number } }>, byMonster: Array<{ monster: string, kills: number, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number }, byElement: Array<{ element: string, offense: { hits: number, misses: number, crits: number, damage: number, maxHit: number, accuracy: number | null, averageHit: number | null, critRate: number | null }, defense: { hits: number, evades: number, resists: number, damage: number } }> }> } } | null } | null };

export type CombatReportsSubscriptionVariables = Exact<{
  name: string;
}>;


export type CombatReportsSubscription = { events: { type: EventType, character: string } };

export type SendCommandMutationVariables = Exact<{
  character: string;
  command: string;
}>;


export type SendCommandMutation = { sendCommand: boolean };

export type PickerCharactersQueryVariables = Exact<{ [key: string]: never; }>;


export type PickerCharactersQuery = { characters: Array<{ name: string, online: boolean }> };

export type DungeonMapViewQueryVariables = Exact<{
  landblock: string;
}>;


export type DungeonMapViewQuery = { dungeonMap: { landblock: string, time: string, character: string, tiles: Array<{ x: number, y: number, kind: string | null, z: number | null, rotation: number | null, environmentId: number | null }> } | null };

export type DungeonMappedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DungeonMappedSubscription = { events: { character: string, payload:
      | { landblock: string }
      | Record<PropertyKey, never>
     } };

export type EarningRatesFragment = { window: RateWindow, from: string, to: string, hours: number, xpEarned: number | null, xpPerHour: number | null, xpSheets: number, xpPerHourDueAt: string | null, luminanceEarned: number | null, luminancePerHour: number | null, kills: number, killsPerHour: number, deaths: number, deathsPerHour: number, rares: number, raresPerHour: number, tapersUsed: number, tapersPerHour: number, valueGained: number, valueLost: number, valueNet: number, valuePerHour: number };

export type GoalViewFragment = { id: string, kind: GoalKind, target: number, monster: string | null, description: string, progress: number, fraction: number, ratePerHour: number | null, estimatedAt: string | null, reachable: boolean, reachedAt: string | null, character: { name: string } };

export type CharacterEarningsQueryVariables = Exact<{
  name: string;
  window: RateWindow;
}>;


export type CharacterEarningsQuery = { character: { name: string, carriedValue: number | null, rates: { window: RateWindow, from: string, to: string, hours: number, xpEarned: number | null, xpPerHour: number | null, xpSheets: number, xpPerHourDueAt: string | null, luminanceEarned: number | null, luminancePerHour: number | null, kills: number, killsPerHour: number, deaths: number, deathsPerHour: number, rares: number, raresPerHour: number, tapersUsed: number, tapersPerHour: number, valueGained: number, valueLost: number, valueNet: number, valuePerHour: number }, goals: Array<{ id: string, kind: GoalKind, target: number, monster: string | null, description: string, progress: number, fraction: number, ratePerHour: number | null, estimatedAt: string | null, reachable: boolean, reachedAt: string | null, character: { name: string } }> } | null };

export type ResetRatesMutationVariables = Exact<{ [key: string]: never; }>;


export type ResetRatesMutation = { resetRates: string };

export type SetGoalMutationVariables = Exact<{
  character: string;
  kind: GoalKind;
  target: number;
  monster?: string | null | undefined;
}>;


export type SetGoalMutation = { setGoal: { id: string } };

export type DeleteGoalMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteGoalMutation = { deleteGoal: boolean };

export type LootAlertThresholdQueryVariables = Exact<{ [key: string]: never; }>;


export type LootAlertThresholdQuery = { lootAlertThreshold: number | null };

export type SetLootAlertThresholdMutationVariables = Exact<{
  value?: number | null | undefined;
}>;


export type SetLootAlertThresholdMutation = { setLootAlertThreshold: number | null };

export type FellowshipsQueryVariables = Exact<{ [key: string]: never; }>;


export type FellowshipsQuery = { fellowships: Array<{ name: string, members: Array<{ time: string, character: { name: string }, vitals: { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number } }> }> };

export type SharedBarsFragment = { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number };

export type SharedVitalsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SharedVitalsSubscription = { events: { character: string, time: string, payload:
      | { group: string, vitals: { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number } }
      | Record<PropertyKey, never>
     } };

export type FleetPositionsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type FleetPositionsSubscription = { positions: { time: string, positions: Array<{ character: string, time: string, position: { ns: number, ew: number, z: number, heading: number | null } }> } };

export type FleetLivePlayersQueryVariables = Exact<{ [key: string]: never; }>;


export type FleetLivePlayersQuery = { livePlayers: Array<{ name: string, game: Game, state: string | null, lastSeen: string | null, positionTime: string | null, position: { ns: number, ew: number, z: number, heading: number | null } | null }> };

export type FleetBoardRowFragment = { name: string, online: boolean, sessionCounters: { kills: number | null, deaths: number | null, rares: number | null, tapers: number | null, killsPerHour: number | null } | null, counters: { kills: number | null, deaths: number | null, rares: number | null } | null };

export type FleetBoardQueryVariables = Exact<{
  game?: Game | null | undefined;
}>;


export type FleetBoardQuery = { characters: Array<{ name: string, online: boolean, sessionCounters: { kills: number | null, deaths: number | null, rares: number | null, tapers: number | null, killsPerHour: number | null } | null, counters: { kills: number | null, deaths: number | null, rares: number | null } | null }> };

export type ActivityPointFragment = { start: string, kills: number, deaths: number, killsPerHour: number, online: number };

export type FleetActivityQueryVariables = Exact<{
  hours: number;
  bucketMinutes: number;
  game?: Game | null | undefined;
}>;


export type FleetActivityQuery = { fleetHistory: Array<{ start: string, kills: number, deaths: number, killsPerHour: number, online: number }> };

export type CharacterActivityQueryVariables = Exact<{
  name: string;
  hours: number;
  bucketMinutes: number;
}>;


export type CharacterActivityQuery = { character: { name: string, activity: Array<{ start: string, kills: number, deaths: number, killsPerHour: number, online: number }> } | null };

export type FleetEarningRowFragment = { name: string, carriedValue: number | null, rates: { xpPerHour: number | null, killsPerHour: number, deathsPerHour: number, raresPerHour: number, tapersPerHour: number, valuePerHour: number }, goals: Array<{ id: string, description: string, fraction: number, estimatedAt: string | null, reachable: boolean, reachedAt: string | null }> };

export type FleetEarningsQueryVariables = Exact<{
  window: RateWindow;
}>;


export type FleetEarningsQuery = { fleetRates: { characters: Array<{ name: string, carriedValue: number | null, rates: { xpPerHour: number | null, killsPerHour: number, deathsPerHour: number, raresPerHour: number, tapersPerHour: number, valuePerHour: number }, goals: Array<{ id: string, description: string, fraction: number, estimatedAt: string | null, reachable: boolean, reachedAt: string | null }> }> } };

export type PluginHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type PluginHealthQuery = { characters: Array<{ name: string, online: boolean, lastSeen: string | null, plugin: { memMb: number | null, cpuPct: number | null, latencyMs: number | null } | null, refusals: Array<{ code: string, count: number, lastMessage: string, lastAt: string }> }> };

export type CharacterInventoryQueryVariables = Exact<{
  name: string;
}>;


export type CharacterInventoryQuery = { character: { name: string, containers: Array<{ id: string, pack: { id: string, name: string } | null, items: Array<{ id: string, name: string, objectClass: string | null, containerId: string | null, equippedSlot: string | null, value: number | null, burden: number | null, material: string | null, setName: string | null, armorLevel: number | null, coverage: Array<string>, spells: Array<string>, tinks: number | null, workmanship: number | null, imbue: string | null, maxDamage: number | null, attackBonus: number | null, meleeDefenseBonus: number | null, magicDefenseBonus: number | null, mana: number | null, maxMana: number | null, spellcraft: number | null, wieldRequirements: Array<{ skill: string, level: number }>, ratings: { damage: number | null, damageResist: number | null, crit: number | null, critDamage: number | null, critResist: number | null, critDamageResist: number | null, healBoost: number | null, vitality: number | null } | null }> }> } | null };

export type InventoryChangesSubscriptionVariables = Exact<{
  name: string;
}>;


export type InventoryChangesSubscription = { itemChanges: { action: ItemChangeAction, at: string, character: { name: string } } };

export type ItemDetailFragment = { id: string, name: string, objectClass: string | null, containerId: string | null, equippedSlot: string | null, value: number | null, burden: number | null, material: string | null, setName: string | null, armorLevel: number | null, coverage: Array<string>, spells: Array<string>, tinks: number | null, workmanship: number | null, imbue: string | null, maxDamage: number | null, attackBonus: number | null, meleeDefenseBonus: number | null, magicDefenseBonus: number | null, mana: number | null, maxMana: number | null, spellcraft: number | null, wieldRequirements: Array<{ skill: string, level: number }>, ratings: { damage: number | null, damageResist: number | null, crit: number | null, critDamage: number | null, critResist: number | null, critDamageResist: number | null, healBoost: number | null, vitality: number | null } | null };

export type SearchItemsQueryVariables = Exact<{
  filter: ItemFilter;
  orderBy?: ItemOrder | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type SearchItemsQuery = { searchItems: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, edges: Array<{ cursor: string, node: { id: string, name: string, objectClass: string | null, containerId: string | null, equippedSlot: string | null, value: number | null, burden: number | null, material: string | null, setName: string | null, armorLevel: number | null, coverage: Array<string>, spells: Array<string>, tinks: number | null, workmanship: number | null, imbue: string | null, maxDamage: number | null, attackBonus: number | null, meleeDefenseBonus: number | null, magicDefenseBonus: number | null, mana: number | null, maxMana: number | null, spellcraft: number | null, owner: { name: string }, wieldRequirements: Array<{ skill: string, level: number }>, ratings: { damage: number | null, damageResist: number | null, crit: number | null, critDamage: number | null, critResist: number | null, critDamageResist: number | null, healBoost: number | null, vitality: number | null } | null } }> } };

export type ItemFilterValuesQueryVariables = Exact<{ [key: string]: never; }>;


export type ItemFilterValuesQuery = { itemFilterValues: { objectClasses: Array<string>, materials: Array<string>, setNames: Array<string>, spells: Array<string> } };

export type FleetIssuesQueryVariables = Exact<{ [key: string]: never; }>;


export type FleetIssuesQuery = { characters: Array<{ name: string, online: boolean, state: string | null, lastSeen: string | null, refusals: Array<{ code: string, count: number, lastMessage: string, lastAt: string }>, stuck: { since: string, state: string, extent: number } | null }>, serverStatus: Array<{ server: string, status: ServerState, since: string | null }> };

export type FleetIdleAlertsQueryVariables = Exact<{
  since: string;
}>;


export type FleetIdleAlertsQuery = { alerts: { edges: Array<{ node: { type: AlertType, character: string, time: string } }> } };

export type MapTrailQueryVariables = Exact<{
  name: string;
  minutes: number;
}>;


export type MapTrailQuery = { character: { name: string, trail: Array<{ position: { ns: number, ew: number } }> } | null };

export type MapTrailsQueryVariables = Exact<{
  minutes: number;
}>;


export type MapTrailsQuery = { livePlayers: Array<{ name: string, trail: Array<{ position: { ns: number, ew: number } }> }> };

export type MapPortalsQueryVariables = Exact<{ [key: string]: never; }>;


export type MapPortalsQuery = { portals: Array<{ name: string, lastSeen: string, lastSeenBy: string, position: { ns: number, ew: number } }> };

export type MapSpawnHeatmapQueryVariables = Exact<{
  hours: number;
  cell: number;
}>;


export type MapSpawnHeatmapQuery = { spawnHeatmap: Array<{ ns: number, ew: number, size: number, count: number, topMonster: string }> };

export type MapRaresSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type MapRaresSubscription = { events: { character: string, payload:
      | { __typename: 'CharacterStatsPayload' }
      | { __typename: 'ChatPayload' }
      | { __typename: 'CombatStatsPayload' }
      | { __typename: 'DungeonMapPayload' }
      | { __typename: 'EquipmentCantripStatePayload' }
      | { __typename: 'FullInventoryPayload' }
      | { __typename: 'InventoryDeltaPayload' }
      | { __typename: 'NearbyObjectsPayload' }
      | { __typename: 'PortalPayload' }
      | { __typename: 'QuestPayload' }
      | { __typename: 'RarePayload', name: string, tier: RareTier, position: { ns: number, ew: number } }
      | { __typename: 'ShareVitalsPayload' }
      | { __typename: 'SpawnPayload' }
      | { __typename: 'TelemetryPayload' }
      | { __typename: 'VitalsPayload' }
     } };

export type MapFleetReplayQueryVariables = Exact<{
  from: string;
  to: string;
  stepSeconds: number;
}>;


export type MapFleetReplayQuery = { fleetPositions: { times: Array<string>, tracks: Array<{ character: string, ns: Array<number | null>, ew: Array<number | null>, heading: Array<number | null>, state: Array<string | null> }> } };

export type MapImageQueryVariables = Exact<{ [key: string]: never; }>;


export type MapImageQuery = { mapImage: string | null };

export type MinecraftPlayersQueryVariables = Exact<{ [key: string]: never; }>;


export type MinecraftPlayersQuery = { livePlayers: Array<{ name: string, server: string | null, dimension: string | null, state: string | null, lastSeen: string | null, position: { ns: number, ew: number, z: number, heading: number | null } | null, vitals: { healthPct: number } | null, nearbyObjects: Array<{ id: string, name: string | null, objectClass: string | null, distance: number | null, position: { ns: number, ew: number, z: number } }> }> };

export type MinecraftBlocksQueryVariables = Exact<{
  server: string;
  dimension: string;
  since?: string | null | undefined;
}>;


export type MinecraftBlocksQuery = { minecraftBlocks: Array<{ landblock: string, time: string, tiles: Array<{ x: number, y: number, z: number | null, kind: string | null }> }> };

export type MinecraftSlicesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type MinecraftSlicesSubscription = { events: { character: string, payload:
      | { __typename: 'CharacterStatsPayload' }
      | { __typename: 'ChatPayload' }
      | { __typename: 'CombatStatsPayload' }
      | { __typename: 'DungeonMapPayload', landblock: string, tiles: Array<{ x: number, y: number, z: number | null, kind: string | null }> }
      | { __typename: 'EquipmentCantripStatePayload' }
      | { __typename: 'FullInventoryPayload' }
      | { __typename: 'InventoryDeltaPayload' }
      | { __typename: 'NearbyObjectsPayload' }
      | { __typename: 'PortalPayload' }
      | { __typename: 'QuestPayload' }
      | { __typename: 'RarePayload' }
      | { __typename: 'ShareVitalsPayload' }
      | { __typename: 'SpawnPayload' }
      | { __typename: 'TelemetryPayload' }
      | { __typename: 'VitalsPayload' }
     } };

export type CharacterGameQueryVariables = Exact<{
  name: string;
}>;


export type CharacterGameQuery = { character: { name: string, game: Game, server: string | null, dimension: string | null, position: { ns: number, ew: number, z: number } | null } | null };

export type PlayerRowFragment = { name: string, lookalikes: Array<string>, online: boolean, state: string | null, lastSeen: string | null, stats: { level: number } | null, vitals: { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number } | null, sessionCounters: { kills: number | null, killsPerHour: number | null } | null };

export type LivePlayersQueryVariables = Exact<{ [key: string]: never; }>;


export type LivePlayersQuery = { livePlayers: Array<{ name: string, lookalikes: Array<string>, online: boolean, state: string | null, lastSeen: string | null, stats: { level: number } | null, vitals: { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number } | null, sessionCounters: { kills: number | null, killsPerHour: number | null } | null }> };

export type AllPlayersQueryVariables = Exact<{ [key: string]: never; }>;


export type AllPlayersQuery = { characters: Array<{ name: string, lookalikes: Array<string>, online: boolean, state: string | null, lastSeen: string | null, stats: { level: number } | null, vitals: { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number } | null, sessionCounters: { kills: number | null, killsPerHour: number | null } | null }> };

export type FleetQuestsQueryVariables = Exact<{ [key: string]: never; }>;


export type FleetQuestsQuery = { characters: Array<{ name: string, online: boolean, quests: Array<{ name: string, solves: number | null, maxSolves: number | null, availableInSeconds: number | null, reportedAt: string }> }> };

export type RadarViewQueryVariables = Exact<{
  name: string;
}>;


export type RadarViewQuery = { character: { name: string, nearbyObjectsTime: string | null, positionTime: string | null, nearbyObjects: Array<{ id: string, name: string | null, objectClass: string | null, distance: number | null, position: { ew: number, ns: number, z: number } }>, position: { ew: number, ns: number, z: number, heading: number | null, landblock: string | null } | null } | null };

export type RadarObjectFragment = { id: string, name: string | null, objectClass: string | null, distance: number | null, position: { ew: number, ns: number, z: number } };

export type WhereaboutsFragment = { ew: number, ns: number, z: number, heading: number | null, landblock: string | null };

export type RadarSweepsSubscriptionVariables = Exact<{
  name: string;
}>;


export type RadarSweepsSubscription = { events: { time: string, payload:
      | { objects: Array<{ id: string, name: string | null, objectClass: string | null, distance: number | null, position: { ew: number, ns: number, z: number } }> }
      | Record<PropertyKey, never>
     } };

export type CharacterWhereaboutsSubscriptionVariables = Exact<{
  name: string;
}>;


export type CharacterWhereaboutsSubscription = { positions: { positions: Array<{ character: string, time: string, position: { ew: number, ns: number, z: number, heading: number | null, landblock: string | null } }> } };

export type RareHistoryQueryVariables = Exact<{
  first: number;
}>;


export type RareHistoryQuery = { great: Array<{ character: string, name: string, tier: RareTier, time: string }>, common: Array<{ character: string, name: string, tier: RareTier, time: string }> };

export type RareFindsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type RareFindsSubscription = { events: { character: string, time: string, payload:
      | { __typename: 'CharacterStatsPayload' }
      | { __typename: 'ChatPayload' }
      | { __typename: 'CombatStatsPayload' }
      | { __typename: 'DungeonMapPayload' }
      | { __typename: 'EquipmentCantripStatePayload' }
      | { __typename: 'FullInventoryPayload' }
      | { __typename: 'InventoryDeltaPayload' }
      | { __typename: 'NearbyObjectsPayload' }
      | { __typename: 'PortalPayload' }
      | { __typename: 'QuestPayload' }
      | { __typename: 'RarePayload', name: string, tier: RareTier }
      | { __typename: 'ShareVitalsPayload' }
      | { __typename: 'SpawnPayload' }
      | { __typename: 'TelemetryPayload' }
      | { __typename: 'VitalsPayload' }
     } };

export type ServerStatusQueryVariables = Exact<{
  days: number;
}>;


export type ServerStatusQuery = { serverStatus: Array<{ server: string, status: ServerState, players: number | null, latencyMs: number | null, checkedAt: string, since: string | null, changes: Array<{ status: ServerState, at: string }> }> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, role: Role, passwordChangeDue: boolean } | null };

export type SignInMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type SignInMutation = { signIn: { id: string, name: string, role: Role, passwordChangeDue: boolean } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ChangePasswordMutation = { changePassword: boolean };

export type SuitBuilderOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type SuitBuilderOptionsQuery = { suitBuilderOptions: { characters: Array<string>, sets: Array<{ name: string, count: number }>, cantrips: Array<{ family: string, bestLevel: CantripLevel, count: number }> } };

export type SuitPieceDetailFragment = { slots: Array<SuitSlot>, reduction: string | null, item: { id: string, name: string, setName: string | null, armorLevel: number | null, spells: Array<string>, equippedSlot: string | null, owner: { name: string } } };

export type SuitDetailFragment = { rank: number, score: number, why: string, armorLevel: number, gatherText: string, scoreParts: { armorLevel: number, sets: number, cantrips: number, ratings: number }, pieces: Array<{ slots: Array<SuitSlot>, reduction: string | null, item: { id: string, name: string, setName: string | null, armorLevel: number | null, spells: Array<string>, equippedSlot: string | null, owner: { name: string } } }>, sets: Array<{ name: string, pieces: number, tier: number, role: SuitSetRole | null }>, cantrips: Array<{ family: string, wanted: CantripLevel, level: CantripLevel | null }>, missingCantrips: Array<{ family: string, wanted: CantripLevel, level: CantripLevel | null }>, ratings: { damage: number, damageResist: number, crit: number, critResist: number, critDamage: number, critDamageResist: number, healBoost: number, vitality: number }, gather: Array<{ character: string, pieces: Array<{ slots: Array<SuitSlot>, item: { id: string, name: string } }> }> };

export type SuitSearchSubscriptionVariables = Exact<{
  input: SuitSearchInput;
}>;


export type SuitSearchSubscription = { suitSearch: { kind: SuitSearchEventKind, progress: { candidatesBeforePruning: number, candidates: number, nodes: number, elapsedMs: number, bestScore: number | null }, suit: { rank: number, score: number, why: string, armorLevel: number, gatherText: string, scoreParts: { armorLevel: number, sets: number, cantrips: number, ratings: number }, pieces: Array<{ slots: Array<SuitSlot>, reduction: string | null, item: { id: string, name: string, setName: string | null, armorLevel: number | null, spells: Array<string>, equippedSlot: string | null, owner: { name: string } } }>, sets: Array<{ name: string, pieces: number, tier: number, role: SuitSetRole | null }>, cantrips: Array<{ family: string, wanted: CantripLevel, level: CantripLevel | null }>, missingCantrips: Array<{ family: string, wanted: CantripLevel, level: CantripLevel | null }>, ratings: { damage: number, damageResist: number, crit: number, critResist: number, critDamage: number, critDamageResist: number, healBoost: number, vitality: number }, gather: Array<{ character: string, pieces: Array<{ slots: Array<SuitSlot>, item: { id: string, name: string } }> }> } | null, done: { exhaustive: boolean, message: string, suits: Array<{ rank: number, score: number, why: string, armorLevel: number, gatherText: string, scoreParts: { armorLevel: number, sets: number, cantrips: number, ratings: number }, pieces: Array<{ slots: Array<SuitSlot>, reduction: string | null, item: { id: string, name: string, setName: string | null, armorLevel: number | null, spells: Array<string>, equippedSlot: string | null, owner: { name: string } } }>, sets: Array<{ name: string, pieces: number, tier: number, role: SuitSetRole | null }>, cantrips: Array<{ family: string, wanted: CantripLevel, level: CantripLevel | null }>, missingCantrips: Array<{ family: string, wanted: CantripLevel, level: CantripLevel | null }>, ratings: { damage: number, damageResist: number, crit: number, critResist: number, critDamage: number, critDamageResist: number, healBoost: number, vitality: number }, gather: Array<{ character: string, pieces: Array<{ slots: Array<SuitSlot>, item: { id: string, name: string } }> }> }> } | null } };

export type LiveVitalsQueryVariables = Exact<{ [key: string]: never; }>;


export type LiveVitalsQuery = { livePlayers: Array<{ name: string, vitals: { healthPct: number, staminaPct: number, manaPct: number, vitaePct: number } | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AlertRowFragmentDoc = new TypedDocumentString(`
    fragment AlertRow on Alert {
  id
  cursor
  type
  character
  characterLookalikes
  time
  summary
  coordinates
  rare {
    name
    tier
  }
}
    `, {"fragmentName":"AlertRow"}) as unknown as TypedDocumentString<AlertRowFragment, unknown>;
export const OffenseFiguresFragmentDoc = new TypedDocumentString(`
    fragment OffenseFigures on OffenseTotals {
  hits
  misses
  crits
  damage
  maxHit
  accuracy
  averageHit
  critRate
}
    `, {"fragmentName":"OffenseFigures"}) as unknown as TypedDocumentString<OffenseFiguresFragment, unknown>;
export const DefenseFiguresFragmentDoc = new TypedDocumentString(`
    fragment DefenseFigures on DefenseTotals {
  hits
  evades
  resists
  damage
}
    `, {"fragmentName":"DefenseFigures"}) as unknown as TypedDocumentString<DefenseFiguresFragment, unknown>;
export const CombatSpanFragmentDoc = new TypedDocumentString(`
    fragment CombatSpan on CombatTotals {
  kills
  offense {
    ...OffenseFigures
  }
  defense {
    ...DefenseFigures
  }
  byElement {
    element
    offense {
      ...OffenseFigures
    }
    defense {
      ...DefenseFigures
    }
  }
  byMonster {
    monster
    kills
    offense {
      ...OffenseFigures
    }
    defense {
      ...DefenseFigures
    }
    byElement {
      element
      offense {
        ...OffenseFigures
      }
      defense {
        ...DefenseFigures
      }
    }
  }
}
    fragment OffenseFigures on OffenseTotals {
  hits
  misses
  crits
  damage
  maxHit
  accuracy
  averageHit
  critRate
}
fragment DefenseFigures on DefenseTotals {
  hits
  evades
  resists
  damage
}`, {"fragmentName":"CombatSpan"}) as unknown as TypedDocumentString<CombatSpanFragment, unknown>;
export const EarningRatesFragmentDoc = new TypedDocumentString(`
    fragment EarningRates on Rates {
  window
  from
  to
  hours
  xpEarned
  xpPerHour
  xpSheets
  xpPerHourDueAt
  luminanceEarned
  luminancePerHour
  kills
  killsPerHour
  deaths
  deathsPerHour
  rares
  raresPerHour
  tapersUsed
  tapersPerHour
  valueGained
  valueLost
  valueNet
  valuePerHour
}
    `, {"fragmentName":"EarningRates"}) as unknown as TypedDocumentString<EarningRatesFragment, unknown>;
export const GoalViewFragmentDoc = new TypedDocumentString(`
    fragment GoalView on Goal {
  id
  character {
    name
  }
  kind
  target
  monster
  description
  progress
  fraction
  ratePerHour
  estimatedAt
  reachable
  reachedAt
}
    `, {"fragmentName":"GoalView"}) as unknown as TypedDocumentString<GoalViewFragment, unknown>;
export const SharedBarsFragmentDoc = new TypedDocumentString(`
    fragment SharedBars on Vitals {
  healthPct
  staminaPct
  manaPct
  vitaePct
}
    `, {"fragmentName":"SharedBars"}) as unknown as TypedDocumentString<SharedBarsFragment, unknown>;
export const FleetBoardRowFragmentDoc = new TypedDocumentString(`
    fragment FleetBoardRow on Character {
  name
  online
  sessionCounters {
    kills
    deaths
    rares
    tapers
    killsPerHour
  }
  counters {
    kills
    deaths
    rares
  }
}
    `, {"fragmentName":"FleetBoardRow"}) as unknown as TypedDocumentString<FleetBoardRowFragment, unknown>;
export const ActivityPointFragmentDoc = new TypedDocumentString(`
    fragment ActivityPoint on ActivityBucket {
  start
  kills
  deaths
  killsPerHour
  online
}
    `, {"fragmentName":"ActivityPoint"}) as unknown as TypedDocumentString<ActivityPointFragment, unknown>;
export const FleetEarningRowFragmentDoc = new TypedDocumentString(`
    fragment FleetEarningRow on Character {
  name
  carriedValue
  rates(window: $window) {
    xpPerHour
    killsPerHour
    deathsPerHour
    raresPerHour
    tapersPerHour
    valuePerHour
  }
  goals(window: $window) {
    id
    description
    fraction
    estimatedAt
    reachable
    reachedAt
  }
}
    `, {"fragmentName":"FleetEarningRow"}) as unknown as TypedDocumentString<FleetEarningRowFragment, unknown>;
export const ItemDetailFragmentDoc = new TypedDocumentString(`
    fragment ItemDetail on Item {
  id
  name
  objectClass
  containerId
  equippedSlot
  value
  burden
  material
  setName
  armorLevel
  coverage
  spells
  tinks
  workmanship
  imbue
  maxDamage
  attackBonus
  meleeDefenseBonus
  magicDefenseBonus
  mana
  maxMana
  spellcraft
  wieldRequirements {
    skill
    level
  }
  ratings {
    damage
    damageResist
    crit
    critDamage
    critResist
    critDamageResist
    healBoost
    vitality
  }
}
    `, {"fragmentName":"ItemDetail"}) as unknown as TypedDocumentString<ItemDetailFragment, unknown>;
export const PlayerRowFragmentDoc = new TypedDocumentString(`
    fragment PlayerRow on Character {
  name
  lookalikes
  online
  state
  lastSeen
  stats {
    level
  }
  vitals {
    healthPct
    staminaPct
    manaPct
    vitaePct
  }
  sessionCounters {
    kills
    killsPerHour
  }
}
    `, {"fragmentName":"PlayerRow"}) as unknown as TypedDocumentString<PlayerRowFragment, unknown>;
export const RadarObjectFragmentDoc = new TypedDocumentString(`
    fragment RadarObject on NearbyObject {
  id
  name
  objectClass
  distance
  position {
    ew
    ns
    z
  }
}
    `, {"fragmentName":"RadarObject"}) as unknown as TypedDocumentString<RadarObjectFragment, unknown>;
export const WhereaboutsFragmentDoc = new TypedDocumentString(`
    fragment Whereabouts on Position {
  ew
  ns
  z
  heading
  landblock
}
    `, {"fragmentName":"Whereabouts"}) as unknown as TypedDocumentString<WhereaboutsFragment, unknown>;
export const SuitPieceDetailFragmentDoc = new TypedDocumentString(`
    fragment SuitPieceDetail on SuitPiece {
  slots
  reduction
  item {
    id
    name
    owner {
      name
    }
    setName
    armorLevel
    spells
    equippedSlot
  }
}
    `, {"fragmentName":"SuitPieceDetail"}) as unknown as TypedDocumentString<SuitPieceDetailFragment, unknown>;
export const SuitDetailFragmentDoc = new TypedDocumentString(`
    fragment SuitDetail on Suit {
  rank
  score
  scoreParts {
    armorLevel
    sets
    cantrips
    ratings
  }
  why
  armorLevel
  pieces {
    ...SuitPieceDetail
  }
  sets {
    name
    pieces
    tier
    role
  }
  cantrips {
    family
    wanted
    level
  }
  missingCantrips {
    family
    wanted
    level
  }
  ratings {
    damage
    damageResist
    crit
    critResist
    critDamage
    critDamageResist
    healBoost
    vitality
  }
  gather {
    character
    pieces {
      slots
      item {
        id
        name
      }
    }
  }
  gatherText
}
    fragment SuitPieceDetail on SuitPiece {
  slots
  reduction
  item {
    id
    name
    owner {
      name
    }
    setName
    armorLevel
    spells
    equippedSlot
  }
}`, {"fragmentName":"SuitDetail"}) as unknown as TypedDocumentString<SuitDetailFragment, unknown>;
export const AccountsDocument = new TypedDocumentString(`
    query Accounts {
  accounts {
    id
    name
    role
    createdAt
    sessions
  }
  apiTokens {
    id
    name
    role
    createdBy
    createdAt
    lastUsedAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<AccountsQuery, AccountsQueryVariables>;
export const CreateAccountDocument = new TypedDocumentString(`
    mutation CreateAccount($name: String!, $password: String!, $role: Role!) {
  createAccount(name: $name, password: $password, role: $role) {
    id
    name
    role
  }
}
    `) as unknown as TypedDocumentString<CreateAccountMutation, CreateAccountMutationVariables>;
export const SetAccountRoleDocument = new TypedDocumentString(`
    mutation SetAccountRole($name: String!, $role: Role!) {
  setAccountRole(name: $name, role: $role) {
    id
    name
    role
  }
}
    `) as unknown as TypedDocumentString<SetAccountRoleMutation, SetAccountRoleMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($name: String!) {
  resetPassword(name: $name) {
    account {
      name
    }
    password
  }
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const DeleteAccountDocument = new TypedDocumentString(`
    mutation DeleteAccount($name: String!) {
  deleteAccount(name: $name)
}
    `) as unknown as TypedDocumentString<DeleteAccountMutation, DeleteAccountMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id)
}
    `) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($name: String!, $role: Role!) {
  createApiToken(name: $name, role: $role) {
    id
    name
    role
    token
  }
}
    `) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const PluginKeysDocument = new TypedDocumentString(`
    query PluginKeys {
  pluginKeys {
    id
    name
    characters
    charactersFixed
    createdBy
    createdAt
    lastUsedAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<PluginKeysQuery, PluginKeysQueryVariables>;
export const CreatePluginKeyDocument = new TypedDocumentString(`
    mutation CreatePluginKey($name: String!, $characters: [String!]) {
  createPluginKey(name: $name, characters: $characters) {
    pluginKey {
      id
      name
    }
    key
  }
}
    `) as unknown as TypedDocumentString<CreatePluginKeyMutation, CreatePluginKeyMutationVariables>;
export const SetPluginKeyCharactersDocument = new TypedDocumentString(`
    mutation SetPluginKeyCharacters($id: ID!, $characters: [String!]!) {
  setPluginKeyCharacters(id: $id, characters: $characters) {
    id
    name
    characters
  }
}
    `) as unknown as TypedDocumentString<SetPluginKeyCharactersMutation, SetPluginKeyCharactersMutationVariables>;
export const RevokePluginKeyDocument = new TypedDocumentString(`
    mutation RevokePluginKey($id: ID!) {
  revokePluginKey(id: $id)
}
    `) as unknown as TypedDocumentString<RevokePluginKeyMutation, RevokePluginKeyMutationVariables>;
export const AlertFeedDocument = new TypedDocumentString(`
    subscription AlertFeed {
  alerts {
    ...AlertRow
  }
}
    fragment AlertRow on Alert {
  id
  cursor
  type
  character
  characterLookalikes
  time
  summary
  coordinates
  rare {
    name
    tier
  }
}`) as unknown as TypedDocumentString<AlertFeedSubscription, AlertFeedSubscriptionVariables>;
export const AlertNewestDocument = new TypedDocumentString(`
    query AlertNewest {
  alerts(first: 1) {
    edges {
      node {
        ...AlertRow
      }
    }
  }
}
    fragment AlertRow on Alert {
  id
  cursor
  type
  character
  characterLookalikes
  time
  summary
  coordinates
  rare {
    name
    tier
  }
}`) as unknown as TypedDocumentString<AlertNewestQuery, AlertNewestQueryVariables>;
export const AlertCatchUpDocument = new TypedDocumentString(`
    query AlertCatchUp($before: String, $last: Int!) {
  alerts(before: $before, last: $last) {
    edges {
      node {
        ...AlertRow
      }
    }
    pageInfo {
      hasPreviousPage
    }
  }
}
    fragment AlertRow on Alert {
  id
  cursor
  type
  character
  characterLookalikes
  time
  summary
  coordinates
  rare {
    name
    tier
  }
}`) as unknown as TypedDocumentString<AlertCatchUpQuery, AlertCatchUpQueryVariables>;
export const AlertHistoryDocument = new TypedDocumentString(`
    query AlertHistory($types: [AlertType!], $characters: [String!], $first: Int!, $after: String) {
  alerts(types: $types, characters: $characters, first: $first, after: $after) {
    edges {
      node {
        ...AlertRow
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    fragment AlertRow on Alert {
  id
  cursor
  type
  character
  characterLookalikes
  time
  summary
  coordinates
  rare {
    name
    tier
  }
}`) as unknown as TypedDocumentString<AlertHistoryQuery, AlertHistoryQueryVariables>;
export const AssistantStatusDocument = new TypedDocumentString(`
    query AssistantStatus {
  assistant {
    configured
    provider
    model
    hint
    asksPerHour
    asksLeft
    timeoutMs
  }
}
    `) as unknown as TypedDocumentString<AssistantStatusQuery, AssistantStatusQueryVariables>;
export const AssistantSessionsDocument = new TypedDocumentString(`
    query AssistantSessions {
  assistantSessions {
    id
    title
    updatedAt
    messageCount
  }
}
    `) as unknown as TypedDocumentString<AssistantSessionsQuery, AssistantSessionsQueryVariables>;
export const AssistantHistoryDocument = new TypedDocumentString(`
    query AssistantHistory($id: ID!) {
  assistantSession(id: $id) {
    id
    title
    messages {
      id
      role
      text
      errorCode
      traceId
      time
      toolCalls {
        id
        tool
        arguments
        resultSummary
        resultBytes
        isError
        durationMs
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AssistantHistoryQuery, AssistantHistoryQueryVariables>;
export const NewAssistantSessionDocument = new TypedDocumentString(`
    mutation NewAssistantSession {
  newAssistantSession {
    id
    title
    updatedAt
    messageCount
  }
}
    `) as unknown as TypedDocumentString<NewAssistantSessionMutation, NewAssistantSessionMutationVariables>;
export const AssistantAskDocument = new TypedDocumentString(`
    subscription AssistantAsk($sessionId: ID!, $question: String!) {
  ask(sessionId: $sessionId, question: $question) {
    type
    sessionId
    traceId
    text
    tool
    toolCallId
    arguments
    resultSummary
    resultBytes
    isError
    durationMs
    messageId
    errorCode
    time
  }
}
    `) as unknown as TypedDocumentString<AssistantAskSubscription, AssistantAskSubscriptionVariables>;
export const DeleteAssistantSessionDocument = new TypedDocumentString(`
    mutation DeleteAssistantSession($id: ID!) {
  deleteAssistantSession(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteAssistantSessionMutation, DeleteAssistantSessionMutationVariables>;
export const MindsEyeDocument = new TypedDocumentString(`
    subscription MindsEye {
  mindsEye {
    type
    toolCallId
    traceId
    sessionId
    user
    tool
    arguments
    resultSummary
    resultBytes
    isError
    durationMs
    time
    characters
    positions {
      ew
      ns
      character
    }
  }
}
    `) as unknown as TypedDocumentString<MindsEyeSubscription, MindsEyeSubscriptionVariables>;
export const MindsEyeHistoryDocument = new TypedDocumentString(`
    query MindsEyeHistory($last: Int!) {
  mindsEyeHistory(last: $last) {
    type
    toolCallId
    traceId
    sessionId
    user
    tool
    arguments
    resultSummary
    resultBytes
    isError
    durationMs
    time
    characters
    positions {
      ew
      ns
      character
    }
  }
}
    `) as unknown as TypedDocumentString<MindsEyeHistoryQuery, MindsEyeHistoryQueryVariables>;
export const CharacterSheetDocument = new TypedDocumentString(`
    query CharacterSheet($name: String!) {
  character(name: $name) {
    name
    lookalikes
    stats {
      time
      level
      race
      gender
      title
      birth
      totalXp
      unassignedXp
      skillCredits
      luminance
      deaths
      allegiance {
        name
        monarch
        patron
        rank
        followers
      }
      attributes {
        name
        base
        creation
      }
      vitals {
        name
        base
      }
      skills {
        name
        base
        training
      }
    }
    quests {
      name
      solves
      maxSolves
      completedAt
      availableInSeconds
      reportedAt
    }
    effects {
      spellId
      name
      caster
      durationSeconds
      reportedAt
    }
  }
}
    `) as unknown as TypedDocumentString<CharacterSheetQuery, CharacterSheetQueryVariables>;
export const CharacterLiveDocument = new TypedDocumentString(`
    query CharacterLive($name: String!) {
  character(name: $name) {
    name
    online
    state
    lastSeen
    vitals {
      healthPct
      staminaPct
      manaPct
      vitaePct
    }
    counters {
      kills
      deaths
      rares
      tapers
      killsPerHour
    }
    sessionCounters {
      kills
      deaths
      rares
      tapers
      killsPerHour
    }
    plugin {
      onlineSeconds
      latencyMs
    }
  }
}
    `) as unknown as TypedDocumentString<CharacterLiveQuery, CharacterLiveQueryVariables>;
export const CharacterSheetReportsDocument = new TypedDocumentString(`
    subscription CharacterSheetReports($name: String!) {
  events(
    characters: [$name]
    types: [CHARACTER_STATS, QUEST, EQUIPMENT_CANTRIP_STATE]
  ) {
    type
    character
  }
}
    `) as unknown as TypedDocumentString<CharacterSheetReportsSubscription, CharacterSheetReportsSubscriptionVariables>;
export const ChatHistoryDocument = new TypedDocumentString(`
    query ChatHistory($channel: String, $first: Int!) {
  chat(channel: $channel, first: $first) {
    character
    channel
    color
    sender
    text
    time
  }
}
    `) as unknown as TypedDocumentString<ChatHistoryQuery, ChatHistoryQueryVariables>;
export const ChatLinesDocument = new TypedDocumentString(`
    subscription ChatLines {
  events(types: [CHAT]) {
    character
    time
    payload {
      __typename
      ... on ChatPayload {
        channel
        color
        sender
        text
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ChatLinesSubscription, ChatLinesSubscriptionVariables>;
export const CharacterCombatDocument = new TypedDocumentString(`
    query CharacterCombat($name: String!) {
  character(name: $name) {
    name
    combat {
      sessionId
      sessionStartedAt
      updatedAt
      session {
        ...CombatSpan
      }
      lifetime {
        ...CombatSpan
      }
    }
  }
}
    fragment OffenseFigures on OffenseTotals {
  hits
  misses
  crits
  damage
  maxHit
  accuracy
  averageHit
  critRate
}
fragment DefenseFigures on DefenseTotals {
  hits
  evades
  resists
  damage
}
fragment CombatSpan on CombatTotals {
  kills
  offense {
    ...OffenseFigures
  }
  defense {
    ...DefenseFigures
  }
  byElement {
    element
    offense {
      ...OffenseFigures
    }
    defense {
      ...DefenseFigures
    }
  }
  byMonster {
    monster
    kills
    offense {
      ...OffenseFigures
    }
    defense {
      ...DefenseFigures
    }
    byElement {
      element
      offense {
        ...OffenseFigures
      }
      defense {
        ...DefenseFigures
      }
    }
  }
}`) as unknown as TypedDocumentString<CharacterCombatQuery, CharacterCombatQueryVariables>;
export const CombatReportsDocument = new TypedDocumentString(`
    subscription CombatReports($name: String!) {
  events(characters: [$name], types: [COMBAT_STATS]) {
    type
    character
  }
}
    `) as unknown as TypedDocumentString<CombatReportsSubscription, CombatReportsSubscriptionVariables>;
export const SendCommandDocument = new TypedDocumentString(`
    mutation SendCommand($character: String!, $command: String!) {
  sendCommand(character: $character, command: $command)
}
    `) as unknown as TypedDocumentString<SendCommandMutation, SendCommandMutationVariables>;
export const PickerCharactersDocument = new TypedDocumentString(`
    query PickerCharacters {
  characters(first: 1000) {
    name
    online
  }
}
    `) as unknown as TypedDocumentString<PickerCharactersQuery, PickerCharactersQueryVariables>;
export const DungeonMapViewDocument = new TypedDocumentString(`
    query DungeonMapView($landblock: String!) {
  dungeonMap(landblock: $landblock) {
    landblock
    time
    character
    tiles {
      x
      y
      kind
      z
      rotation
      environmentId
    }
  }
}
    `) as unknown as TypedDocumentString<DungeonMapViewQuery, DungeonMapViewQueryVariables>;
export const DungeonMappedDocument = new TypedDocumentString(`
    subscription DungeonMapped {
  events(types: [DUNGEON_MAP]) {
    character
    payload {
      ... on DungeonMapPayload {
        landblock
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DungeonMappedSubscription, DungeonMappedSubscriptionVariables>;
export const CharacterEarningsDocument = new TypedDocumentString(`
    query CharacterEarnings($name: String!, $window: RateWindow!) {
  character(name: $name) {
    name
    carriedValue
    rates(window: $window) {
      ...EarningRates
    }
    goals(window: $window) {
      ...GoalView
    }
  }
}
    fragment EarningRates on Rates {
  window
  from
  to
  hours
  xpEarned
  xpPerHour
  xpSheets
  xpPerHourDueAt
  luminanceEarned
  luminancePerHour
  kills
  killsPerHour
  deaths
  deathsPerHour
  rares
  raresPerHour
  tapersUsed
  tapersPerHour
  valueGained
  valueLost
  valueNet
  valuePerHour
}
fragment GoalView on Goal {
  id
  character {
    name
  }
  kind
  target
  monster
  description
  progress
  fraction
  ratePerHour
  estimatedAt
  reachable
  reachedAt
}`) as unknown as TypedDocumentString<CharacterEarningsQuery, CharacterEarningsQueryVariables>;
export const ResetRatesDocument = new TypedDocumentString(`
    mutation ResetRates {
  resetRates
}
    `) as unknown as TypedDocumentString<ResetRatesMutation, ResetRatesMutationVariables>;
export const SetGoalDocument = new TypedDocumentString(`
    mutation SetGoal($character: String!, $kind: GoalKind!, $target: Float!, $monster: String) {
  setGoal(character: $character, kind: $kind, target: $target, monster: $monster) {
    id
  }
}
    `) as unknown as TypedDocumentString<SetGoalMutation, SetGoalMutationVariables>;
export const DeleteGoalDocument = new TypedDocumentString(`
    mutation DeleteGoal($id: ID!) {
  deleteGoal(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteGoalMutation, DeleteGoalMutationVariables>;
export const LootAlertThresholdDocument = new TypedDocumentString(`
    query LootAlertThreshold {
  lootAlertThreshold
}
    `) as unknown as TypedDocumentString<LootAlertThresholdQuery, LootAlertThresholdQueryVariables>;
export const SetLootAlertThresholdDocument = new TypedDocumentString(`
    mutation SetLootAlertThreshold($value: Float) {
  setLootAlertThreshold(value: $value)
}
    `) as unknown as TypedDocumentString<SetLootAlertThresholdMutation, SetLootAlertThresholdMutationVariables>;
export const FellowshipsDocument = new TypedDocumentString(`
    query Fellowships {
  fellowships {
    name
    members {
      character {
        name
      }
      vitals {
        ...SharedBars
      }
      time
    }
  }
}
    fragment SharedBars on Vitals {
  healthPct
  staminaPct
  manaPct
  vitaePct
}`) as unknown as TypedDocumentString<FellowshipsQuery, FellowshipsQueryVariables>;
export const SharedVitalsDocument = new TypedDocumentString(`
    subscription SharedVitals {
  events(types: [SHARE_VITALS]) {
    character
    time
    payload {
      ... on ShareVitalsPayload {
        group
        vitals {
          ...SharedBars
        }
      }
    }
  }
}
    fragment SharedBars on Vitals {
  healthPct
  staminaPct
  manaPct
  vitaePct
}`) as unknown as TypedDocumentString<SharedVitalsSubscription, SharedVitalsSubscriptionVariables>;
export const FleetPositionsDocument = new TypedDocumentString(`
    subscription FleetPositions {
  positions {
    time
    positions {
      character
      time
      position {
        ns
        ew
        z
        heading
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FleetPositionsSubscription, FleetPositionsSubscriptionVariables>;
export const FleetLivePlayersDocument = new TypedDocumentString(`
    query FleetLivePlayers {
  livePlayers {
    name
    game
    state
    lastSeen
    positionTime
    position {
      ns
      ew
      z
      heading
    }
  }
}
    `) as unknown as TypedDocumentString<FleetLivePlayersQuery, FleetLivePlayersQueryVariables>;
export const FleetBoardDocument = new TypedDocumentString(`
    query FleetBoard($game: Game) {
  characters(first: 1000, game: $game) {
    ...FleetBoardRow
  }
}
    fragment FleetBoardRow on Character {
  name
  online
  sessionCounters {
    kills
    deaths
    rares
    tapers
    killsPerHour
  }
  counters {
    kills
    deaths
    rares
  }
}`) as unknown as TypedDocumentString<FleetBoardQuery, FleetBoardQueryVariables>;
export const FleetActivityDocument = new TypedDocumentString(`
    query FleetActivity($hours: Int!, $bucketMinutes: Int!, $game: Game) {
  fleetHistory(hours: $hours, bucketMinutes: $bucketMinutes, game: $game) {
    ...ActivityPoint
  }
}
    fragment ActivityPoint on ActivityBucket {
  start
  kills
  deaths
  killsPerHour
  online
}`) as unknown as TypedDocumentString<FleetActivityQuery, FleetActivityQueryVariables>;
export const CharacterActivityDocument = new TypedDocumentString(`
    query CharacterActivity($name: String!, $hours: Int!, $bucketMinutes: Int!) {
  character(name: $name) {
    name
    activity(hours: $hours, bucketMinutes: $bucketMinutes) {
      ...ActivityPoint
    }
  }
}
    fragment ActivityPoint on ActivityBucket {
  start
  kills
  deaths
  killsPerHour
  online
}`) as unknown as TypedDocumentString<CharacterActivityQuery, CharacterActivityQueryVariables>;
export const FleetEarningsDocument = new TypedDocumentString(`
    query FleetEarnings($window: RateWindow!) {
  fleetRates(window: $window) {
    characters {
      ...FleetEarningRow
    }
  }
}
    fragment FleetEarningRow on Character {
  name
  carriedValue
  rates(window: $window) {
    xpPerHour
    killsPerHour
    deathsPerHour
    raresPerHour
    tapersPerHour
    valuePerHour
  }
  goals(window: $window) {
    id
    description
    fraction
    estimatedAt
    reachable
    reachedAt
  }
}`) as unknown as TypedDocumentString<FleetEarningsQuery, FleetEarningsQueryVariables>;
export const PluginHealthDocument = new TypedDocumentString(`
    query PluginHealth {
  characters(first: 1000) {
    name
    online
    lastSeen
    plugin {
      memMb
      cpuPct
      latencyMs
    }
    refusals {
      code
      count
      lastMessage
      lastAt
    }
  }
}
    `) as unknown as TypedDocumentString<PluginHealthQuery, PluginHealthQueryVariables>;
export const CharacterInventoryDocument = new TypedDocumentString(`
    query CharacterInventory($name: String!) {
  character(name: $name) {
    name
    containers {
      id
      pack {
        id
        name
      }
      items {
        ...ItemDetail
      }
    }
  }
}
    fragment ItemDetail on Item {
  id
  name
  objectClass
  containerId
  equippedSlot
  value
  burden
  material
  setName
  armorLevel
  coverage
  spells
  tinks
  workmanship
  imbue
  maxDamage
  attackBonus
  meleeDefenseBonus
  magicDefenseBonus
  mana
  maxMana
  spellcraft
  wieldRequirements {
    skill
    level
  }
  ratings {
    damage
    damageResist
    crit
    critDamage
    critResist
    critDamageResist
    healBoost
    vitality
  }
}`) as unknown as TypedDocumentString<CharacterInventoryQuery, CharacterInventoryQueryVariables>;
export const InventoryChangesDocument = new TypedDocumentString(`
    subscription InventoryChanges($name: String!) {
  itemChanges(characters: [$name]) {
    action
    at
    character {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<InventoryChangesSubscription, InventoryChangesSubscriptionVariables>;
export const SearchItemsDocument = new TypedDocumentString(`
    query SearchItems($filter: ItemFilter!, $orderBy: ItemOrder, $first: Int!, $after: String) {
  searchItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    edges {
      cursor
      node {
        ...ItemDetail
        owner {
          name
        }
      }
    }
  }
}
    fragment ItemDetail on Item {
  id
  name
  objectClass
  containerId
  equippedSlot
  value
  burden
  material
  setName
  armorLevel
  coverage
  spells
  tinks
  workmanship
  imbue
  maxDamage
  attackBonus
  meleeDefenseBonus
  magicDefenseBonus
  mana
  maxMana
  spellcraft
  wieldRequirements {
    skill
    level
  }
  ratings {
    damage
    damageResist
    crit
    critDamage
    critResist
    critDamageResist
    healBoost
    vitality
  }
}`) as unknown as TypedDocumentString<SearchItemsQuery, SearchItemsQueryVariables>;
export const ItemFilterValuesDocument = new TypedDocumentString(`
    query ItemFilterValues {
  itemFilterValues {
    objectClasses
    materials
    setNames
    spells
  }
}
    `) as unknown as TypedDocumentString<ItemFilterValuesQuery, ItemFilterValuesQueryVariables>;
export const FleetIssuesDocument = new TypedDocumentString(`
    query FleetIssues {
  characters(first: 1000) {
    name
    online
    state
    lastSeen
    refusals {
      code
      count
      lastMessage
      lastAt
    }
    stuck {
      since
      state
      extent
    }
  }
  serverStatus {
    server
    status
    since
  }
}
    `) as unknown as TypedDocumentString<FleetIssuesQuery, FleetIssuesQueryVariables>;
export const FleetIdleAlertsDocument = new TypedDocumentString(`
    query FleetIdleAlerts($since: DateTime!) {
  alerts(last: 200, since: $since, types: [IDLE, IDLE_ENDED]) {
    edges {
      node {
        type
        character
        time
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FleetIdleAlertsQuery, FleetIdleAlertsQueryVariables>;
export const MapTrailDocument = new TypedDocumentString(`
    query MapTrail($name: String!, $minutes: Int!) {
  character(name: $name) {
    name
    trail(minutes: $minutes) {
      position {
        ns
        ew
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MapTrailQuery, MapTrailQueryVariables>;
export const MapTrailsDocument = new TypedDocumentString(`
    query MapTrails($minutes: Int!) {
  livePlayers {
    name
    trail(minutes: $minutes) {
      position {
        ns
        ew
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MapTrailsQuery, MapTrailsQueryVariables>;
export const MapPortalsDocument = new TypedDocumentString(`
    query MapPortals {
  portals {
    name
    lastSeen
    lastSeenBy
    position {
      ns
      ew
    }
  }
}
    `) as unknown as TypedDocumentString<MapPortalsQuery, MapPortalsQueryVariables>;
export const MapSpawnHeatmapDocument = new TypedDocumentString(`
    query MapSpawnHeatmap($hours: Int!, $cell: Float!) {
  spawnHeatmap(hours: $hours, cell: $cell) {
    ns
    ew
    size
    count
    topMonster
  }
}
    `) as unknown as TypedDocumentString<MapSpawnHeatmapQuery, MapSpawnHeatmapQueryVariables>;
export const MapRaresDocument = new TypedDocumentString(`
    subscription MapRares {
  events(types: [RARE]) {
    character
    payload {
      __typename
      ... on RarePayload {
        name
        tier
        position {
          ns
          ew
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MapRaresSubscription, MapRaresSubscriptionVariables>;
export const MapFleetReplayDocument = new TypedDocumentString(`
    query MapFleetReplay($from: DateTime!, $to: DateTime!, $stepSeconds: Int!) {
  fleetPositions(from: $from, to: $to, stepSeconds: $stepSeconds) {
    times
    tracks {
      character
      ns
      ew
      heading
      state
    }
  }
}
    `) as unknown as TypedDocumentString<MapFleetReplayQuery, MapFleetReplayQueryVariables>;
export const MapImageDocument = new TypedDocumentString(`
    query MapImage {
  mapImage
}
    `) as unknown as TypedDocumentString<MapImageQuery, MapImageQueryVariables>;
export const MinecraftPlayersDocument = new TypedDocumentString(`
    query MinecraftPlayers {
  livePlayers(game: MINECRAFT) {
    name
    server
    dimension
    state
    lastSeen
    position {
      ns
      ew
      z
      heading
    }
    vitals {
      healthPct
    }
    nearbyObjects {
      id
      name
      objectClass
      distance
      position {
        ns
        ew
        z
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MinecraftPlayersQuery, MinecraftPlayersQueryVariables>;
export const MinecraftBlocksDocument = new TypedDocumentString(`
    query MinecraftBlocks($server: String!, $dimension: String!, $since: DateTime) {
  minecraftBlocks(server: $server, dimension: $dimension, since: $since) {
    landblock
    time
    tiles {
      x
      y
      z
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<MinecraftBlocksQuery, MinecraftBlocksQueryVariables>;
export const MinecraftSlicesDocument = new TypedDocumentString(`
    subscription MinecraftSlices {
  events(types: [DUNGEON_MAP]) {
    character
    payload {
      __typename
      ... on DungeonMapPayload {
        landblock
        tiles {
          x
          y
          z
          kind
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MinecraftSlicesSubscription, MinecraftSlicesSubscriptionVariables>;
export const CharacterGameDocument = new TypedDocumentString(`
    query CharacterGame($name: String!) {
  character(name: $name) {
    name
    game
    server
    dimension
    position {
      ns
      ew
      z
    }
  }
}
    `) as unknown as TypedDocumentString<CharacterGameQuery, CharacterGameQueryVariables>;
export const LivePlayersDocument = new TypedDocumentString(`
    query LivePlayers {
  livePlayers {
    ...PlayerRow
  }
}
    fragment PlayerRow on Character {
  name
  lookalikes
  online
  state
  lastSeen
  stats {
    level
  }
  vitals {
    healthPct
    staminaPct
    manaPct
    vitaePct
  }
  sessionCounters {
    kills
    killsPerHour
  }
}`) as unknown as TypedDocumentString<LivePlayersQuery, LivePlayersQueryVariables>;
export const AllPlayersDocument = new TypedDocumentString(`
    query AllPlayers {
  characters(first: 1000) {
    ...PlayerRow
  }
}
    fragment PlayerRow on Character {
  name
  lookalikes
  online
  state
  lastSeen
  stats {
    level
  }
  vitals {
    healthPct
    staminaPct
    manaPct
    vitaePct
  }
  sessionCounters {
    kills
    killsPerHour
  }
}`) as unknown as TypedDocumentString<AllPlayersQuery, AllPlayersQueryVariables>;
export const FleetQuestsDocument = new TypedDocumentString(`
    query FleetQuests {
  characters(first: 1000) {
    name
    online
    quests {
      name
      solves
      maxSolves
      availableInSeconds
      reportedAt
    }
  }
}
    `) as unknown as TypedDocumentString<FleetQuestsQuery, FleetQuestsQueryVariables>;
export const RadarViewDocument = new TypedDocumentString(`
    query RadarView($name: String!) {
  character(name: $name) {
    name
    nearbyObjectsTime
    nearbyObjects {
      ...RadarObject
    }
    positionTime
    position {
      ...Whereabouts
    }
  }
}
    fragment RadarObject on NearbyObject {
  id
  name
  objectClass
  distance
  position {
    ew
    ns
    z
  }
}
fragment Whereabouts on Position {
  ew
  ns
  z
  heading
  landblock
}`) as unknown as TypedDocumentString<RadarViewQuery, RadarViewQueryVariables>;
export const RadarSweepsDocument = new TypedDocumentString(`
    subscription RadarSweeps($name: String!) {
  events(characters: [$name], types: [NEARBY_OBJECTS]) {
    time
    payload {
      ... on NearbyObjectsPayload {
        objects {
          ...RadarObject
        }
      }
    }
  }
}
    fragment RadarObject on NearbyObject {
  id
  name
  objectClass
  distance
  position {
    ew
    ns
    z
  }
}`) as unknown as TypedDocumentString<RadarSweepsSubscription, RadarSweepsSubscriptionVariables>;
export const CharacterWhereaboutsDocument = new TypedDocumentString(`
    subscription CharacterWhereabouts($name: String!) {
  positions(characters: [$name]) {
    positions {
      character
      time
      position {
        ...Whereabouts
      }
    }
  }
}
    fragment Whereabouts on Position {
  ew
  ns
  z
  heading
  landblock
}`) as unknown as TypedDocumentString<CharacterWhereaboutsSubscription, CharacterWhereaboutsSubscriptionVariables>;
export const RareHistoryDocument = new TypedDocumentString(`
    query RareHistory($first: Int!) {
  great: rares(tier: GREAT, first: $first) {
    character
    name
    tier
    time
  }
  common: rares(tier: COMMON, first: $first) {
    character
    name
    tier
    time
  }
}
    `) as unknown as TypedDocumentString<RareHistoryQuery, RareHistoryQueryVariables>;
export const RareFindsDocument = new TypedDocumentString(`
    subscription RareFinds {
  events(types: [RARE]) {
    character
    time
    payload {
      __typename
      ... on RarePayload {
        name
        tier
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RareFindsSubscription, RareFindsSubscriptionVariables>;
export const ServerStatusDocument = new TypedDocumentString(`
    query ServerStatus($days: Int!) {
  serverStatus {
    server
    status
    players
    latencyMs
    checkedAt
    since
    changes(days: $days) {
      status
      at
    }
  }
}
    `) as unknown as TypedDocumentString<ServerStatusQuery, ServerStatusQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    name
    role
    passwordChangeDue
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($username: String!, $password: String!) {
  signIn(username: $username, password: $password) {
    id
    name
    role
    passwordChangeDue
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const SuitBuilderOptionsDocument = new TypedDocumentString(`
    query SuitBuilderOptions {
  suitBuilderOptions {
    sets {
      name
      count
    }
    cantrips {
      family
      bestLevel
      count
    }
    characters
  }
}
    `) as unknown as TypedDocumentString<SuitBuilderOptionsQuery, SuitBuilderOptionsQueryVariables>;
export const SuitSearchDocument = new TypedDocumentString(`
    subscription SuitSearch($input: SuitSearchInput!) {
  suitSearch(input: $input) {
    kind
    progress {
      candidatesBeforePruning
      candidates
      nodes
      elapsedMs
      bestScore
    }
    suit {
      ...SuitDetail
    }
    done {
      exhaustive
      message
      suits {
        ...SuitDetail
      }
    }
  }
}
    fragment SuitPieceDetail on SuitPiece {
  slots
  reduction
  item {
    id
    name
    owner {
      name
    }
    setName
    armorLevel
    spells
    equippedSlot
  }
}
fragment SuitDetail on Suit {
  rank
  score
  scoreParts {
    armorLevel
    sets
    cantrips
    ratings
  }
  why
  armorLevel
  pieces {
    ...SuitPieceDetail
  }
  sets {
    name
    pieces
    tier
    role
  }
  cantrips {
    family
    wanted
    level
  }
  missingCantrips {
    family
    wanted
    level
  }
  ratings {
    damage
    damageResist
    crit
    critResist
    critDamage
    critDamageResist
    healBoost
    vitality
  }
  gather {
    character
    pieces {
      slots
      item {
        id
        name
      }
    }
  }
  gatherText
}`) as unknown as TypedDocumentString<SuitSearchSubscription, SuitSearchSubscriptionVariables>;
export const LiveVitalsDocument = new TypedDocumentString(`
    query LiveVitals {
  livePlayers {
    name
    vitals {
      healthPct
      staminaPct
      manaPct
      vitaePct
    }
  }
}
    `) as unknown as TypedDocumentString<LiveVitalsQuery, LiveVitalsQueryVariables>;