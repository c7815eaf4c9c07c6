import Denque from 'denque';
import type { GraphQLError } from 'graphql';
import { integerSetting } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { GraphErrorCode, graphError } from './errors.js';

/**
 * Most values a subscriber may have waiting while it takes none. Past it a
 * feed of events whose subscriber has taken nothing for the stall time
 * ({@link stallMs}) ends with SUBSCRIBER_TOO_SLOW (a client that stopped
 * reading must not hold the process's memory, and must not miss events
 * unawares), and a feed of states (`coalesce`) folds what waits into one
 * value.
 */
export const MAX_QUEUED = 1_000;
/** Most values a subscriber that still takes them may have waiting: the memory bound. */
export const MAX_QUEUED_BUSY = 20 * MAX_QUEUED;

/**
 * How long a subscriber over {@link MAX_QUEUED} may go without taking a
 * value before it is judged stopped (`LIFESTONE_SUBSCRIBER_STALL_MS`, 30 s
 * by default). Long on purpose: a subscriber behind a congested connection
 * takes nothing until the bytes before its value are written, which on an
 * overloaded machine takes seconds, and overload makes feeds slower, not
 * lossy. One that still takes values may fall up to {@link MAX_QUEUED_BUSY}
 * behind, which bounds the memory either way.
 */
export function stallMs(): number {
  return integerSetting('LIFESTONE_SUBSCRIBER_STALL_MS');
}

/** What the subscriptions of this process did with subscribers not keeping up, and with feeds their source failed, since it started. */
const overflows = { tooSlow: 0, coalesced: 0, interrupted: 0 };

/**
 * Subscriptions this process ended with SUBSCRIBER_TOO_SLOW, values it folded
 * into later ones for subscribers over {@link MAX_QUEUED}, and subscriptions
 * it ended with LIVE_FEED_INTERRUPTED ({@link PushIterator.interrupt}).
 */
export function subscriberOverflows(): Readonly<typeof overflows> {
  return overflows;
}

/** The error a feed of events ends with when the pubsub may have lost some of its values (`PubSub.onGap`). */
function liveFeedInterrupted(): GraphQLError {
  return graphError(
    GraphErrorCode.LIVE_FEED_INTERRUPTED,
    "This subscription's source lost its connection to the pubsub (the server cut it for falling behind, or went away), so values published meanwhile never reached it: it ended so that no value is lost unannounced. Subscribe again, and fill the gap from the queries' history.",
  );
}

/** The error a subscription ends with when its subscriber fell more than `maxQueued` values behind. */
function subscriberTooSlow(maxQueued: number): GraphQLError {
  return graphError(
    GraphErrorCode.SUBSCRIBER_TOO_SLOW,
    `This subscription fell more than ${maxQueued} values behind and was ended so that no value is lost unannounced: subscribe again, and fill the gap from the queries' history.`,
    { limit: maxQueued },
  );
}

export interface PushIteratorOptions<T> {
  /** Where an overflow is reported. */
  log?: Logger;
  /** Values a subscriber may have waiting; may be infinite for a bounded stream where every value matters (an assistant's answer). @default {@link MAX_QUEUED} */
  maxQueued?: number;
  /** How long a subscriber over `maxQueued` may take nothing before its feed ends. @default {@link stallMs}() */
  stallMs?: number;
  /**
   * For a feed of states, where a later value supersedes an earlier one:
   * folds two waiting values into one (`older` then `newer`). Past
   * `maxQueued`, everything waiting is folded into one value rather than the
   * subscription ending. Unset: the feed is of events, and ends.
   */
  coalesce?: (older: T, newer: T) => T;
  /**
   * How a feed that ends with an error (its subscriber too slow, or
   * {@link PushIterator.fail}) tells it: this value, made from the error, is
   * its last, then the iterator is done (the gateway passes a result
   * carrying the error). Unset: its next `next()` rejects with the error,
   * which a subgraph sends as the subscription's last result.
   */
  errorResult?: (error: GraphQLError) => T;
  /** Counts a subscription ended for its subscriber being too slow. @default counted in {@link subscriberOverflows}, a subgraph's `/metrics` */
  onTooSlow?: () => void;
}

