/**
 * The signed-in user's graphql-ws connection and its status, shared by every
 * subscription (one connection per tab).
 */
import { defineStore } from 'pinia';
import { markRaw, shallowRef } from 'vue';
import { openSubscriptions, type SubscriptionConnection } from './client';
import type { ConnectionStatus } from './reconnect';

export const useConnectionStore = defineStore('connection', () => {
  const status = shallowRef<ConnectionStatus>('closed');
  const subscriptions = shallowRef<SubscriptionConnection>();
  /** Set when the gateway closed the connection as unauthorized: the session must be renewed. */
  const unauthorized = shallowRef(false);

  /** Opens the connection (after sign-in); a no-op when it is open. */
  function open(url?: string): void {
    if (subscriptions.value) return;
    unauthorized.value = false;
    subscriptions.value = markRaw(
      openSubscriptions(
        {
          onStatus: (next) => (status.value = next),
          onUnauthorized: () => (unauthorized.value = true),
        },
        url,
      ),
    );
  }

  /** Closes it (sign-out). */
  function close(): void {
    subscriptions.value?.dispose();
    subscriptions.value = undefined;
  }

  return { status, subscriptions, unauthorized, open, close };
});
