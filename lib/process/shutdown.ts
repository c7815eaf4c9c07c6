import type { Logger } from '../log/index.js';

/** Signals closer together than this are one request: Ctrl+C reaches npm and node at once, and npm (or tsx, when it runs the script) relays it too. */
const SAME_REQUEST_MS = 1_000;

/**
 * Runs `stop` once on the first SIGINT or SIGTERM, then exits (0, or 1 if
 * stopping failed). A second signal, a second or more later, exits at once,
 * for an operator who does not want to wait for the flush.
 */
export function stopOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < SAME_REQUEST_MS) return;
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info({ signal }, 'stopping: flushing what was accepted');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
