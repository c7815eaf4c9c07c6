/**
 * Composables that wrap the graph for components: a query whose result is a
 * ref, refreshed when its variables change or on demand; and a subscription
 * that lives as long as the component (or effect scope) that opened it.
 */
import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';
import { GraphError, request, type SubscriptionConnection } from './client';
import type { TypedDocumentString } from './generated/graphql';
import { useConnectionStore } from './connection';
import { backoffDelay } from './reconnect';

/**
 * Codes of an error that ends a live feed for a passing reason: the gateway
 * ended it because this tab fell behind (SUBSCRIBER_TOO_SLOW), so it is
 * subscribed again, after a backoff.
 */
const RESUBSCRIBE_CODES: ReadonlySet<string> = new Set(['SUBSCRIBER_TOO_SLOW']);

/** A query's state: `data` keeps the last good result while a refresh runs or after a refresh fails. */
export interface QueryState<Result> {
  data: ShallowRef<Result | undefined>;
  error: Ref<GraphError | undefined>;
  loading: Ref<boolean>;
  /** Runs the query again now. */
  refresh(): Promise<void>;
}

/** Options of {@link useQuery}. */
export interface QueryOptions {
  /** Also refresh every so many milliseconds while the component lives. */
  pollMs?: number;
  /** Skip while this is true (e.g. no character selected yet). */
  pause?: MaybeRefOrGetter<boolean>;
}

/** Runs `document` now and again whenever `variables` change. */
export function useQuery<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: MaybeRefOrGetter<Variables>,
  options: QueryOptions = {},
): QueryState<Result> {
  const data = shallowRef<Result>();
  const error = shallowRef<GraphError>();
  const loading = shallowRef(false);
  let controller: AbortController | undefined;

  async function refresh(): Promise<void> {
    if (toValue(options.pause)) return;
    controller?.abort();
    const mine = (controller = new AbortController());
    loading.value = true;
    try {
      data.value = await request(document, toValue(variables), mine.signal);
      error.value = undefined;
    } catch (caught) {
      if ((caught as Error).name === 'AbortError') return;
      error.value = caught instanceof GraphError ? caught : new GraphError(String(caught), 'GRAPH_ERROR');
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  watch(() => [toValue(variables), toValue(options.pause)], () => void refresh(), { deep: true, immediate: true });
  if (options.pollMs) {
    const timer = setInterval(() => void refresh(), options.pollMs);
    onScopeDispose(() => clearInterval(timer));
  }
  onScopeDispose(() => controller?.abort());
  return { data, error, loading, refresh };
}

/** Options of {@link useSubscription}. */
export interface SubscriptionOptions {
  /** Skip while this is true. */
  pause?: MaybeRefOrGetter<boolean>;
  /**
   * Called once the subscription is back after the gateway ended it for
   * falling behind: what came meanwhile was not received, so a caller that
   * shows history reads it again here.
   */
  onResume?: () => void;
}

/**
 * Subscribes to `document` while the calling scope lives, resubscribing when
 * `variables` change; `onData` gets every message. The connection's
 * reconnects are invisible here: graphql-ws resubscribes by itself. A feed
 * the gateway ends with SUBSCRIBER_TOO_SLOW is subscribed again after a
 * jittered backoff (longer each time nothing arrived in between), then
 * `onResume` fills the gap; its error shows meanwhile.
 */
export function useSubscription<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: MaybeRefOrGetter<Variables>,
  onData: (data: Result) => void,
  options: SubscriptionOptions = {},
): { error: Ref<GraphError | undefined> } {
  const connection = useConnectionStore();
  const error = shallowRef<GraphError>();
  let stop: (() => void) | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempts = 0;

  function open(current: Variables, subscriptions: SubscriptionConnection): void {
    let behind = false;
    stop = subscriptions.subscribe(document, current, {
      next: (result) => {
        error.value = undefined;
        attempts = 0;
        onData(result);
      },
      error: (caught) => {
        error.value = caught;
        behind = RESUBSCRIBE_CODES.has(caught.code);
      },
      complete: () => {
        if (!behind) return;
        retry = setTimeout(() => {
          retry = undefined;
          open(current, subscriptions);
          options.onResume?.();
        }, backoffDelay(attempts++));
      },
    });
  }

  function close(): void {
    clearTimeout(retry);
    retry = undefined;
    stop?.();
    stop = undefined;
  }

  watch(
    () => [toValue(variables), toValue(options.pause), connection.subscriptions] as const,
    ([current, paused, subscriptions]) => {
      close();
      attempts = 0;
      if (paused || !subscriptions) return;
      open(current, subscriptions);
    },
    { deep: true, immediate: true },
  );
  onScopeDispose(close);
  return { error };
}
