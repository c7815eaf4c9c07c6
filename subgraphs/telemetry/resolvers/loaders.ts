/**
 * The loaders the telemetry resolvers share: one query per kind of row for
 * every character (or server) a request asks about, kept for the request.
 */
import { GraphErrorCode, graphError, groupBy, indexBy, loaderOf, type LoaderKind, type SubgraphContext } from '@lifestone/lib/graph';
import type { Character, ResolversTypes } from '../generated/resolvers.js';
import { lookalikesOf } from '../lookalikes.js';
import * as sql from '../sql.js';
import { boundedInt } from './arguments.js';

export const HOUR_MS = 60 * 60_000;

const byCharacter = (row: { character_name: string }): string => row.character_name;

/** A kind of row read per character, one query for all the characters a request asks about; kept for the request. */
function perCharacter<R>(load: (pool: SubgraphContext['pool'], names: string[]) => Promise<Map<string, R>>): LoaderKind<string, R | undefined> {
  return { load: (names, context) => load(context.pool, [...names]), missing: undefined };
}

/** Each character's live snapshot row. */
export const live = perCharacter(async (pool, names) => indexBy(await sql.liveCharactersByName(pool, names), byCharacter));
export const lifetime = perCharacter(async (pool, names) => indexBy(await sql.lifetimeCountersByName(pool, names), byCharacter));
export const stats = perCharacter(async (pool, names) => indexBy(await sql.statsByName(pool, names), byCharacter));
export const quests = perCharacter(async (pool, names) => groupBy(await sql.questsByName(pool, names), byCharacter));
export const effects = perCharacter(async (pool, names) => groupBy(await sql.effectsByName(pool, names), byCharacter));
export const nearby = perCharacter(async (pool, names) => indexBy(await sql.nearbyObjectsByName(pool, names), byCharacter));
export const refusals = perCharacter(async (pool, names) => groupBy(await sql.refusalsByName(pool, names), byCharacter));
/**
 * Stuck, the way fleet operators mean it: for {@link STUCK_WINDOW_MS} its
 * automation said it was navigating or fighting, yet it killed nothing and
 * stayed within a box of {@link STUCK_EXTENT} map units (12 m): against a
 * wall, a door or a ledge. Frames come every 2 s; a report may be up to
 * {@link STUCK_SLACK_MS} late at either end of the window.
 */
export const STUCK_WINDOW_MS = 5 * 60_000;
export const STUCK_EXTENT = 0.05;
export const STUCK_SLACK_MS = 30_000;
export const stuck: LoaderKind<string, sql.StuckRow | undefined> = {
  load: async (names, context) => indexBy(await sql.stuckByName(context.pool, [...names], context.now(), STUCK_WINDOW_MS, STUCK_EXTENT, STUCK_SLACK_MS), byCharacter),
  missing: undefined,
};
/** Each character's look-alikes; read anew for every event of a subscription, which may name a character new since the last. */
export const lookalikes: LoaderKind<string, string[]> = { load: (names, context) => lookalikesOf(context.pool, names), missing: [], cache: false };

/** Trails over a window, one loader per length in minutes: the window of its first use. */
export const trails: LoaderKind<string, sql.TrailRow[] | undefined, { minutes: number; from: Date; to: Date }> = {
  load: async (names, context, { from, to }) => groupBy(await sql.trailsByName(context.pool, [...names], from, to), byCharacter),
  missing: undefined,
  variant: ({ minutes }) => String(minutes),
};

export function trailLoader(context: SubgraphContext, minutes: number) {
  const to = context.now();
  return loaderOf(context, trails, { minutes, from: new Date(to.getTime() - minutes * 60_000), to });
}

/** The most buckets an activity query returns. */
const MAX_BUCKETS = 1_000;

/** The bucket layout of `fleetHistory` and `Character.activity`, or BAD_USER_INPUT. */
export function bucketSpan(context: SubgraphContext, hours: number | null | undefined, bucketMinutes: number | null | undefined): sql.BucketSpan {
  const span = boundedInt('hours', hours, 24, 1, 7 * 24);
  const width = boundedInt('bucketMinutes', bucketMinutes, 60, 1, 24 * 60);
  const buckets = Math.ceil((span * 60) / width);
  if (buckets > MAX_BUCKETS) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${span} hours in buckets of ${width} minutes make ${buckets} buckets; at most ${MAX_BUCKETS} are allowed: widen the buckets.`, { argument: 'bucketMinutes' });
  }
  return { now: context.now(), bucketMinutes: width, buckets };
}

/** A bucket row as the graph returns it. */
export function activityBucketOf(row: sql.ActivityBucketRow, bucketMinutes: number): ResolversTypes['ActivityBucket'] {
  return { start: row.start, kills: row.kills, deaths: row.deaths, rares: row.rares, killsPerHour: (row.kills * 60) / bucketMinutes, online: row.online };
}

/** Activity per bucket layout (`buckets/bucketMinutes`), one loader each: the span of its first use. */
export const activity: LoaderKind<string, sql.ActivityBucketRow[] | undefined, sql.BucketSpan> = {
  load: async (names, context, span) => groupBy(await sql.activity(context.pool, [...names], span), (row) => row.character_name ?? ''),
  missing: undefined,
  variant: (span) => `${span.buckets}/${span.bucketMinutes}`,
};

/** Server status changes, one loader per number of days: the window of its first use. */
export const serverChanges: LoaderKind<string, sql.ServerChangeRow[] | undefined, { days: number; from: Date }> = {
  load: async (servers, context, { from }) => groupBy(await sql.serverChanges(context.pool, [...servers], from), (row) => row.server),
  missing: undefined,
  variant: ({ days }) => String(days),
};

export function serverChangesLoader(context: SubgraphContext, days: number) {
  return loaderOf(context, serverChanges, { days, from: new Date(context.now().getTime() - days * 24 * HOUR_MS) });
}

/**
 * A character as a parent object: its name alone, every other field resolved
 * through the loaders. The generated `Character` type describes the resolved
 * object, hence the one cast here.
 */
export function characterRef(name: string): ResolversTypes['Character'] {
  return { name } as Character;
}

/** Characters from live snapshot rows just read, their rows primed so that their fields need no further query. */
export function charactersFrom(context: SubgraphContext, rows: readonly sql.LiveCharacterRow[]): ResolversTypes['Character'][] {
  const liveLoader = loaderOf(context, live);
  return rows.map((row) => {
    liveLoader.prime(row.character_name, row);
    return characterRef(row.character_name);
  });
}
