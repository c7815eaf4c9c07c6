import { GraphErrorCode, graphError, groupBy, indexBy, loaderOf, requireRole, Role, type LoaderKind, type SubgraphContext } from '@lifestone/lib/graph';
import { MAP_IMAGE_PATH, mapImageAvailable } from './map-image.js';
import type { FrameType } from '@lifestone/lib/protocol';
import { topics } from '@lifestone/lib/pubsub';
import type { Character, Event, EventPayload, EventType, MapRegion, Resolvers, ResolversTypes, ServerState } from './generated/resolvers.js';
import { alertPage } from './alerts.js';
import { lookalikesOf } from './lookalikes.js';
import { fleetPositions } from './replay.js';
import { frameTypeOf } from './payloads.js';
import {
  countersOf,
  dungeonMapOf,
  effectOf,
  nearbyObjectOf,
  pluginHealthOf,
  positionOf,
  questOf,
  rareTierOf,
  requiredPositionOf,
  statsOf,
  requiredVitalsOf,
  vitalsOf,
} from './records.js';
import { DateTimeScalar, JSONScalar, toDate } from '@lifestone/lib/graph';
import { normalisedLandblockCell } from '@lifestone/lib/game/coordinates';
import { LIVE_WINDOW_MS } from '@lifestone/lib/game/live';
import * as sql from './sql.js';
import type { LiveFeeds } from './subscriptions.js';

/** Portals expire an hour after they were last seen (the `portals` retention policy). */
export const PORTAL_WINDOW_MS = 60 * 60_000;
/** `fellowships` shows the members that shared vitals this recently (by receive time). */
export const FELLOWSHIP_WINDOW_MS = 5 * 60_000;
/** The longest command `sendCommand` passes on. */
export const MAX_COMMAND_LENGTH = 200;
/** The longest character name of the wire protocol. */
const MAX_NAME_LENGTH = 64;
const HOUR_MS = 60 * 60_000;

const byCharacter = (row: { character_name: string }): string => row.character_name;

/** A kind of row read per character, one query for all the characters a request asks about; kept for the request. */
function perCharacter<R>(load: (pool: SubgraphContext['pool'], names: string[]) => Promise<Map<string, R>>): LoaderKind<string, R | undefined> {
  return { load: (names, context) => load(context.pool, [...names]), missing: undefined };
}

/** Each character's live snapshot row. */
const live = perCharacter(async (pool, names) => indexBy(await sql.liveCharactersByName(pool, names), byCharacter));
const lifetime = perCharacter(async (pool, names) => indexBy(await sql.lifetimeCountersByName(pool, names), byCharacter));
const stats = perCharacter(async (pool, names) => indexBy(await sql.statsByName(pool, names), byCharacter));
const quests = perCharacter(async (pool, names) => groupBy(await sql.questsByName(pool, names), byCharacter));
const effects = perCharacter(async (pool, names) => groupBy(await sql.effectsByName(pool, names), byCharacter));
const nearby = perCharacter(async (pool, names) => indexBy(await sql.nearbyObjectsByName(pool, names), byCharacter));
const refusals = perCharacter(async (pool, names) => groupBy(await sql.refusalsByName(pool, names), byCharacter));
/** Each character's look-alikes; read anew for every event of a subscription, which may name a character new since the last. */
const lookalikes: LoaderKind<string, string[]> = { load: (names, context) => lookalikesOf(context.pool, names), missing: [], cache: false };

/** Trails over a window, one loader per length in minutes: the window of its first use. */
const trails: LoaderKind<string, sql.TrailRow[] | undefined, { minutes: number; from: Date; to: Date }> = {
  load: async (names, context, { from, to }) => groupBy(await sql.trailsByName(context.pool, [...names], from, to), byCharacter),
  missing: undefined,
  variant: ({ minutes }) => String(minutes),
};

function trailLoader(context: SubgraphContext, minutes: number) {
  const to = context.now();
  return loaderOf(context, trails, { minutes, from: new Date(to.getTime() - minutes * 60_000), to });
}

/** The most buckets an activity query returns. */
const MAX_BUCKETS = 1_000;

