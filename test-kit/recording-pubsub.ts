import type { PubSub, Subscription } from '@lifestone/lib/pubsub';

/** A pubsub that records the topics subscribed to and released, in order, around the real one. */
export interface RecordingPubSub extends PubSub {
  subscribed: string[];
  released: string[];
  /** The topics subscribed to and not released yet, each once per subscription. */
  active(): string[];
}

export function recordingPubSub(pubsub: PubSub): RecordingPubSub {
  const subscribed: string[] = [];
  const released: string[] = [];
  return {
    kind: pubsub.kind,
    get up() {
      return pubsub.up;
    },
    subscribed,
    released,
    active() {
      const remaining = [...subscribed];
      for (const topic of released) remaining.splice(remaining.indexOf(topic), 1);
      return remaining.sort();
    },
    publish: (message) => pubsub.publish(message),
    publishMany: (messages) => pubsub.publishMany(messages),
    onGap: (listener) => pubsub.onGap(listener),
    async subscribe(topic, handler) {
      subscribed.push(topic);
      const subscription = await pubsub.subscribe(topic, handler);
      return {
        async unsubscribe() {
          released.push(topic);
          await subscription.unsubscribe();
        },
      } satisfies Subscription;
    },
    close: () => pubsub.close(),
  };
}
