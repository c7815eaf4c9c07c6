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
 * Codes of an error that ends a live feed for a passing reason, so it is
 * subscribed again after a backoff (and catches up): the gateway ended it
 * because this tab fell behind (SUBSCRIBER_TOO_SLOW), or a subgraph did
 * because the pubsub may have lost some of its values (LIVE_FEED_INTERRUPTED).
 */
const RESUBSCRIBE_CODES: ReadonlySet<string> = new Set(['SUBSCRIBER_TOO_SLOW', 'LIVE_FEED_INTERRUPTED']);

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

/**
 * How long after a feed opens (or its connection is back) its caller reads
 * again what it follows: long enough for a value published while the feed
 * was being set up to be stored (ingest publishes live values before their
 * COMMIT, which takes well under a second unless the database is stalled).
 */
export const CATCH_UP_MS = 2_000;

/** Options of {@link useSubscription}. */
export interface SubscriptionOptions {
  /** Skip while this is true. */
  pause?: MaybeRefOrGetter<boolean>;
  /**
   * Reads again what the caller shows from a query, to fill what the feed
   * could not bring: a value published while the subscription was being
   * set up, and stored after the caller's first read, is in neither; what
   * came while the connection was down, or after the gateway ended the feed
   * for falling behind, was never sent. Called {@link CATCH_UP_MS} after the
   * feed opens, after it is opened again, and after the connection is back.
   */
  catchUp?: () => void;
}

/**
 * Subscribes to `document` while the calling scope lives, resubscribing when
 * `variables` change; `onData` gets every message. The connection's
 * reconnects are handled by graphql-ws, which resubscribes by itself. A feed
 * the gateway ends with SUBSCRIBER_TOO_SLOW, or a subgraph with
 * LIVE_FEED_INTERRUPTED, is subscribed again after a jittered backoff (longer each time nothing arrived in between); its error
 * shows meanwhile. `catchUp` fills what a feed misses by nature.
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
  let catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  let attempts = 0;

  /** Calls `catchUp` once the feed has been live for CATCH_UP_MS (one call for triggers close together). */
  function scheduleCatchUp(): void {
    if (!options.catchUp) return;
    clearTimeout(catchUpTimer);
    catchUpTimer = setTimeout(() => {
      catchUpTimer = undefined;
      options.catchUp?.();
    }, CATCH_UP_MS);
  }

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
        clearTimeout(catchUpTimer);
        catchUpTimer = undefined;
        if (!behind) return;
        retry = setTimeout(() => {
          retry = undefined;
          open(current, subscriptions);
        }, backoffDelay(attempts++));
      },
    });
    scheduleCatchUp();
  }

  function close(): void {
    clearTimeout(retry);
    clearTimeout(catchUpTimer);
    retry = undefined;
    catchUpTimer = undefined;
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
  watch(
    () => connection.status,
    (status, before) => {
      if (status === 'online' && before !== 'online' && stop) scheduleCatchUp();
    },
  );
  onScopeDispose(close);
  return { error };
}
