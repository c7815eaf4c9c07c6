import { PubSubError, PubSubErrorCode } from './errors.js';
import type { GapListener, MessageHandler, PubSubErrorHandler, PubSubMessage, Subscription } from './types.js';

/**
 * What every backend shares: the handlers of each topic, one backend
 * subscription per topic however many handlers it has, and delivery that no
 * handler can break. Each adapter supplies only `bind`, which opens its own
 * subscription to one topic.
 */

/** A backend's subscription to one topic, opened by `bind` for the first handler. */
export interface TopicBinding {
  /** Called once the last handler of the topic has unsubscribed, or at close. */
  close(): Promise<void>;
}

/** One subscribed handler. `active` turns false the moment it unsubscribes. */
export interface Receiver {
  readonly handler: MessageHandler;
  active: boolean;
}

interface TopicState {
  /** Replaced, never mutated, so a snapshot taken at publish time stays valid. */
  receivers: readonly Receiver[];
  binding: TopicBinding | undefined;
  /** Binds and unbinds of this topic, one after another. */
  chain: Promise<void>;
}

export interface TopicHandlers {
  /** Adds `handler` to `topic`, binding the backend for the first one. */
  subscribe(topic: string, handler: MessageHandler): Promise<Subscription>;
  /** The handlers subscribed to `topic` right now. */
  receivers(topic: string): readonly Receiver[];
  /** Hands `message` to each receiver still active; a throwing handler is reported, never propagated. */
  deliver(message: PubSubMessage, receivers?: readonly Receiver[]): void;
  /** Reports an error through the `onError` option. */
  report(error: unknown, message?: PubSubMessage): void;
  /** Throws `PUBSUB_CLOSED` once `close` has begun. */
  assertOpen(): void;
  /** Adds a listener told of each {@link gap}; returns the function that removes it (`PubSub.onGap`). */
  onGap(listener: GapListener): () => void;
  /** Tells every `onGap` listener that live messages may have been lost (a listener that throws is reported). */
  gap(): void;
  /** Stops every handler and closes every binding. */
  close(): Promise<void>;
}

const empty: readonly Receiver[] = Object.freeze([]);

export function reportToConsole(error: unknown, message?: PubSubMessage): void {
  console.error('[lifestone pubsub]', error, message ? `(topic ${message.topic}, key ${message.key})` : '');
}

export function createTopicHandlers(options: {
  bind: (topic: string) => Promise<TopicBinding>;
  onError: PubSubErrorHandler | undefined;
}): TopicHandlers {
  const { bind } = options;
  const onError = options.onError ?? reportToConsole;
  const topics = new Map<string, TopicState>();
  const gapListeners = new Set<GapListener>();
  let closed = false;

  function report(error: unknown, message?: PubSubMessage): void {
    try {
      onError(error, message);
    } catch {
      // An error handler that throws has nowhere left to report to.
    }
  }

  /** Brings the backend in line with the receivers: bound while there are any, unbound otherwise. */
  function reconcile(topic: string, state: TopicState): Promise<void> {
    const step = state.chain.then(async () => {
      if (state.receivers.length > 0 && !state.binding) {
        state.binding = await bind(topic);
      } else if (state.receivers.length === 0 && state.binding) {
        const binding = state.binding;
        state.binding = undefined;
        await binding.close();
      }
    });
    const settled = step.then(
      () => undefined,
      () => undefined,
    );
    state.chain = settled;
    void settled.then(() => {
      if (state.chain === settled && state.receivers.length === 0 && !state.binding) topics.delete(topic);
    });
    return step;
  }

  function remove(state: TopicState, receiver: Receiver): void {
    receiver.active = false;
    state.receivers = state.receivers.filter((r) => r !== receiver);
  }

  function assertOpen(): void {
    if (closed) throw new PubSubError(PubSubErrorCode.CLOSED, 'This pubsub is closed; create a new one.');
  }

  return {
    async subscribe(topic, handler) {
      assertOpen();
      let state = topics.get(topic);
      if (!state) {
        state = { receivers: empty, binding: undefined, chain: Promise.resolve() };
        topics.set(topic, state);
      }
      const topicState = state;
      const receiver: Receiver = { handler, active: true };
      topicState.receivers = [...topicState.receivers, receiver];
      try {
        await reconcile(topic, topicState);
      } catch (error) {
        remove(topicState, receiver);
        reconcile(topic, topicState).catch((unbindError: unknown) => report(unbindError));
        throw error;
      }
      return {
        async unsubscribe() {
          if (!receiver.active) return;
          remove(topicState, receiver);
          await reconcile(topic, topicState);
        },
      };
    },

    receivers(topic) {
      return topics.get(topic)?.receivers ?? empty;
    },

    deliver(message, receivers = topics.get(message.topic)?.receivers ?? empty) {
      for (const receiver of receivers) {
        if (!receiver.active) continue;
        try {
          const result: unknown = receiver.handler(message);
          if (result instanceof Promise) result.catch((error: unknown) => report(error, message));
        } catch (error) {
          report(error, message);
        }
      }
    },

    report,
    assertOpen,

    onGap(listener) {
      const entry: GapListener = () => listener();
      gapListeners.add(entry);
      return () => gapListeners.delete(entry);
    },

    gap() {
      if (closed) return;
      for (const listener of [...gapListeners]) {
        try {
          listener();
        } catch (error) {
          report(error);
        }
      }
    },

    async close() {
      closed = true;
      const unbinds: Promise<void>[] = [];
      for (const [topic, state] of topics) {
        for (const receiver of state.receivers) receiver.active = false;
        state.receivers = empty;
        unbinds.push(reconcile(topic, state));
      }
      for (const result of await Promise.allSettled(unbinds)) {
        if (result.status === 'rejected') report(result.reason);
      }
    },
  };
}
