import type { Logger } from '../log/index.js';
import type { PubSub, PubSubMessage, Subscription } from '../pubsub/types.js';
import { PushIterator } from './push-iterator.js';

export interface SubscribeTopicsOptions {
  /**
   * Values held for a client that reads slower than messages arrive; beyond
   * this the subscription ends with SUBSCRIBER_TOO_SLOW (push-iterator.ts).
   * @default 1000
   */
  maxQueued?: number;
  /** How long a reader over `maxQueued` may take nothing before the subscription ends. @default LIFESTONE_SUBSCRIBER_STALL_MS */
  stallMs?: number;
  /** Where an overflow is reported. */
  log?: Logger;
}

/**
 * The messages of one or more pubsub topics as the async iterator a
 * subscription resolver's `subscribe` returns. `select` turns a message into
 * the value to send, or `undefined` to drop it, so filters hold before
 * anything crosses the wire; if it throws, the pubsub's `onError` gets the
 * error and the subscription goes on. Resolves once every topic is
 * subscribed: a message published after that reaches the subscriber. Ending
 * the operation (client `complete`, socket closed) unsubscribes. Should the
 * pubsub lose messages (`onGap`), the feed ends with LIVE_FEED_INTERRUPTED
 * (`PushIterator.interrupt`).
 */
export async function subscribeTopics<T>(
  pubsub: PubSub,
  topics: readonly string[],
  select: (message: PubSubMessage) => T | undefined,
  options: SubscribeTopicsOptions = {},
): Promise<AsyncIterableIterator<T>> {
  const subscriptions: Subscription[] = [];
  const release = (): Promise<unknown> => {
    stopHearingGaps();
    return Promise.all(subscriptions.map((subscription) => subscription.unsubscribe()));
  };
  const iterator = new PushIterator<T>(release, options);
  const stopHearingGaps = pubsub.onGap(() => iterator.interrupt());
  const onMessage = (message: PubSubMessage): void => {
    const value = select(message);
    if (value !== undefined) iterator.push(value);
  };
  try {
    for (const topic of topics) subscriptions.push(await pubsub.subscribe(topic, onMessage));
  } catch (error) {
    await release();
    throw error;
  }
  return iterator;
}
