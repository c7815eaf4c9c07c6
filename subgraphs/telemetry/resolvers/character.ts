import { GraphErrorCode, graphError, loaderOf, toDate } from '@lifestone/lib/graph';
import { LIVE_WINDOW_MS } from '@lifestone/lib/game/live';
import type { CharacterResolvers } from '../generated/resolvers.js';
import { countersOf, effectOf, nearbyObjectOf, pluginHealthOf, positionOf, questOf, requiredPositionOf, statsOf, vitalsOf } from '../records.js';
import * as sql from '../sql.js';
import { boundedInt } from './arguments.js';
import { activity, activityBucketOf, bucketSpan, characterRef, effects, lifetime, live, lookalikes, nearby, quests, refusals, stats, stuck, trailLoader } from './loaders.js';

/** A character's fields, each read through the request's loaders from its name alone. */
export const characterResolvers: CharacterResolvers = {
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
  async stuck({ name }, _args, context) {
    const row = await loaderOf(context, stuck).load(name);
    return row ? { since: row.since, state: row.state, extent: row.extent } : null;
  },
};
