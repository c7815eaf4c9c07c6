import { GraphErrorCode, graphError, loaderOf, type LoaderKind } from '@lifestone/lib/graph';
import type { CombatStats, Resolvers } from './generated/resolvers.js';
import { DateTimeScalar as dateTimeScalar } from '@lifestone/lib/graph';
import { combatLeaders, combatOf, type CombatRow, type LeaderRow } from './sql.js';
import { lifetimeTotals, sessionTotals } from './totals.js';

/** The most `combatLeaders` lists at once. */
export const MAX_LEADERS = 100;

/** Each character's combat statistics, in one query for all the characters of a request's pass; fresh for every event of a subscription. */
const combatStats: LoaderKind<string, CombatStats | null> = {
  load: async (names, context) => {
    const { rows } = await context.pool.query<CombatRow>(combatOf, [names]);
    return new Map(rows.map((row) => [row.character_name, statsOf(row)]));
  },
  missing: null,
  cache: false,
  window: 'turn',
};

/** A character's statistics, or null when it has neither a session nor lifetime totals. */
function statsOf(row: CombatRow): CombatStats | null {
  if (!row.snapshot && !row.elements && !row.kills) return null;
  return {
    session: row.snapshot ? sessionTotals(row.snapshot) : null,
    lifetime: lifetimeTotals(row.elements ?? [], row.kills ?? {}),
    sessionId: row.session_key || null,
    sessionStartedAt: row.started_at,
    updatedAt: row.updated_at,
  };
}

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  Query: {
    combatLeaders: async (_root, { first }, context) => {
      const size = first ?? 10;
      if (!Number.isInteger(size) || size < 1 || size > MAX_LEADERS) {
        throw graphError(GraphErrorCode.BAD_USER_INPUT, `first must be from 1 to ${MAX_LEADERS}, got ${size}.`, { argument: 'first', max: MAX_LEADERS });
      }
      const { rows } = await context.pool.query<LeaderRow>(combatLeaders, [size]);
      return rows.map((row, index) => ({
        rank: index + 1,
        character: { __typename: 'Character', name: row.character_name },
        kills: row.kills,
        damage: row.damage,
      }));
    },
  },
  Character: {
    __resolveReference: (reference) => reference,
    combat: (character, _args, context) => loaderOf(context, combatStats).load(character.name),
  },
};
