/**
 * `fleetPositions`: the fleet's positions sampled over a window of time, for
 * the map's replay. Tracks are columns (one array per field, one entry per
 * sample time) so that a few hours of a large fleet stay a compact answer.
 */
import { GraphErrorCode, graphError, toDate, type SubgraphContext } from '@lifestone/lib/graph';
import type { FleetPositions, QueryFleetPositionsArgs } from './generated/resolvers.js';
import * as sql from './sql.js';

/** The longest window `fleetPositions` samples. */
export const MAX_REPLAY_WINDOW_MS = 24 * 60 * 60_000;
/** The most sample times of one answer. */
export const MAX_REPLAY_SAMPLES = 1_000;
/** The shortest and longest step between samples, in seconds (telemetry arrives every 2 s). */
export const MIN_REPLAY_STEP_SECONDS = 10;
export const MAX_REPLAY_STEP_SECONDS = 3_600;

function refuse(argument: string, message: string): never {
  throw graphError(GraphErrorCode.BAD_USER_INPUT, message, { argument });
}

/** Resolves `fleetPositions`; refuses windows and steps out of bounds with `BAD_USER_INPUT`. */
export async function fleetPositions(_parent: unknown, args: QueryFleetPositionsArgs, context: SubgraphContext): Promise<FleetPositions> {
  const from = toDate(args.from);
  const to = toDate(args.to);
  const stepSeconds = args.stepSeconds ?? 60;
  if (!Number.isInteger(stepSeconds) || stepSeconds < MIN_REPLAY_STEP_SECONDS || stepSeconds > MAX_REPLAY_STEP_SECONDS) {
    refuse('stepSeconds', `stepSeconds must be an integer from ${MIN_REPLAY_STEP_SECONDS} to ${MAX_REPLAY_STEP_SECONDS}; got ${stepSeconds}.`);
  }
  const span = to.getTime() - from.getTime();
  if (span < 0) refuse('from', `from (${from.toISOString()}) is after to (${to.toISOString()}).`);
  if (span > MAX_REPLAY_WINDOW_MS) refuse('to', `to may be at most 24 hours after from; they are ${(span / 3_600_000).toFixed(1)} hours apart.`);
  const steps = Math.floor(span / (stepSeconds * 1000)) + 1;
  if (steps > MAX_REPLAY_SAMPLES) {
    refuse('stepSeconds', `from, to and stepSeconds make ${steps} samples, more than ${MAX_REPLAY_SAMPLES}: widen the step to at least ${Math.ceil(span / 1000 / (MAX_REPLAY_SAMPLES - 1))} s.`);
  }

  const rows = await sql.fleetSamples(context.pool, from, steps, stepSeconds);
  const tracks: FleetPositions['tracks'] = [];
  for (const row of rows) {
    let track = tracks.at(-1);
    if (track?.character !== row.character_name) {
      track = { character: row.character_name, ns: Array(steps).fill(null), ew: Array(steps).fill(null), heading: Array(steps).fill(null), state: Array(steps).fill(null) };
      tracks.push(track);
    }
    track.ns[row.step] = row.ns;
    track.ew[row.step] = row.ew;
    track.heading[row.step] = row.heading;
    track.state[row.step] = row.vt_state;
  }
  const times = Array.from({ length: steps }, (_, i) => new Date(from.getTime() + i * stepSeconds * 1000));
  return { times, stepSeconds, tracks };
}
