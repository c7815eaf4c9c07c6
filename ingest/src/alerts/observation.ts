import type { Frame } from '@lifestone/lib/protocol';

/**
 * What alert detection needs of a telemetry or vitals frame, made where the
 * frame is decoded (see frame-decoder/decode-frames.ts): these frames are
 * most of the firehose, and their frame stays on the decode thread.
 */
export type Observation =
  | {
    kind: 'position';
    /** When the plugin observed it (epoch ms). */
    at: number;
    ew: number;
    ns: number;
    z: number;
    landblock: string | null;
    kills: number | null;
    deaths: number | null;
    /** Whether its automation says `Idle`. */
    idle: boolean;
  }
  | {
    kind: 'vitae';
    at: number;
    /** The death penalty in percent; null when not reported. */
    vitae: number | null;
  };

/** The observation of a frame detection reads (telemetry, vitals, shared vitals); undefined for others. */
export function observationOf(frame: Frame): Observation | undefined {
  if (frame.type === 'telemetry') {
    return {
      kind: 'position',
      at: frame.timestamp.getTime(),
      ew: frame.ew,
      ns: frame.ns,
      z: frame.z,
      landblock: frame.landblock ?? null,
      kills: frame.kills,
      deaths: frame.deaths,
      idle: frame.vt_state?.trim().toLowerCase() === 'idle',
    };
  }
  if (frame.type === 'vitals' || frame.type === 'share_vitals') return { kind: 'vitae', at: frame.timestamp.getTime(), vitae: frame.vitae_pct };
  return undefined;
}

/** Numbers per observation in a decode thread's reply: the kind (0 none, 1 position, 2 vitae), then its fields. */
export const OBSERVATION_WIDTH = 8;

/**
 * Writes an observation into `into` at `offset` (OBSERVATION_WIDTH numbers;
 * NaN for null); the landblock travels apart, as text.
 */
export function packObservation(observation: Observation | undefined, into: Float64Array, offset: number): void {
  if (!observation) return;
  into[offset + 1] = observation.at;
  if (observation.kind === 'vitae') {
    into[offset] = 2;
    into[offset + 2] = observation.vitae ?? NaN;
    return;
  }
  into[offset] = 1;
  into[offset + 2] = observation.ew;
  into[offset + 3] = observation.ns;
  into[offset + 4] = observation.z;
  into[offset + 5] = observation.kills ?? NaN;
  into[offset + 6] = observation.deaths ?? NaN;
  into[offset + 7] = observation.idle ? 1 : 0;
}

/** A packed number, NaN for null. */
function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** The observation packed at `offset`, with its landblock. */
export function unpackObservation(from: Float64Array, offset: number, landblock: string | null): Observation | undefined {
  const kind = from[offset];
  const at = from[offset + 1] as number;
  if (kind === 2) return { kind: 'vitae', at, vitae: orNull(from[offset + 2] as number) };
  if (kind !== 1) return undefined;
  return {
    kind: 'position',
    at,
    ew: from[offset + 2] as number,
    ns: from[offset + 3] as number,
    z: from[offset + 4] as number,
    landblock,
    kills: orNull(from[offset + 5] as number),
    deaths: orNull(from[offset + 6] as number),
    idle: from[offset + 7] === 1,
  };
}
