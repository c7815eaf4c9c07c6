/**
 * Rates, goals and what the fleet earns: `Character.rates`, `fleetRates`,
 * `Character.carriedValue`, goals and their estimates, the loot threshold.
 * Everything is measured from what ingest stores: `activity_minutes` (kills,
 * deaths, rares, tapers used, value gained and lost per minute),
 * `xp_samples` (every character sheet's experience), `counter_sessions`
 * (when a session began), the `goal_progress` view.
 */
import { GraphErrorCode, graphError, groupBy, indexBy, loaderOf, requireStorableText, Role, withRole, type LoaderKind, type SubgraphContext } from '@lifestone/lib/graph';
import { LIVE_WINDOW_MS } from '@lifestone/lib/game/live';
import type { Character, Goal, GoalKind, Rates, RateWindow, Resolvers } from './generated/resolvers.js';
import * as sql from './earnings-sql.js';

/** The highest level a character of Asheron's Call reaches. */
export const LEVEL_CAP = 275;
/** The most open goals one person (or API token) keeps. */
export const MAX_OPEN_GOALS = 100;
/** A session whose start was not recorded (sessions before migration 0025) is measured over the last day at most. */
const UNRECORDED_SESSION_MS = 24 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;
/** The least time between two character sheets for an experience rate: less is noise. */
const MIN_SHEET_SPAN_MS = 60_000;
/** A plugin sends the character sheet at login, then every 10 minutes (the protocol's `character_stats`). */
const SHEET_INTERVAL_MS = 10 * 60_000;
const MAX_NAME_LENGTH = 64;

const WINDOW_MS: Record<Exclude<RateWindow, 'SESSION'>, number> = { HOUR: HOUR_MS, SIX_HOURS: 6 * HOUR_MS, DAY: 24 * HOUR_MS };

/** Why a goal or a threshold is refused (`extensions.reason`). */
export const GoalRefusal = {
  UNKNOWN_CHARACTER: 'UNKNOWN_CHARACTER',
  TARGET_NOT_POSITIVE: 'TARGET_NOT_POSITIVE',
  LEVEL_PAST_CAP: 'LEVEL_PAST_CAP',
  LEVEL_ALREADY_REACHED: 'LEVEL_ALREADY_REACHED',
  MONSTER_MISSING: 'MONSTER_MISSING',
  MONSTER_NOT_ALLOWED: 'MONSTER_NOT_ALLOWED',
  NO_CHARACTER_SHEET: 'NO_CHARACTER_SHEET',
  TOO_MANY_GOALS: 'TOO_MANY_GOALS',
} as const;

type RatesValue = Rates;
type GoalValue = Goal;

/** A character's rates, with what goal estimates need beyond them. */
interface Measured {
  rates: RatesValue;
  levelsPerHour: number | null;
}

/** Who owns resets and goals: a person's account or an API token; null when anonymous. */
function ownerOf(context: SubgraphContext): string | null {
  const { identity } = context;
  return identity.kind === 'anonymous' || identity.id === '' ? null : `${identity.kind}:${identity.id}`;
}

function requireOwner(context: SubgraphContext, what: string): string {
  const owner = ownerOf(context);
  if (!owner) throw graphError(GraphErrorCode.UNAUTHENTICATED, `${what} keeps what you set under your account: sign in (or send an API token) first.`);
  return owner;
}

/** The caller's last reset, read once per request. */
const resets: LoaderKind<string, Date | null> = {
  load: async (owners, context) => new Map(await Promise.all(owners.map(async (owner) => [owner, await sql.rateReset(context.pool, owner)] as const))),
  missing: null,
};

async function resetOf(context: SubgraphContext): Promise<Date | null> {
  const owner = ownerOf(context);
  return owner ? loaderOf(context, resets).load(owner) : null;
}

