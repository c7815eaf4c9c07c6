import type { Logger } from '../log/index.js';

/**
 * Most values a subscriber may have waiting: past it the oldest are dropped
 * (and logged), since a live feed values now over completeness and a client
 * that stopped reading must not grow the process without bound.
 */
export const MAX_QUEUED = 1_000;

/** Values every {@link PushIterator} of this process dropped so far. */
let droppedInProcess = 0;

/** How many values the subscriptions of this process dropped for subscribers not keeping up (see {@link MAX_QUEUED}). */
export function droppedValues(): number {
  return droppedInProcess;
}

/**
 * The async iterator a subscription resolver returns, fed by `push`. Ending it
 * early (client `complete`, socket closed) runs `onClose` once and resolves
 * after it. `end()` finishes it from the producer's side: what is queued is
 * still delivered, then it is done, and `onClose` does not run (nothing is
 * left to stop). `maxQueued` may be infinite for a bounded stream where every
 * value matters (an assistant's answer).
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private finished = false;
  private ending = false;
  private dropped = 0;

  constructor(
    private readonly onClose: () => Promise<unknown> | void,
    private readonly log?: Logger,
    private readonly maxQueued = MAX_QUEUED,
  ) {}

  push(value: T): void {
    if (this.finished || this.ending) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.maxQueued) {
      this.buffer.shift();
      this.dropped += 1;
      droppedInProcess += 1;
      if (this.dropped === 1 || this.dropped % this.maxQueued === 0) {
        this.log?.warn({ dropped: this.dropped, maxQueued: this.maxQueued }, 'a subscriber is not keeping up; dropping its oldest values');
      }
    }
  }

  /** No more values: the queued ones are delivered, then the iterator is done. */
  end(): void {
    if (this.finished || this.ending) return;
    this.ending = true;
    // A consumer waits only when nothing is queued.
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.finished || this.ending) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.finished) {
      this.finished = true;
      this.buffer = [];
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      if (!this.ending) await this.onClose();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
