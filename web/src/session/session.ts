/**
 * Who is signed in. The session itself is the gateway's signed httpOnly
 * cookie: the dashboard never sees a secret, it asks `me` who it is. The role
 * decides what the interface offers (operators get command controls).
 */
import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { GraphError, request } from '../graph/client';
import { useConnectionStore } from '../graph/connection';
import { MeDocument, SignInDocument, SignOutDocument, type MeQuery } from '../graph/generated/graphql';

/** The signed-in user as the dashboard knows them. */
export type SessionUser = NonNullable<MeQuery['me']>;

export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<SessionUser | null>();
  /** `undefined` until the first `me` answer: the app shows nothing rather than flashing the sign-in page. */
  const known = computed(() => user.value !== undefined);
  const canCommand = computed(() => user.value?.role === 'OPERATOR' || user.value?.role === 'ADMIN');
  const isAdmin = computed(() => user.value?.role === 'ADMIN');
  const connection = useConnectionStore();

  function become(next: SessionUser | null): void {
    user.value = next;
    if (next) connection.open();
    else connection.close();
  }

  /** Asks the gateway who the cookie belongs to. */
  async function restore(): Promise<void> {
    try {
      become((await request(MeDocument)).me ?? null);
    } catch (error) {
      // An unreachable gateway is not a sign-out: ask again shortly.
      if (error instanceof GraphError && error.code === 'NETWORK_ERROR') {
        setTimeout(() => void restore(), 2_000);
        return;
      }
      become(null);
    }
  }

  /** Signs in; rejects with the gateway's error (wrong password: `UNAUTHENTICATED`). */
  async function signIn(username: string, password: string): Promise<void> {
    become((await request(SignInDocument, { username, password })).signIn);
  }

  async function signOut(): Promise<void> {
    await request(SignOutDocument).catch(() => undefined);
    become(null);
  }

  // A subscription closed as unauthorized means the session ended elsewhere.
  connection.$subscribe(() => {
    if (connection.unauthorized && user.value) become(null);
  });

  // The gateway closes the sockets of an account whose role changed, to be opened again: ask who we are once back.
  watch(() => connection.status, (next, previous) => {
    if (next === 'online' && previous === 'reconnecting' && user.value) void restore();
  });

  return { user, known, canCommand, isAdmin, restore, signIn, signOut };
});
