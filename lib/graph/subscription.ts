import type { Logger } from '../log/index.js';
import type { PubSub, PubSubMessage, Subscription } from '../pubsub/types.js';

export interface SubscribeTopicsOptions {
  /**
   * Values held for a client that reads slower than messages arrive; beyond
   * this the oldest are dropped, since a live feed values now over completeness.
   * @default 1000
   */
  maxQueued?: number;
  /** Where dropped values are reported. */
  log?: Logger;
}

const DEFAULT_MAX_QUEUED = 1000;

/**
 * The messages of one or more pubsub topics as the async iterator a
 * subscription resolver's `subscribe` returns. `select` turns a message into
 * the value to send, or `undefined` to drop it, so filters hold before
 * anything crosses the wire; if it throws, the pubsub's `onError` gets the
 * error and the subscription goes on. Resolves once every topic is
 * subscribed: a message published after that reaches the subscriber. Ending
 * the operation (client `complete`, socket closed) unsubscribes.
 */
export async function subscribeTopics<T>(
  pubsub: PubSub,
  topics: readonly string[],
  select: (message: PubSubMessage) => T | undefined,
  options: SubscribeTopicsOptions = {},
): Promise<AsyncIterableIterator<T>> {
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;
  let dropped = 0;

  const onMessage = (message: PubSubMessage): void => {
    if (done) return;
    const value = select(message);
    if (value === undefined) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    queue.push(value);
    if (queue.length > maxQueued) {
      queue.shift();
      dropped += 1;
      if (dropped === 1 || dropped % maxQueued === 0) options.log?.warn({ topics, dropped }, 'subscriber reads too slowly: dropping the oldest values');
    }
  };

  const subscriptions: Subscription[] = [];
  try {
    for (const topic of topics) subscriptions.push(await pubsub.subscribe(topic, onMessage));
  } catch (error) {
    await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
    throw error;
  }

  const finish = async (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
      await Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
    }
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: async (error: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
