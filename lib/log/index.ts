import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { setting } from '../config/index.js';

export type { Logger };

/** A pino logger named for the service; level from `LIFESTONE_LOG_LEVEL`. */
export function createLogger(service: string, level = setting('LIFESTONE_LOG_LEVEL') ?? 'info'): Logger {
  return pino({ name: service, level });
}

/** Random per process, so that ids from several instances never collide. */
const processPrefix = randomBytes(4).toString('hex');
let sequence = 0;

/**
 * A short id that ties together the log lines, errors and events of one frame
 * or request: the process's random prefix and a counter, cheap enough to give
 * every frame of the firehose one.
 */
export function traceId(): string {
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
  return `${processPrefix}${sequence.toString(36)}`;
}
