import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { setting } from '../config/index.js';

export type { Logger };

/** A pino logger named for the service; level from `LIFESTONE_LOG_LEVEL`. */
export function createLogger(service: string, level = setting('LIFESTONE_LOG_LEVEL') ?? 'info'): Logger {
  return pino({ name: service, level });
}

/** Random per process (renewed when the counter wraps), so that ids from several instances never collide. */
let processPrefix = randomBytes(8).toString('hex');
let sequence = 0;

/**
 * The id that ties together the log lines, errors, events and spans of one
 * frame or request: a W3C trace id (32 lowercase hex digits), so that it is
 * also the id of its OpenTelemetry trace (lib/tracing). The process's random
 * half, then a counter and a mix of it, cheap enough to give every frame of
 * the firehose one; the mix spreads consecutive ids evenly, as samplers that
 * judge a trace by its id (`traceidratio`) need.
 */
export function traceId(): string {
  sequence = (sequence + 1) >>> 0;
  if (sequence === 0) processPrefix = randomBytes(8).toString('hex');
  return processPrefix + hex8(mix32(sequence)) + hex8(sequence);
}

/** MurmurHash3's finaliser: a bijection on 32 bits, so that distinct counters stay distinct. */
function mix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Two hex digits per byte value: four lookups cost a fifth of `toString(16).padStart(8, '0')`. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex8(value: number): string {
  return (HEX_BYTES[value >>> 24] as string) + HEX_BYTES[(value >>> 16) & 255] + HEX_BYTES[(value >>> 8) & 255] + HEX_BYTES[value & 255];
}
