/**
 * What the Alerts window lists for its filter: the history read from the
 * graph page by page (newest first, "load older"), with the shared feed's
 * alerts (live, and read back after reconnections) merged on top, each once.
 *
 * The first page is read only once the feed knows where it starts
 * (`ready`): everything up to that point is then in the history, everything
 * after it in the feed, so nothing falls between the two.
 */
import { computed, onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import { GraphError, request } from '../graph/client';
import { AlertHistoryDocument } from '../graph/generated/graphql';
import { useAlertFeedStore } from './alertFeed';
import { alertMatches, alertQueryFilter, mergeAlerts, type AlertFilter, type AlertItem } from './alertList';

/** Alerts per history page (a page costs about 3,100 against the gateway's cost limit). */
export const HISTORY_PAGE = 50;
/** Alerts the window holds at most; the oldest go (and can be loaded again). */
export const HISTORY_LIMIT = 2_000;

/** The window's list for `filter`, and how to read further back. */
export function useAlertHistory(filter: Ref<AlertFilter>) {
  const feed = useAlertFeedStore();
  onScopeDispose(feed.start());

  const items = shallowRef<readonly AlertItem[]>([]);
  /** Whether the graph has older alerts for this filter than the oldest held. */
  const hasOlder = shallowRef(false);
  const loading = shallowRef(false);
  const pageError = shallowRef<GraphError>();
  let controller: AbortController | undefined;

  function hold(added: readonly AlertItem[]): void {
    const merged = mergeAlerts(items.value, added, HISTORY_LIMIT);
    if (merged.length === HISTORY_LIMIT && merged !== items.value) hasOlder.value = true;
    items.value = merged;
  }

  /** Drops the page being read, if any. */
  function cancel(): void {
    controller?.abort();
    controller = undefined;
    loading.value = false;
  }

  /** Reads the page after `after` (from the newest without it) for the current filter. */
  async function readPage(after: string | null): Promise<void> {
    const variables = alertQueryFilter(filter.value);
    if (!variables) return;
    cancel();
    const mine = (controller = new AbortController());
    loading.value = true;
    try {
      const { alerts } = await request(AlertHistoryDocument, { ...variables, first: HISTORY_PAGE, after }, mine.signal);
      // A page of a filter since replaced is not this list's.
      if (controller !== mine) return;
      hold(alerts.edges.map((edge) => edge.node));
      hasOlder.value = alerts.pageInfo.hasNextPage;
      pageError.value = undefined;
    } catch (caught) {
      if ((caught as Error).name === 'AbortError') return;
      pageError.value = caught instanceof GraphError ? caught : new GraphError(String(caught), 'GRAPH_ERROR');
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  // A new filter starts a new list: what the feed already has that fits, then the first page.
  const filterKey = computed(() => JSON.stringify([[...filter.value.types].sort(), filter.value.character ?? null]));
  watch(
    [filterKey, () => feed.ready],
    ([, ready], previous) => {
      const filterChanged = !previous || previous[0] !== filterKey.value;
      if (filterChanged) {
        cancel();
        hasOlder.value = false;
        items.value = feed.recent.filter((alert) => alertMatches(alert, filter.value));
      }
      if (ready && (filterChanged || !previous?.[1])) void readPage(null);
      // Until the feed is ready the first page cannot be read: the list is not yet complete.
      else if (filterChanged) loading.value = true;
    },
    { immediate: true },
  );
  watch(
    () => feed.recent,
    (recent) => hold(recent.filter((alert) => alertMatches(alert, filter.value))),
  );
  onScopeDispose(cancel);

  /** Reads the page older than the oldest alert held. */
  function loadOlder(): Promise<void> {
    const oldest = items.value.at(-1);
    if (!oldest || loading.value) return Promise.resolve();
    return readPage(oldest.cursor);
  }

  const error = computed(() => pageError.value ?? feed.error);
  return { items, hasOlder, loading, error, loadOlder };
}