/** The bucket layout of `fleetHistory` and `Character.activity`, or BAD_USER_INPUT. */
function bucketSpan(context: SubgraphContext, hours: number | null | undefined, bucketMinutes: number | null | undefined): sql.BucketSpan {
  const span = boundedInt('hours', hours, 24, 1, 7 * 24);
  const width = boundedInt('bucketMinutes', bucketMinutes, 60, 1, 24 * 60);
  const buckets = Math.ceil((span * 60) / width);
  if (buckets > MAX_BUCKETS) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${span} hours in buckets of ${width} minutes make ${buckets} buckets; at most ${MAX_BUCKETS} are allowed: widen the buckets.`, { argument: 'bucketMinutes' });
  }
  return { now: context.now(), bucketMinutes: width, buckets };
}

/** A bucket row as the graph returns it. */
function activityBucketOf(row: sql.ActivityBucketRow, bucketMinutes: number): ResolversTypes['ActivityBucket'] {
  return { start: row.start, kills: row.kills, deaths: row.deaths, rares: row.rares, killsPerHour: (row.kills * 60) / bucketMinutes, online: row.online };
}

/** Activity per bucket layout (`buckets/bucketMinutes`), one loader each: the span of its first use. */
const activity: LoaderKind<string, sql.ActivityBucketRow[] | undefined, sql.BucketSpan> = {
  load: async (names, context, span) => groupBy(await sql.activity(context.pool, [...names], span), (row) => row.character_name ?? ''),
  missing: undefined,
  variant: (span) => `${span.buckets}/${span.bucketMinutes}`,
};

/** Server status changes, one loader per number of days: the window of its first use. */
const serverChanges: LoaderKind<string, sql.ServerChangeRow[] | undefined, { days: number; from: Date }> = {
  load: async (servers, context, { from }) => groupBy(await sql.serverChanges(context.pool, [...servers], from), (row) => row.server),
  missing: undefined,
  variant: ({ days }) => String(days),
};

function serverChangesLoader(context: SubgraphContext, days: number) {
  return loaderOf(context, serverChanges, { days, from: new Date(context.now().getTime() - days * 24 * HOUR_MS) });
}

/** A game server as a parent object: its row as last checked; `changes` is resolved on demand. */
export interface ServerStatusValue {
  server: string;
  status: ServerState;
  players: number | null;
  latencyMs: number | null;
  checkedAt: Date;
  since: Date | null;
}

/**
 * A character as a parent object: its name alone, every other field resolved
 * through the loaders. The generated `Character` type describes the resolved
 * object, hence the one cast here.
 */
function characterRef(name: string): ResolversTypes['Character'] {
  return { name } as Character;
}

/** Characters from live snapshot rows just read, their rows primed so that their fields need no further query. */
function charactersFrom(context: SubgraphContext, rows: readonly sql.LiveCharacterRow[]): ResolversTypes['Character'][] {
  const liveLoader = loaderOf(context, live);
  return rows.map((row) => {
    liveLoader.prime(row.character_name, row);
    return characterRef(row.character_name);
  });
}

/** An integer argument within [min, max], or BAD_USER_INPUT naming the argument. */
function boundedInt(name: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > max) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${name} must be an integer from ${min} to ${max}; got ${chosen}.`, { argument: name });
  }
  return chosen;
}

