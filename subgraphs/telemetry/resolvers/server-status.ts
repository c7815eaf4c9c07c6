import type { ServerState, ServerStatusResolvers } from '../generated/resolvers.js';
import type * as sql from '../sql.js';
import { boundedInt } from './arguments.js';
import { serverChangesLoader } from './loaders.js';

/** A game server as a parent object: its row as last checked; `changes` is resolved on demand. */
export interface ServerStatusValue {
  server: string;
  status: ServerState;
  players: number | null;
  latencyMs: number | null;
  checkedAt: Date;
  since: Date | null;
}

export const serverStates = { up: 'UP', down: 'DOWN', unknown: 'UNKNOWN' } as const satisfies Record<sql.ServerStatusRow['status'], ServerState>;

/** A server's status changes over the last `days`. */
export const serverStatusResolvers: ServerStatusResolvers = {
  async changes({ server }, { days }, context) {
    const rows = await serverChangesLoader(context, boundedInt('days', days, 7, 1, 90)).load(server);
    return (rows ?? []).map((row) => ({ status: serverStates[row.status], at: row.changed_at }));
  },
};
