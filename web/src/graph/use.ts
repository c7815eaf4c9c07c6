/**
 * Composables that wrap the graph for components: a query whose result is a
 * ref, refreshed when its variables change or on demand; and a subscription
 * that lives as long as the component (or effect scope) that opened it.
 */
import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';
import { GraphError, request } from './client';
import type { TypedDocumentString } from './generated/graphql';
import { useConnectionStore } from './connection';

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
 * Subscribes to `document` while the calling scope lives, resubscribing when
 * `variables` change; `onData` gets every message. The connection's
 * reconnects are invisible here: graphql-ws resubscribes by itself.
 */
export function useSubscription<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: MaybeRefOrGetter<Variables>,
  onData: (data: Result) => void,
  options: { pause?: MaybeRefOrGetter<boolean> } = {},
): { error: Ref<GraphError | undefined> } {
  const connection = useConnectionStore();
  const error = shallowRef<GraphError>();
  let stop: (() => void) | undefined;
  watch(
    () => [toValue(variables), toValue(options.pause), connection.subscriptions] as const,
    ([current, paused, subscriptions]) => {
      stop?.();
      stop = undefined;
      if (paused || !subscriptions) return;
      stop = subscriptions.subscribe(document, current, {
        next: (result) => {
          error.value = undefined;
          onData(result);
        },
        error: (caught) => (error.value = caught),
      });
    },
    { deep: true, immediate: true },
  );
  onScopeDispose(() => stop?.());
  return { error };
}