/** Each character's span over `window`: sessions from their start, windows back from now; none before the caller's reset. */
async function spansOf(context: SubgraphContext, names: readonly string[], window: RateWindow): Promise<sql.MeasuredSpan[]> {
  const now = context.now();
  const reset = await resetOf(context);
  const clamp = (character_name: string, from: Date, to: Date): sql.MeasuredSpan => {
    const start = reset && reset > from ? reset : from;
    return { character_name, from: start > to ? to : start, to };
  };
  if (window !== 'SESSION') return names.map((name) => clamp(name, new Date(now.getTime() - WINDOW_MS[window]), now));
  const rows = indexBy(await sql.sessions(context.pool, names), (row) => row.character_name);
  return names.map((name) => {
    const row = rows.get(name);
    if (!row) return clamp(name, now, now);
    const to = row.last_seen_at < now ? row.last_seen_at : now;
    return clamp(name, row.started_at ?? new Date(to.getTime() - UNRECORDED_SESSION_MS), to);
  });
}

/** The rates of a span's sums. */
function measuredOf(window: RateWindow, span: sql.MeasuredSpan, row: sql.EarnedRow | undefined): Measured {
  const hours = Math.max(0, span.to.getTime() - span.from.getTime()) / HOUR_MS;
  const perHour = (amount: number) => (hours > 0 ? amount / hours : 0);
  const sheets = row?.first_sheet_at && row.last_sheet_at ? row.last_sheet_at.getTime() - row.first_sheet_at.getTime() : null;
  const sheetHours = sheets !== null && sheets >= MIN_SHEET_SPAN_MS ? sheets / HOUR_MS : null;
  const difference = (first: number | null | undefined, last: number | null | undefined) => (sheets === null || first == null || last == null ? null : last - first);
  const xpEarned = difference(row?.first_xp, row?.last_xp);
  const luminanceEarned = difference(row?.first_luminance, row?.last_luminance);
  const levelsGained = difference(row?.first_level, row?.last_level);
  const sheetRate = (amount: number | null) => (amount === null || sheetHours === null ? null : amount / sheetHours);
  const valueGained = row?.value_gained ?? 0;
  const valueLost = row?.value_lost ?? 0;
  const xpPerHour = sheetRate(xpEarned);
  return {
    rates: {
      window,
      from: span.from,
      to: span.to,
      hours,
      xpEarned,
      xpPerHour,
      xpSheets: row?.sheets ?? 0,
      xpPerHourDueAt: xpPerHour === null ? xpRateDue(span, row) : null,
      luminanceEarned,
      luminancePerHour: sheetRate(luminanceEarned),
      levelsGained,
      kills: row?.kills ?? 0,
      killsPerHour: perHour(row?.kills ?? 0),
      deaths: row?.deaths ?? 0,
      deathsPerHour: perHour(row?.deaths ?? 0),
      rares: row?.rares ?? 0,
      raresPerHour: perHour(row?.rares ?? 0),
      tapersUsed: row?.tapers_used ?? 0,
      tapersPerHour: perHour(row?.tapers_used ?? 0),
      valueGained,
      valueLost,
      valueNet: valueGained - valueLost,
      valuePerHour: perHour(valueGained - valueLost),
    },
    levelsPerHour: sheetRate(levelsGained),
  };
}

/**
 * When the sheet that gives an experience rate is due, by the plugin's
 * schedule: 10 minutes after the span's last sheet; with none in the span
 * yet, 10 minutes after the first due in it (counted from the latest sheet
 * before it); null when no sheet was ever received.
 */
function xpRateDue(span: sql.MeasuredSpan, row: sql.EarnedRow | undefined): Date | null {
  if (row?.last_sheet_at) return new Date(row.last_sheet_at.getTime() + SHEET_INTERVAL_MS);
  if (!row?.sheet_before_at) return null;
  const before = row.sheet_before_at.getTime();
  const firstInSpan = before + Math.max(1, Math.ceil((span.from.getTime() - before) / SHEET_INTERVAL_MS)) * SHEET_INTERVAL_MS;
  return new Date(firstInSpan + SHEET_INTERVAL_MS);
}

/** Rates per window, one loader each: every character of a request in one query. */
const measured: LoaderKind<string, Measured | undefined, RateWindow> = {
  async load(names, context, window) {
    const spans = await spansOf(context, names, window);
    const rows = indexBy(await sql.earned(context.pool, spans), (row) => row.character_name);
    return new Map(spans.map((span) => [span.character_name, measuredOf(window, span, rows.get(span.character_name))]));
  },
  missing: undefined,
};

