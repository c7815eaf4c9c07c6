import type { PushIterator } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import type { Subscription } from '@lifestone/lib/pubsub';

/**
 * What the live feeds (events, positions, alerts) share: each keeps one
 * pubsub subscription per topic while anyone listens, and hands each
 * subscriber its own iterator.
 */

/** `iterator` once `subscribed` resolves; when subscribing fails, the iterator is ended and the error thrown to the subscriber. */
export async function onceSubscribed<T>(iterator: PushIterator<T>, subscribed: Promise<unknown>): Promise<AsyncIterableIterator<T>> {
  try {
    await subscribed;
  } catch (error) {
    await iterator.return();
    throw error;
  }
  return iterator;
}

/** Unsubscribes once `subscription` is open (one that failed has nothing to undo); a failure is logged, never thrown. */
export function unsubscribe(subscription: Promise<Subscription> | undefined, log: Logger, what: string): void {
  subscription
    ?.then(
      (active) => active.unsubscribe(),
      () => {},
    )
    .catch((error: unknown) => log.warn({ err: error }, `unsubscribing from ${what} failed`));
}
