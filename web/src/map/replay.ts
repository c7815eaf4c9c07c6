/**
 * Replay: the fleet's positions of the last hours, from `fleetPositions`
 * (one sample per character per step), played back on the map. Pure logic:
 * where each character was at any instant between samples, and the time
 * slider's clock (play, pause, speed, seek).
 */
import type { FleetCharacter } from '../fleet/fleet';
import { easeInOut, headingBetween } from './glide';

/** Replay windows offered, in hours. */
export const REPLAY_HOURS = [1, 3, 6] as const;
/** Playback speeds offered (replayed seconds per second). */
export const REPLAY_SPEEDS = [1, 10, 60] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];
/** About how many samples a window is cut into (the step is rounded to whole seconds, at least 10). */
export const REPLAY_SAMPLES = 360;
/** A move longer than this between two samples (a recall, a portal) is a jump, not walked. */
export const REPLAY_JUMP_UNITS = 2;

/** One character's samples, as `fleetPositions` answers them (null: no position in that step). */
export interface ReplayTrack {
  character: string;
  ns: readonly (number | null)[];
  ew: readonly (number | null)[];
  heading: readonly (number | null)[];
  state: readonly (string | null)[];
}

/** A window of samples: `times[i]` (ms since the epoch) is when every track's i-th sample stands. */
export interface ReplayData {
  times: readonly number[];
  tracks: readonly ReplayTrack[];
}

/** The step of a replay of `hours`, in seconds: the window over {@link REPLAY_SAMPLES}, at least 10. */
export function replayStepSeconds(hours: number): number {
  return Math.max(10, Math.round((hours * 3600) / REPLAY_SAMPLES));
}

/**
 * Where every character was at `time`: between two samples of a character,
 * walked in a straight line, eased in and out as the live map's dots glide
 * (unless it jumped further than {@link REPLAY_JUMP_UNITS}: then the nearer
 * sample), its heading turning the shortest way round; with only one of the
 * two samples, that one while it is the nearer (a character that logged off
 * or on in between appears or vanishes half way). State is the nearer
 * sample's. Before the first sample time the first samples, after the last
 * the last ones.
 */
export function replayedFleet(data: ReplayData, time: number): FleetCharacter[] {
  const { times } = data;
  const characters: FleetCharacter[] = [];
  if (!times.length) return characters;
  const first = times[0] as number;
  const step = times.length > 1 ? (times[1] as number) - first : 1;
  const position = Math.min(Math.max((time - first) / step, 0), times.length - 1);
  const before = Math.floor(position);
  const after = Math.min(before + 1, times.length - 1);
  const fraction = position - before;
  const nearer = fraction < 0.5 ? before : after;
  for (const track of data.tracks) {
    const from = sample(track, before);
    const to = sample(track, after);
    let at: { ns: number; ew: number } | undefined;
    let index = nearer;
    let eased: number | undefined;
    if (from && to && Math.hypot(to.ns - from.ns, to.ew - from.ew) <= REPLAY_JUMP_UNITS) {
      eased = easeInOut(fraction);
      at = { ns: from.ns + (to.ns - from.ns) * eased, ew: from.ew + (to.ew - from.ew) * eased };
    } else {
      at = sample(track, nearer);
    }
    if (!at) continue;
    if (track.ns[index] === null) index = index === before ? after : before;
    const [fromHeading, toHeading] = [track.heading[before] ?? null, track.heading[after] ?? null];
    const heading = eased !== undefined && fromHeading !== null && toHeading !== null ? headingBetween(fromHeading, toHeading, eased) : (track.heading[index] ?? null);
    characters.push({
      name: track.character,
      ns: at.ns,
      ew: at.ew,
      z: 0,
      heading,
      state: track.state[index] ?? null,
      lastSeen: time,
      positionTime: time,
    });
  }
  return characters;
}

function sample(track: ReplayTrack, index: number): { ns: number; ew: number } | undefined {
  const ns = track.ns[index];
  const ew = track.ew[index];
  return ns === null || ns === undefined || ew === null || ew === undefined ? undefined : { ns, ew };
}

/** The time slider's state: the window, where it stands, and whether and how fast it plays. */
export interface ReplayClock {
  from: number;
  to: number;
  time: number;
  playing: boolean;
  speed: ReplaySpeed;
}

/**
 * The last sample time at which any character has a position (undefined
 * when none has): where a replay opens, so that a stack up for only a few
 * minutes does not open on an empty map.
 */
export function latestWithData(data: ReplayData): number | undefined {
  for (let index = data.times.length - 1; index >= 0; index -= 1) {
    if (data.tracks.some((track) => track.ns[index] !== null && track.ns[index] !== undefined)) return data.times[index];
  }
  return undefined;
}

/** A clock over [from, to], paused at `at` (the window's end unless given), to play at 60×. */
export function startClock(from: number, to: number, at = to): ReplayClock {
  return { from, to, time: Math.min(to, Math.max(from, at)), playing: false, speed: 60 };
}

/** The clock `elapsedMs` of real time later: moved on by that times its speed while playing, pausing at the end. */
export function tick(clock: ReplayClock, elapsedMs: number): ReplayClock {
  if (!clock.playing) return clock;
  const time = Math.min(clock.to, clock.time + elapsedMs * clock.speed);
  return { ...clock, time, playing: time < clock.to };
}

/** The clock moved to `time` (kept inside the window); playing on from there if it was. */
export function seek(clock: ReplayClock, time: number): ReplayClock {
  return { ...clock, time: Math.min(clock.to, Math.max(clock.from, time)) };
}

/** The clock playing, from the start again when it had reached the end. */
export function play(clock: ReplayClock): ReplayClock {
  return { ...clock, playing: true, time: clock.time >= clock.to ? clock.from : clock.time };
}
