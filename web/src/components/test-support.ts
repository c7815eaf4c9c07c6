/**
 * For the windows' component tests: a graph answered by the test (the real
 * `useQuery` and `useSubscription` run over it) instead of a gateway.
 */
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import { markRaw, type Component } from 'vue';
import type { GraphError, SubscriptionConnection, SubscriptionSink } from '../graph/client';
import { useConnectionStore } from '../graph/connection';

/** One request the window made. */
export interface GraphCall {
  operation: string;
  variables: Record<string, unknown>;
}

/** What a test answers an operation with: data, or a `{ error }` the graph would send. */
export type GraphAnswer = unknown | { error: { message: string; code: string } };

function operationName(query: string): string {
  return /\b(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
}

/**
 * Replaces `fetch` with the graph: each operation, by name, is answered by
 * `answers[name](variables)`. Returns every call made, in order.
 */
export function stubGraph(answers: Record<string, (variables: Record<string, unknown>) => GraphAnswer>): GraphCall[] {
  const calls: GraphCall[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
    const { query, variables } = JSON.parse(init.body) as { query: string; variables: Record<string, unknown> };
    const operation = operationName(query);
    calls.push({ operation, variables });
    const answer = answers[operation];
    if (!answer) throw new Error(`the test does not answer ${operation}`);
    const result = answer(variables) as { error?: { message: string; code: string } };
    const body = result && typeof result === 'object' && 'error' in result && result.error ? { errors: [{ message: result.error.message, extensions: { code: result.error.code } }] } : { data: result };
    return { status: 200, json: async () => body };
  });
  return calls;
}

/** The subscriptions the windows opened, fed by the test. */
export interface FakeSubscriptions {
  /** Sends `data` to every open subscription named `operation`. */
  emit(operation: string, data: unknown): void;
  /** The variables of each open subscription named `operation`. */
  open(operation: string): unknown[];
  /** Sends `error` to every open subscription named `operation`, as the graph refuses one. */
  fail(operation: string, error: GraphError): void;
  /** Completes every open subscription named `operation`, as the gateway ends one. */
  end(operation: string): void;
}

/** Installs a subscription connection that the test drives (call after the Pinia store is active). */
export function fakeSubscriptions(): FakeSubscriptions {
  const live = new Set<{ operation: string; variables: unknown; sink: SubscriptionSink<unknown> }>();
  const connection: SubscriptionConnection = {
    subscribe(document, variables, sink) {
      const entry = { operation: operationName(document.toString()), variables, sink: sink as SubscriptionSink<unknown> };
      live.add(entry);
      return () => live.delete(entry);
    },
    dispose: () => live.clear(),
  };
  useConnectionStore().subscriptions = markRaw(connection);
  return {
    emit(operation, data) {
      for (const entry of [...live]) if (entry.operation === operation) entry.sink.next(data);
    },
    open: (operation) => [...live].filter((entry) => entry.operation === operation).map((entry) => entry.variables),
    fail(operation, error) {
      for (const entry of [...live]) if (entry.operation === operation) entry.sink.error?.(error);
    },
    end(operation) {
      for (const entry of [...live]) {
        if (entry.operation !== operation) continue;
        live.delete(entry);
        entry.sink.complete?.();
      }
    },
  };
}

/** Lets pending promise callbacks (answers, re-renders) run; works with fake timers. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await Promise.resolve();
}

/**
 * Mounts a window on a fresh Pinia, made active so that the test reads the
 * stores the window uses; `prepare` runs before the mount (fake
 * subscriptions, a selection), and the window's first answers have arrived
 * when it resolves. `teleport`: stub Teleport, for windows with dialogs.
 */
export async function mountWindow(component: Component, prepare: () => void = () => {}, options: { teleport?: boolean } = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  prepare();
  const wrapper = mount(component, { global: { plugins: [pinia], ...(options.teleport ? { stubs: { teleport: true } } : {}) } });
  await settle();
  return wrapper;
}