/** A list argument: null means "no filter", an empty list is refused (it could never match). */
function filterList<T>(name: string, values: readonly T[] | null | undefined): readonly T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${name} is empty, so nothing could match: omit it to receive every one.`, { argument: name });
  }
  return values;
}

/** A `MapRegion` argument, checked: finite numbers, each side at least its opposite. */
function mapRegion(region: MapRegion | null | undefined): MapRegion | null {
  if (!region) return null;
  for (const [side, value] of Object.entries(region)) {
    if (!Number.isFinite(value)) throw graphError(GraphErrorCode.BAD_USER_INPUT, `region.${side} must be a finite number.`, { argument: `region.${side}` });
  }
  if (region.east < region.west) throw graphError(GraphErrorCode.BAD_USER_INPUT, `region.east (${region.east}) is west of region.west (${region.west}): swap them.`, { argument: 'region.east' });
  if (region.north < region.south) throw graphError(GraphErrorCode.BAD_USER_INPUT, `region.north (${region.north}) is south of region.south (${region.south}): swap them.`, { argument: 'region.north' });
  return { west: region.west, east: region.east, south: region.south, north: region.north };
}

/** A landblock in the stored form, `0x` and 8 upper-case hex digits, as ingest normalises it. */
function normalisedLandblock(value: string): string {
  const cell = normalisedLandblockCell(value);
  if (cell === undefined) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `landblock must be hex such as "0xA9B40019"; got ${JSON.stringify(value)}.`, { argument: 'landblock' });
  }
  return cell;
}

const CONTROL_CHARACTER = /\p{Cc}/u;

/** Why `sendCommand` refuses its arguments, or undefined when they are fine. */
function commandProblem(character: string, command: string): string | undefined {
  if (character.length === 0 || character.length > MAX_NAME_LENGTH) return `character must have 1 to ${MAX_NAME_LENGTH} characters.`;
  if (command.length === 0) return 'command is empty: send a game command such as "/radar start".';
  if (!command.startsWith('/')) return `command must start with "/" (a game command such as "/radar start"); got ${JSON.stringify(command.slice(0, 40))}.`;
  if (command.length > MAX_COMMAND_LENGTH) return `command has ${command.length} characters; at most ${MAX_COMMAND_LENGTH} are allowed.`;
  if (CONTROL_CHARACTER.test(command)) return 'command contains a control character (such as a line break); send one command per call.';
  return undefined;
}

const serverStates = { up: 'UP', down: 'DOWN', unknown: 'UNKNOWN' } as const satisfies Record<sql.ServerStatusRow['status'], ServerState>;

/** The resolvers of the telemetry subgraph; `feeds` carries the live subscriptions of this process, `mapImage` is the operator's map file. */
export function createResolvers(feeds: LiveFeeds, mapImage?: string): Resolvers {
  return {
    DateTime: DateTimeScalar,
    JSON: JSONScalar,

    Query: {
      fleetPositions,
      mapImage: async () => ((await mapImageAvailable(mapImage)) ? MAP_IMAGE_PATH : null),
      async livePlayers(_parent, { game }, context) {
        const since = new Date(context.now().getTime() - LIVE_WINDOW_MS);
        return charactersFrom(context, await sql.liveCharactersSeenAfter(context.pool, since, game ?? null));
      },
      async character(_parent, { name }, context) {
        return (await loaderOf(context, live).load(name)) ? characterRef(name) : null;
      },
      async characters(_parent, { search, first, game }, context) {
        const limit = boundedInt('first', first, 100, 1, 1_000);
        return charactersFrom(context, await sql.searchCharacters(context.pool, search || null, limit, game ?? null));
      },
      async chat(_parent, { channel, character, since, first }, context) {
        const rows = await sql.chat(context.pool, {
          channel: channel ?? null,
          character: character ?? null,
          since: since ? toDate(since) : null,
          limit: boundedInt('first', first, 100, 1, 1_000),
        });
        return rows.map((row) => ({
          time: row.observed_at,
          receivedAt: row.received_at,
          character: row.character_name,
          channel: row.channel,
          sender: row.sender,
          text: row.text,
          color: row.color,
        }));
      },
      async alerts(_parent, { types, characters, since, first, after, last, before }, context) {
        return alertPage(context.pool, {
          types: filterList('types', types),
          characters: filterList('characters', characters),
          since: since ? toDate(since) : null,
          first: first ?? null,
          after: after ?? null,
          last: last ?? null,
          before: before ?? null,
        });
      },
      async rares(_parent, { since, tier, character, first }, context) {
        const rows = await sql.rares(context.pool, {
          tier: tier === 'COMMON' ? 'common' : tier === 'GREAT' ? 'great' : null,
          character: character ?? null,
          since: since ? toDate(since) : null,
          limit: boundedInt('first', first, 100, 1, 1_000),
        });
        return rows.map((row) => ({
          id: row.id,
          time: row.observed_at,
          receivedAt: row.received_at,
          character: row.character_name,
          name: row.name,
          tier: rareTierOf(row.tier),
          position: positionOf(row),
        }));
      },
      async portals(_parent, _args, context) {
        const rows = await sql.portalsSeenAfter(context.pool, new Date(context.now().getTime() - PORTAL_WINDOW_MS));
        return rows.map((row) => ({
          name: row.portal_name,
          position: requiredPositionOf(row),
          firstSeen: row.first_seen_at,
          lastSeen: row.last_seen_at,
          discoveredBy: row.discovered_by,
          lastSeenBy: row.last_seen_by,
          sightings: row.sightings,
        }));
      },
      async spawnHeatmap(_parent, { hours, cell }, context) {
        const span = boundedInt('hours', hours, 1, 1, 7 * 24);
        const size = cell ?? 1;
        if (!Number.isFinite(size) || size < 0.1 || size > 100) {
          throw graphError(GraphErrorCode.BAD_USER_INPUT, `cell must be from 0.1 to 100 map units; got ${size}.`, { argument: 'cell' });
        }
        const to = context.now();
        const rows = await sql.spawnHeatmap(context.pool, new Date(to.getTime() - span * HOUR_MS), to, size);
        return rows.map((row) => ({ ew: row.ew, ns: row.ns, size, count: row.count, topMonster: row.top_monster }));
      },
      async serverStatus(_parent, _args, context) {
        const [rows, changes] = await Promise.all([sql.serverStatus(context.pool), sql.serverStatusSince(context.pool)]);
        const since = indexBy(changes, (change) => change.server);
        return rows.map((row): ServerStatusValue => {
          const latest = since.get(row.server);
          return {
            server: row.server,
            status: serverStates[row.status],
            players: row.players,
            latencyMs: row.latency_ms,
            checkedAt: row.checked_at,
            since: latest?.status === row.status ? latest.changed_at : null,
          };
        });
      },
      async fleetHistory(_parent, { hours, bucketMinutes, game }, context) {
        const span = bucketSpan(context, hours, bucketMinutes);
        return (await sql.activity(context.pool, null, span, game ?? null)).map((row) => activityBucketOf(row, span.bucketMinutes));
      },
      async dungeonMap(_parent, { landblock }, context) {
        const row = await sql.dungeonMap(context.pool, normalisedLandblock(landblock));
        return row ? dungeonMapOf(row) : null;
      },
      async minecraftBlocks(_parent, { server, dimension, first }, context) {
        const limit = boundedInt('first', first, 400, 1, 1_000);
        return (await sql.minecraftRegions(context.pool, `${server}/${dimension}`, limit)).map(dungeonMapOf);
      },
      async fellowships(_parent, _args, context) {
        const rows = await sql.sharedVitalsSince(context.pool, new Date(context.now().getTime() - FELLOWSHIP_WINDOW_MS));
        return [...groupBy(rows, (row) => row.group_name)].map(([name, members]) => ({
          name,
          // The member's character is its name alone, like `characterRef`; its fields load through the loaders.
          members: members.map((row) => ({ character: { name: row.character_name } as Character, vitals: requiredVitalsOf(row), time: row.observed_at })),
        }));
      },
    },

    Mutation: {
      async sendCommand(_parent, { character, command }, context) {
        requireRole(context, Role.operator, 'sendCommand');
        const problem = commandProblem(character, command);
        if (problem) throw graphError(GraphErrorCode.BAD_USER_INPUT, problem);
        await context.pubsub.publish({ topic: topics.command(character), key: character, payload: JSON.stringify({ command }) });
        context.log.info({ character, command, by: context.identity.name, role: context.identity.role }, 'command sent');
        return true;
      },
    },

    Subscription: {
      events: {
        subscribe(_parent, { types, characters }, context) {
          const wanted = filterList('types', types);
          const frameTypes: FrameType[] = wanted ? [...new Set(wanted.map((type: EventType) => frameTypeOf[type]))] : Object.values(frameTypeOf);
          return feeds.of(context.pubsub, context.log).events.open(frameTypes, filterList('characters', characters));
        },
        resolve: (event: Event) => event,
      },
      positions: {
        subscribe(_parent, { characters, region }, context) {
          return feeds.of(context.pubsub, context.log).positions.open(filterList('characters', characters), mapRegion(region));
        },
        resolve: (batch: ResolversTypes['PositionBatch']) => batch,
      },
      alerts: {
        subscribe(_parent, { types, characters }, context) {
          return feeds.of(context.pubsub, context.log).alerts.open(filterList('types', types), filterList('characters', characters));
        },
        resolve: (alert: ResolversTypes['Alert']) => alert,
      },
    },

    Alert: {
      characterLookalikes: (alert, _args, context) => loaderOf(context, lookalikes).load(alert.character),
    },

    Character: {
      __resolveReference: ({ name }) => characterRef(name),
      lookalikes: ({ name }, _args, context) => loaderOf(context, lookalikes).load(name),
      async online({ name }, _args, context) {
        const row = await loaderOf(context, live).load(name);
        return row !== undefined && row.last_seen_at.getTime() > context.now().getTime() - LIVE_WINDOW_MS;
      },
      async lastSeen({ name }, _args, context) {
        return (await loaderOf(context, live).load(name))?.last_seen_at ?? null;
      },
      async game({ name }, _args, context) {
        return (await loaderOf(context, live).load(name))?.game ?? 'ASHERONS_CALL';
      },
      async server({ name }, _args, context) {
        return (await loaderOf(context, live).load(name))?.server ?? null;
      },
      async dimension({ name }, _args, context) {
        return (await loaderOf(context, live).load(name))?.dimension ?? null;
      },
      async sessionId({ name }, _args, context) {
        return (await loaderOf(context, live).load(name))?.session_id ?? null;
      },
      async position({ name }, _args, context) {
        const row = await loaderOf(context, live).load(name);
        return row?.position_at ? positionOf(row) : null;
      },
      async positionTime({ name }, _args, context) {
        return (await loaderOf(context, live).load(name))?.position_at ?? null;
      },
      async vitals({ name }, _args, context) {
        const row = await loaderOf(context, live).load(name);
        return row?.vitals_at ? vitalsOf(row) : null;
      },
      async state({ name }, _args, context) {
        return (await loaderOf(context, live).load(name))?.vt_state ?? null;
      },
      async sessionCounters({ name }, _args, context) {
        const row = await loaderOf(context, live).load(name);
        return row?.position_at ? countersOf(row) : null;
      },
      async counters({ name }, _args, context) {
        const [sums, row] = await Promise.all([loaderOf(context, lifetime).load(name), loaderOf(context, live).load(name)]);
        if (!sums) return null;
        return { kills: sums.kills, deaths: sums.deaths, rares: sums.rares, tapers: sums.tapers, killsPerHour: row?.kills_per_hour ?? null };
      },
      async plugin({ name }, _args, context) {
        const row = await loaderOf(context, live).load(name);
        return row?.position_at ? pluginHealthOf(row) : null;
      },
      async stats({ name }, _args, context) {
        const row = await loaderOf(context, stats).load(name);
        return row ? statsOf(row, row.observed_at) : null;
      },
      async quests({ name }, _args, context) {
        return ((await loaderOf(context, quests).load(name)) ?? []).map((row) => questOf(row, row.observed_at));
      },
      async effects({ name }, _args, context) {
        return ((await loaderOf(context, effects).load(name)) ?? []).map((row) => effectOf(row, row.observed_at));
      },
      async nearbyObjects({ name }, _args, context) {
        return ((await loaderOf(context, nearby).load(name))?.objects ?? []).map(nearbyObjectOf);
      },
      async nearbyObjectsTime({ name }, _args, context) {
        return (await loaderOf(context, nearby).load(name))?.observed_at ?? null;
      },
      async trail({ name }, { minutes }, context) {
        const rows = await trailLoader(context, boundedInt('minutes', minutes, 10, 1, 24 * 60)).load(name);
        return (rows ?? []).map((row) => ({ time: row.observed_at, position: requiredPositionOf(row) }));
      },
      async history({ name }, { from, to, first }, context) {
        const start = toDate(from);
        const end = to ? toDate(to) : context.now();
        if (start.getTime() > end.getTime()) {
          throw graphError(GraphErrorCode.BAD_USER_INPUT, `from (${start.toISOString()}) is after to (${end.toISOString()}).`, { argument: 'from' });
        }
        const rows = await sql.history(context.pool, name, start, end, boundedInt('first', first, 1_000, 1, 10_000));
        return rows.map((row) => ({
          time: row.observed_at,
          receivedAt: row.received_at,
          position: requiredPositionOf(row),
          state: row.vt_state,
          sessionCounters: countersOf(row),
          plugin: pluginHealthOf(row),
        }));
      },
      async activity({ name }, { hours, bucketMinutes }, context) {
        const span = bucketSpan(context, hours, bucketMinutes);
        return ((await loaderOf(context, activity, span).load(name)) ?? []).map((row) => activityBucketOf(row, span.bucketMinutes));
      },
      async refusals({ name }, _args, context) {
        return ((await loaderOf(context, refusals).load(name)) ?? []).map((row) => ({
          code: row.code,
          count: row.refused,
          lastMessage: row.last_message,
          lastAt: row.last_at,
        }));
      },
    },

    ServerStatus: {
      async changes({ server }, { days }, context) {
        const rows = await serverChangesLoader(context, boundedInt('days', days, 7, 1, 90)).load(server);
        return (rows ?? []).map((row) => ({ status: serverStates[row.status], at: row.changed_at }));
      },
    },

    EventPayload: {
      __resolveType(payload: EventPayload) {
        if (!payload.__typename) throw new Error('an event payload was built without its __typename');
        return payload.__typename;
      },
    },
  };
}
