/** Stable codes of the errors this pubsub raises or reports itself. */
export const PubSubErrorCode = {
  /** `publish` or `subscribe` was called after `close()`. */
  CLOSED: 'PUBSUB_CLOSED',
  /** A message on a subscribed topic lacks Lifestone's key framing (someone published it by hand). */
  MALFORMED_MESSAGE: 'PUBSUB_MALFORMED_MESSAGE',
  /** The backend refused some messages of a `publishMany`. */
  PUBLISH_FAILED: 'PUBSUB_PUBLISH_FAILED',
  /**
   * The server closed this process's subscriber connection (Redis does when
   * a subscriber holds more than its `client-output-buffer-limit pubsub`):
   * the messages published until it has resubscribed are lost to this
   * process. Counted in {@link subscriberCuts}.
   */
  SUBSCRIBER_CUT: 'PUBSUB_SUBSCRIBER_CUT',
} as const;
export type PubSubErrorCode = (typeof PubSubErrorCode)[keyof typeof PubSubErrorCode];

/** What this process's pubsub subscribers lost since it started: connections the server closed. */
const cuts = { subscriber: 0 };

/** Times the server closed this process's subscriber connection (SUBSCRIBER_CUT): live messages were lost each time. */
export function subscriberCuts(): number {
  return cuts.subscriber;
}

/** Counts one SUBSCRIBER_CUT (the backends call it). */
export function countSubscriberCut(): void {
  cuts.subscriber += 1;
}

export class PubSubError extends Error {
  override readonly name = 'PubSubError';

  constructor(
    readonly code: PubSubErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
