import { createTopicHandlers, type Receiver } from './topic-handlers.js';
import type { PubSub, PubSubMessage, PubSubOptions } from './types.js';

interface Pending {
  message: PubSubMessage;
  /** The handlers subscribed when the message was published: later subscribers do not see it. */
  receivers: readonly Receiver[];
}

/**
 * A pubsub inside one process, for `npm start` and tests. Messages are
 * delivered in a microtask after `publish` returns, in publish order, so a
 * handler runs neither inside the publisher's call stack nor out of order; a
 * handler that throws is reported to `onError` and the others still run.
 * Two instances never see each other's messages.
 */
export function createMemoryPubSub(options: PubSubOptions = {}): PubSub {
  const topicHandlers = createTopicHandlers({ bind: () => Promise.resolve({ close: () => Promise.resolve() }), onError: options.onError });
  let pending: Pending[] = [];
  let drainScheduled = false;
  let closed = false;

  function drain(): void {
    drainScheduled = false;
    const due = pending;
    pending = [];
    for (const { message, receivers } of due) topicHandlers.deliver(message, receivers);
  }

  function enqueue({ topic, key, payload }: PubSubMessage): void {
    const receivers = topicHandlers.receivers(topic);
    if (receivers.length === 0) return;
    // A copy, so that what a subscriber sees cannot change under it, as with a network backend.
    pending.push({ message: { topic, key, payload }, receivers });
    if (!drainScheduled) {
      drainScheduled = true;
      queueMicrotask(drain);
    }
  }

  return {
    kind: 'memory',
    get up() {
      return !closed;
    },
    async publish(message) {
      topicHandlers.assertOpen();
      enqueue(message);
    },
    async publishMany(messages) {
      topicHandlers.assertOpen();
      for (const message of messages) enqueue(message);
    },
    subscribe: (topic, handler) => topicHandlers.subscribe(topic, handler),
    onGap: (listener) => topicHandlers.onGap(listener),
    async close() {
      closed = true;
      drain();
      await topicHandlers.close();
    },
  };
}