const carried: LoaderKind<string, number | undefined> = {
  load: async (names, context) => new Map((await sql.carriedValues(context.pool, [...names])).map((row) => [row.character_name, row.value])),
  missing: undefined,
};

/** The sum of rates: totals and per-hour rates add; a nullable rate is null when every character's is. */
function sumRates(window: RateWindow, all: readonly RatesValue[], now: Date): RatesValue {
  const add = (pick: (rates: RatesValue) => number) => all.reduce((sum, rates) => sum + pick(rates), 0);
  const addNullable = (pick: (rates: RatesValue) => number | null | undefined) => {
    const present = all.map(pick).filter((value): value is number => value !== null && value !== undefined);
    return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0);
  };
  const xpPerHour = addNullable((r) => r.xpPerHour);
  const from = all.length === 0 ? now : new Date(Math.min(...all.map((rates) => new Date(rates.from).getTime())));
  const to = all.length === 0 ? now : new Date(Math.max(...all.map((rates) => new Date(rates.to).getTime())));
  return {
    window,
    from,
    to,
    hours: (to.getTime() - from.getTime()) / HOUR_MS,
    xpEarned: addNullable((r) => r.xpEarned),
    xpPerHour,
    xpSheets: add((r) => r.xpSheets),
    // The fleet's rate waits for its first character's.
    xpPerHourDueAt: xpPerHour !== null ? null : earliest(all.map((r) => r.xpPerHourDueAt)),
    luminanceEarned: addNullable((r) => r.luminanceEarned),
    luminancePerHour: addNullable((r) => r.luminancePerHour),
    levelsGained: addNullable((r) => r.levelsGained),
    kills: add((r) => r.kills),
    killsPerHour: add((r) => r.killsPerHour),
    deaths: add((r) => r.deaths),
    deathsPerHour: add((r) => r.deathsPerHour),
    rares: add((r) => r.rares),
    raresPerHour: add((r) => r.raresPerHour),
    tapersUsed: add((r) => r.tapersUsed),
    tapersPerHour: add((r) => r.tapersPerHour),
    valueGained: add((r) => r.valueGained),
    valueLost: add((r) => r.valueLost),
    valueNet: add((r) => r.valueNet),
    valuePerHour: add((r) => r.valuePerHour),
  };
}

/** The earliest of some times; null when there are none. */
function earliest(times: ReadonlyArray<Date | string | null | undefined>): Date | null {
  const known = times.filter((time): time is Date | string => time != null).map((time) => new Date(time).getTime());
  return known.length === 0 ? null : new Date(Math.min(...known));
}

/** Kills of one monster per hour in each character's latest combat session, keyed `name\0monster`. */
const monsterRates: LoaderKind<string, number | null> = {
  async load(keys, context) {
    const pairs = keys.map((key) => key.split('\u0000') as [string, string]);
    const rows = await sql.sessionMonsterKills(context.pool, pairs.map(([name]) => name), pairs.map(([, monster]) => monster));
    return new Map(rows.map((row) => [`${row.character_name}\u0000${row.monster}`, row.hours > 0 ? row.kills / row.hours : null]));
  },
  missing: null,
};

/** A goal as the graph returns it, estimated at the rate of `window`. */
async function goalOf(context: SubgraphContext, row: sql.GoalRow, window: RateWindow): Promise<GoalValue> {
  const progress = row.progress ?? (row.kind === 'LEVEL' ? row.baseline : 0);
  const reached = row.reached_at !== null || progress >= row.target;
  const rate = reached ? null : await goalRate(context, row, window);
  const remaining = Math.max(0, row.target - progress);
  const reachable = reached || (rate !== null && rate > 0);
  const span = row.kind === 'LEVEL' ? row.target - row.baseline : row.target;
  const done = row.kind === 'LEVEL' ? progress - row.baseline : progress;
  return {
    id: row.id,
    character: { name: row.character_name } as Character,
    kind: row.kind,
    target: row.target,
    monster: row.monster,
    createdAt: row.created_at,
    reachedAt: row.reached_at,
    progress,
    fraction: reached ? 1 : span > 0 ? Math.min(1, Math.max(0, done / span)) : 0,
    ratePerHour: rate,
    estimatedAt: !reached && rate !== null && rate > 0 ? new Date(context.now().getTime() + (remaining / rate) * HOUR_MS) : null,
    reachable,
    description: goalDescription(row.kind, row.target, row.monster),
  };
}

