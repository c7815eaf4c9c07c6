import { GraphErrorCode, graphError, groupBy, loaderOf, toDate } from '@lifestone/lib/graph';
import { LIVE_WINDOW_MS } from '@lifestone/lib/game/live';
import type { Character, QueryResolvers } from '../generated/resolvers.js';
import { alertPage } from '../alerts.js';
import { MAP_IMAGE_PATH, mapImageAvailable } from '../map-image.js';
import { dungeonMapOf, positionOf, rareTierOf, requiredPositionOf, requiredVitalsOf } from '../records.js';
import { fleetPositions } from '../replay.js';
import * as sql from '../sql.js';
import { boundedInt, filterList, normalisedLandblock } from './arguments.js';
import { activityBucketOf, bucketSpan, characterRef, charactersFrom, HOUR_MS, live } from './loaders.js';
import { serverStates, type ServerStatusValue } from './server-status.js';

/** Portals expire an hour after they were last seen (the `portals` retention policy). */
export const PORTAL_WINDOW_MS = 60 * 60_000;
/** `fellowships` shows the members that shared vitals this recently (by receive time). */
export const FELLOWSHIP_WINDOW_MS = 5 * 60_000;

/** The queries; `mapImage` is the operator's map file. */
export function queryResolvers(mapImage?: string): QueryResolvers {
  return {
    ...QUERIES,
    mapImage: async () => ((await mapImageAvailable(mapImage)) ? MAP_IMAGE_PATH : null),
  };
}

const QUERIES: QueryResolvers = {
  fleetPositions,
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
    const rows = await sql.serverStatus(context.pool);
    return rows.map((row): ServerStatusValue => ({
      server: row.server,
      status: serverStates[row.status],
      players: row.players,
      latencyMs: row.latency_ms,
      checkedAt: row.checked_at,
      since: row.since,
    }));
  },
  async fleetHistory(_parent, { hours, bucketMinutes, game }, context) {
    const span = bucketSpan(context, hours, bucketMinutes);
    return (await sql.activity(context.pool, null, span, game ?? null)).map((row) => activityBucketOf(row, span.bucketMinutes));
  },
  async dungeonMap(_parent, { landblock }, context) {
    const row = await sql.dungeonMap(context.pool, normalisedLandblock(landblock));
    return row ? dungeonMapOf(row) : null;
  },
  async minecraftBlocks(_parent, { server, dimension, first, since }, context) {
    const limit = boundedInt('first', first, 400, 1, 1_000);
    return (await sql.minecraftRegions(context.pool, `${server}/${dimension}`, limit, since ? toDate(since) : null)).map(dungeonMapOf);
  },
  async fellowships(_parent, _args, context) {
    const rows = await sql.sharedVitalsSince(context.pool, new Date(context.now().getTime() - FELLOWSHIP_WINDOW_MS));
    return [...groupBy(rows, (row) => row.group_name)].map(([name, members]) => ({
      name,
      // The member's character is its name alone, like `characterRef`; its fields load through the loaders.
      members: members.map((row) => ({ character: { name: row.character_name } as Character, vitals: requiredVitalsOf(row), time: row.observed_at })),
    }));
  },
};