/**
 * The async iterator a subscription resolver returns, fed by `push`. Ending it
 * early (client `complete`, socket closed) runs `onClose` once and resolves
 * after it. `end()` finishes it from the producer's side: what is queued is
 * still delivered, then it is done, and `onClose` does not run (nothing is
 * left to stop). Past `maxQueued` waiting values it coalesces them (a feed
 * of states) or, once its subscriber is too far behind ({@link tooFarBehind}:
 * stalled, or past the busy bound), drops them, runs `onClose`, and ends
 * with {@link subscriberTooSlow}'s error: its next `next()` rejects with it,
 * which the subgraph sends as the subscription's last result (subgraph.ts),
 * or it is delivered as `errorResult` makes it. `fail()` ends it with
 * another error the same way.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private buffer = new Denque<T>();
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  /** Rejects the `next()` that `waiting` would resolve. */
  private rejectWaiting: ((error: GraphQLError) => void) | undefined;
  private finished = false;
  private ending = false;
  private closed = false;
  private failure: GraphQLError | undefined;
  private readonly log: Logger | undefined;
  private readonly maxQueued: number;
  private readonly stallMs: number;
  /** When the subscriber last took a value (or asked for one). */
  private lastTakenAt = performance.now();
  /** Checks, once over `maxQueued`, whether the subscriber took anything within `stallMs`. */
  private stallCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly onClose: () => Promise<unknown> | void,
    private readonly options: PushIteratorOptions<T> = {},
  ) {
    this.log = options.log;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED;
    this.stallMs = options.stallMs ?? stallMs();
  }

  push(value: T): void {
    if (this.finished || this.ending) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length <= this.maxQueued) return;
    if (this.options.coalesce || this.tooFarBehind()) this.overflow();
    else this.stallCheck ??= setTimeout(() => this.checkStall(), this.stallMs).unref();
  }

  /**
   * Whether the subscriber is too slow to keep: over `maxQueued` and
   * stalled for `stallMs`, or over {@link MAX_QUEUED_BUSY} times
   * `maxQueued` / {@link MAX_QUEUED} however it reads.
   */
  private tooFarBehind(): boolean {
    const waiting = this.buffer.length;
    if (waiting <= this.maxQueued) return false;
    return waiting > this.maxQueued * (MAX_QUEUED_BUSY / MAX_QUEUED) || performance.now() - this.lastTakenAt >= this.stallMs;
  }

  /** Over `maxQueued` for `stallMs`: ends the feed if its subscriber took nothing meanwhile, else looks again when it would have been stalled that long. */
  private checkStall(): void {
    this.stallCheck = undefined;
    if (this.finished || this.ending || this.buffer.length <= this.maxQueued) return;
    if (this.tooFarBehind()) this.overflow();
    // Not stalled for the whole time yet: looks again when it would be, if the subscriber takes nothing meanwhile.
    else this.stallCheck = setTimeout(() => this.checkStall(), Math.max(1, this.lastTakenAt + this.stallMs - performance.now())).unref();
  }

  /**
   * No more values: the queued ones are delivered, then `last` if given (the
   * feed's end, held whatever the bound: a source's closing error), then the
   * iterator is done.
   */
  end(...last: [T] | []): void {
    if (this.finished || this.ending) return;
    this.ending = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    // A consumer waits only when nothing is queued.
    if (last.length === 0) waiting?.({ value: undefined, done: true });
    else if (waiting) waiting({ value: last[0], done: false });
    else this.buffer.push(last[0]);
  }

  /**
   * Ends the feed from the producer's side with `error`: what is queued is
   * still delivered, then the error (as `errorResult` makes it, or
   * rejected from `next()`), and `onClose` runs at once (the feed's source
   * is let go).
   */
  fail(error: GraphQLError): void {
    if (this.finished || this.ending) return;
    this.ending = true;
    clearTimeout(this.stallCheck);
    const { errorResult } = this.options;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (errorResult) {
      if (waiting) waiting({ value: errorResult(error), done: false });
      else this.buffer.push(errorResult(error));
    } else if (waiting) {
      // A consumer waits only when nothing is queued: the error is what it gets next.
      this.finished = true;
      this.rejectWaiting?.(error);
    } else {
      this.failure = error;
    }
    void Promise.resolve(this.close()).catch((closeError: unknown) => this.log?.warn({ err: closeError }, 'unsubscribing an ended feed failed'));
  }

  /**
   * Ends a feed of events whose source may have lost values (the pubsub
   * told of a gap) with LIVE_FEED_INTERRUPTED, as {@link fail} does, and
   * counts it. A feed of states (`coalesce`) goes on: its next value
   * supersedes whatever was lost.
   */
  interrupt(): void {
    if (this.options.coalesce || this.finished || this.ending) return;
    overflows.interrupted += 1;
    this.fail(liveFeedInterrupted());
  }

  next(): Promise<IteratorResult<T>> {
    this.lastTakenAt = performance.now();
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      this.finished = true;
      return Promise.reject(failure);
    }
    if (this.finished || this.ending) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.rejectWaiting = reject;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    clearTimeout(this.stallCheck);
    if (!this.finished) {
      this.finished = true;
      this.buffer.clear();
      this.failure = undefined;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      if (!this.ending) await this.close();
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

  private close(): Promise<unknown> | void {
    if (this.closed) return;
    this.closed = true;
    return this.onClose();
  }

  /** The queue is over its bound (so no consumer waits): fold it into one value, or end with the error. */
  private overflow(): void {
    const { coalesce } = this.options;
    if (coalesce) {
      overflows.coalesced += this.buffer.length - 1;
      const folded = this.buffer.toArray().reduce((older, newer) => coalesce(older, newer));
      this.buffer.clear();
      this.buffer.push(folded);
      return;
    }
    const { onTooSlow = () => (overflows.tooSlow += 1) } = this.options;
    onTooSlow();
    this.log?.warn({ maxQueued: this.maxQueued }, 'a subscriber fell too far behind; ending its subscription with SUBSCRIBER_TOO_SLOW');
    this.buffer.clear();
    this.fail(subscriberTooSlow(this.maxQueued));
  }
}
