/**
 * Each caller's fair share of the SQL tool's few connections: a caller's
 * statements run one at a time (by default), a few more wait their turn
 * behind them, and the rest are refused at once. So a caller never waits on
 * anyone else's statements beyond the connections they already hold, each
 * for at most the statement timeout, however many that caller sends.
 * p-limit keeps no per-key lanes and cannot take back a waiting task whose
 * caller gave up, hence this small one.
 */
import { SqlErrorCode, SqlToolError } from './errors.js';

export interface FairShareOptions {
  /** Statements one caller may have running at once. @default 1 */
  perCaller?: number;
  /** Statements one caller may have waiting behind those; more are refused with SQL_BUSY. @default 2 */
  queuePerCaller?: number;
}

interface Lane {
  running: number;
  waiting: (() => void)[];
}

let refusedTotal = 0;

/** Statements refused with SQL_BUSY by every fair share of this process, for /metrics. */
export function sqlStatementsRefusedBusy(): number {
  return refusedTotal;
}

/** Runs tasks per caller, at most `perCaller` at once and `queuePerCaller` waiting. */
export class FairShare {
  private readonly lanes = new Map<string, Lane>();
  private readonly perCaller: number;
  private readonly queuePerCaller: number;

  constructor({ perCaller = 1, queuePerCaller = 2 }: FairShareOptions = {}) {
    this.perCaller = perCaller;
    this.queuePerCaller = queuePerCaller;
  }

  /**
   * Runs `task` for `caller` when its turn comes. Rejects with SQL_BUSY
   * when the caller already has as many running and waiting as it may, and
   * with `signal`'s reason when it is aborted while waiting.
   */
  async run<T>(caller: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    let lane = this.lanes.get(caller);
    if (!lane) this.lanes.set(caller, (lane = { running: 0, waiting: [] }));
    if (lane.running >= this.perCaller) {
      if (lane.waiting.length >= this.queuePerCaller) {
        refusedTotal += 1;
        throw new SqlToolError(
          SqlErrorCode.BUSY,
          `You already have ${lane.running} statement${lane.running === 1 ? '' : 's'} running and ${lane.waiting.length} waiting, the most one caller may; ` +
            'wait for their answers, then send this one again.',
        );
      }
      await this.turn(lane, signal);
    } else {
      lane.running += 1;
    }
    try {
      return await task();
    } finally {
      this.done(caller, lane);
    }
  }

  /** Resolves once a running statement of the lane hands its place over (the count stays the same). */
  private turn(lane: Lane, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const aborted = (): void => {
        lane.waiting.splice(lane.waiting.indexOf(go), 1);
        reject(signal?.reason);
      };
      const go = (): void => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      };
      lane.waiting.push(go);
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  private done(caller: string, lane: Lane): void {
    const next = lane.waiting.shift();
    if (next) {
      next();
      return;
    }
    lane.running -= 1;
    if (lane.running === 0) this.lanes.delete(caller);
  }
}
