/**
 * One message on the pubsub. `key` travels beside the payload (the character
 * name for game events) so that a subscriber can filter without parsing
 * `payload`.
 */
export interface PubSubMessage {
  topic: string;
  key: string;
  payload: string;
}

/**
 * Called for every message on a subscribed topic, in publish order per topic.
 * A throw, or a rejection if it is async, is reported to `onError`; nothing
 * awaits it, so slow work should be handed off.
 */
export type MessageHandler = (message: PubSubMessage) => void;

/** Told that live messages may have been lost: see {@link PubSub.onGap}. */
export type GapListener = () => void;

export interface Subscription {
  /** Stops delivery to this handler at once; resolves once the backend has let go. Calling it again does nothing. */
  unsubscribe(): Promise<void>;
}

/**
 * The one interface every backend implements: memory (one process), Redis and
 * NATS. Topics are exact names built by `topics.ts`; there are no wildcards.
 */
export interface PubSub {
  /** Which backend this is, for logs and `/healthz`. */
  readonly kind: 'memory' | 'redis' | 'nats';
  /** Whether the connection to the backend is up now: false while it reconnects (until its subscriptions are in force again) and after `close()`. Costs nothing to read (`/healthz`). */
  readonly up: boolean;
  /** Publishes one message; resolves once the backend has taken it. */
  publish(message: PubSubMessage): Promise<void>;
  /** Publishes many messages in one round trip where the backend allows it. */
  publishMany(messages: readonly PubSubMessage[]): Promise<void>;
  /** Delivers every later message on `topic` to `handler`; resolves once active. */
  subscribe(topic: string, handler: MessageHandler): Promise<Subscription>;
  /**
   * Calls `listener` each time messages of this process's subscriptions may
   * have been lost: the server cut or dropped the connection they arrive on
   * (Redis and core NATS deliver at most once), so whoever follows a topic
   * live must read what it missed from storage. Durable topics (commands on
   * NATS) resume where they were and lose nothing. The memory backend never
   * calls it. Returns the function that removes the listener.
   */
  onGap(listener: GapListener): () => void;
  /** Closes connections; pending publishes are flushed first. */
  close(): Promise<void>;
}

/**
 * Receives what a backend cannot hand to a caller: a handler that threw or
 * rejected (with the message it was given), a message that could not be
 * decoded, a lost connection. Should not throw; if it does, that error is dropped.
 */
export type PubSubErrorHandler = (error: unknown, message?: PubSubMessage) => void;

/** Options every backend accepts. */
export interface PubSubOptions {
  /**
   * Where errors that have no caller go.
   * @default writes them to `console.error`
   */
  onError?: PubSubErrorHandler;
}