async function goalRate(context: SubgraphContext, row: sql.GoalRow, window: RateWindow): Promise<number | null> {
  if (row.kind === 'KILLS') return loaderOf(context, monsterRates).load(`${row.character_name}\u0000${row.monster ?? ''}`);
  const rates = await loaderOf(context, measured, window).load(row.character_name);
  if (!rates) return null;
  if (row.kind === 'LEVEL') return rates.levelsPerHour;
  return row.kind === 'EXPERIENCE' ? (rates.rates.xpPerHour ?? null) : rates.rates.raresPerHour;
}

function goalDescription(kind: GoalKind, target: number, monster: string | null): string {
  const count = target.toLocaleString('en-US');
  if (kind === 'LEVEL') return `level ${target}`;
  if (kind === 'EXPERIENCE') return `${count} experience`;
  if (kind === 'KILLS') return `${count} kills of ${monster ?? 'a monster'}`;
  return target === 1 ? '1 rare' : `${count} rares`;
}

/** The caller's goals per character, read once per request. */
const goalsByCharacter: LoaderKind<string, sql.GoalRow[], string> = {
  load: async (names, context, owner) => groupBy(await sql.goals(context.pool, owner, [...names]), (row) => row.character_name),
  missing: [],
};

function refuse(reason: keyof typeof GoalRefusal, message: string, argument: string): never {
  throw graphError(reason === 'UNKNOWN_CHARACTER' ? GraphErrorCode.NOT_FOUND : GraphErrorCode.BAD_USER_INPUT, message, { reason, argument });
}

/** A whole number above zero, or TARGET_NOT_POSITIVE naming the argument. */
function positiveWhole(value: number, argument: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    refuse('TARGET_NOT_POSITIVE', `${argument} must be a whole number above zero; got ${value}.`, argument);
  }
  return value;
}

/** Checks a new goal's arguments and reads what it is measured from; refuses what cannot be measured. */
async function newGoal(context: SubgraphContext, args: { character: string; kind: GoalKind; target: number; monster?: string | null }) {
  const { character, kind } = args;
  requireStorableText(character, 'character');
  requireStorableText(args.monster, 'monster');
  const target = positiveWhole(args.target, 'target');
  const monster = args.monster?.trim() || null;
  if (kind === 'KILLS' && !monster) refuse('MONSTER_MISSING', 'A KILLS goal needs the monster to count: pass monster, e.g. "Drudge Slinker".', 'monster');
  if (kind !== 'KILLS' && monster) refuse('MONSTER_NOT_ALLOWED', `Only a KILLS goal counts a monster: leave monster out of a ${kind} goal.`, 'monster');
  if (monster && monster.length > MAX_NAME_LENGTH * 2) refuse('MONSTER_MISSING', `monster has ${monster.length} characters; a monster's name has at most ${MAX_NAME_LENGTH * 2}.`, 'monster');
  if (kind === 'LEVEL' && target > LEVEL_CAP) {
    refuse('LEVEL_PAST_CAP', `Level ${target} is past the game's cap of ${LEVEL_CAP}: set a level up to ${LEVEL_CAP}.`, 'target');
  }
  const base = character.length > 0 && character.length <= MAX_NAME_LENGTH ? await sql.goalBaseline(context.pool, character, monster) : null;
  if (!base?.known) {
    refuse('UNKNOWN_CHARACTER', `No character named ${JSON.stringify(character)} has reported: check the spelling (names are exact) or wait for its first report.`, 'character');
  }
  if (kind === 'LEVEL' && base.level !== null && target <= base.level) {
    refuse('LEVEL_ALREADY_REACHED', `${character} is level ${base.level} already: set a level above it, up to ${LEVEL_CAP}.`, 'target');
  }
  if (kind === 'EXPERIENCE' && base.total_xp === null) {
    refuse('NO_CHARACTER_SHEET', `${character} has not sent its character sheet yet (it comes at login, then every 10 minutes), so its experience cannot be measured: try again after it logs in.`, 'character');
  }
  const baseline = kind === 'LEVEL' ? (base.level ?? 0) : kind === 'EXPERIENCE' ? (base.total_xp ?? 0) : kind === 'KILLS' ? base.monster_kills : 0;
  return { character, kind, monster, target, baseline };
}

