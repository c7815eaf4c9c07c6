import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { setting } from '../config/index.js';

export type { Logger };

/** A pino logger named for the service; level from `LIFESTONE_LOG_LEVEL`. */
export function createLogger(service: string, level = setting('LIFESTONE_LOG_LEVEL') ?? 'info'): Logger {
  return pino({ name: service, level });
}

/** A short id that ties together the log lines, errors and events of one frame or request. */
export function traceId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 16);
}
