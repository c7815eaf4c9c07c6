/** Stable codes of the errors this pubsub raises or reports itself. */
export const PubSubErrorCode = {
  /** `publish` or `subscribe` was called after `close()`. */
  CLOSED: 'PUBSUB_CLOSED',
  /** A message on a subscribed topic lacks Lifestone's key framing (someone published it by hand). */
  MALFORMED_MESSAGE: 'PUBSUB_MALFORMED_MESSAGE',
  /** The backend refused some messages of a `publishMany`. */
  PUBLISH_FAILED: 'PUBSUB_PUBLISH_FAILED',
} as const;
export type PubSubErrorCode = (typeof PubSubErrorCode)[keyof typeof PubSubErrorCode];

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