/** The resolvers of rates, goals and earnings, merged into the telemetry subgraph's. */
export function earningsResolvers(): Pick<Resolvers, 'Query' | 'Mutation' | 'Character'> {
  return {
    Query: {
      async fleetRates(_parent, { window }, context) {
        const chosen = window ?? 'HOUR';
        const now = context.now();
        const since = new Date(now.getTime() - (chosen === 'SESSION' ? LIVE_WINDOW_MS : WINDOW_MS[chosen]));
        const names = await sql.reportedSince(context.pool, since);
        const [all, values] = await Promise.all([
          loaderOf(context, measured, chosen).loadMany(names),
          loaderOf(context, carried).loadMany(names),
        ]);
        const rates = all.filter((entry): entry is Measured => entry !== undefined && !(entry instanceof Error)).map((entry) => entry.rates);
        return {
          window: chosen,
          characters: names.map((name) => ({ name }) as Character),
          total: sumRates(chosen, rates, now),
          carriedValue: values.reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0),
        };
      },
      async goals(_parent, { window }, context) {
        const owner = requireOwner(context, 'goals');
        const rows = await sql.goals(context.pool, owner, null);
        return Promise.all(rows.map((row) => goalOf(context, row, window ?? 'SESSION')));
      },
      lootAlertThreshold: (_parent, _args, context) => sql.lootThreshold(context.pool),
    },
    Mutation: {
      async resetRates(_parent, _args, context) {
        const owner = requireOwner(context, 'resetRates');
        const now = context.now();
        await sql.resetRates(context.pool, owner, now);
        return now;
      },
      async setGoal(_parent, args, context) {
        const owner = requireOwner(context, 'setGoal');
        const goal = await newGoal(context, args);
        if ((await sql.openGoals(context.pool, owner)) >= MAX_OPEN_GOALS) {
          refuse('TOO_MANY_GOALS', `You have ${MAX_OPEN_GOALS} open goals, the most one person keeps: delete one first.`, 'character');
        }
        const row = await sql.insertGoal(context.pool, { ...goal, owner, ownerName: context.identity.name, at: context.now() });
        return goalOf(context, row, 'SESSION');
      },
      async deleteGoal(_parent, { id }, context) {
        const owner = requireOwner(context, 'deleteGoal');
        if (!/^[0-9]{1,18}$/.test(id)) throw graphError(GraphErrorCode.BAD_USER_INPUT, `id must be a goal's id (digits); got ${JSON.stringify(id.slice(0, 40))}.`, { argument: 'id' });
        return sql.deleteGoal(context.pool, owner, id);
      },
      setLootAlertThreshold: withRole(Role.operator, async (_parent, { value }, context) => {
        const threshold = value === null || value === undefined ? null : positiveWhole(value, 'value');
        await sql.setLootThreshold(context.pool, threshold, context.identity.name, context.now());
        return threshold;
      }),
    },
    Character: {
      async rates({ name }, { window }, context) {
        const chosen = window ?? 'SESSION';
        const found = await loaderOf(context, measured, chosen).load(name);
        return found?.rates ?? measuredOf(chosen, { character_name: name, from: context.now(), to: context.now() }, undefined).rates;
      },
      carriedValue: ({ name }, _args, context) => loaderOf(context, carried).load(name).then((value) => value ?? null),
      async goals({ name }, { window }, context) {
        const owner = ownerOf(context);
        if (!owner) return [];
        const rows = await loaderOf(context, goalsByCharacter, owner).load(name);
        return Promise.all(rows.map((row) => goalOf(context, row, window ?? 'SESSION')));
      },
    },
  };
}
