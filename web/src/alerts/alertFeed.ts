/**
 * The page's one `alerts` subscription, shared by the Alerts window and the
 * toasts, and the bookkeeping that makes it miss nothing.
 *
 * The feed holds a *mark*: the newest alert up to which it holds every alert
 * the graph has (ids only grow, and the graph shows an id only once every
 * smaller one is visible). At start the mark is the graph's newest alert;
 * afterwards the newest received, as long as the subscription is known to be
 * live. When the connection comes back, the mark is frozen where the outage
 * began and the feed reads what came after it (`alerts(last:, before:)`),
 * once at once and once more when the subscription catches up
 * (`useSubscription`'s `catchUp`, `CATCH_UP_MS` after it is live again): graphql-ws resubscribes as soon as the gateway acknowledges the
 * connection, but the subscription reaches the subgraph's pubsub a little
 * later, and an alert stored in between comes neither live nor in the first
 * read. Only that second read lets live alerts move the mark again. A feed
 * the gateway ended for falling behind catches up the same way once it is
 * open again. Whatever arrives twice (live and read back) is delivered once,
 * by id.
 */
import { defineStore } from 'pinia';
import { onScopeDispose, shallowRef, watch } from 'vue';
import { GraphError, request } from '../graph/client';
import { useConnectionStore } from '../graph/connection';
import { AlertCatchUpDocument, AlertFeedDocument, AlertNewestDocument } from '../graph/generated/graphql';
import { sharedFeed } from '../graph/shared';
import { useSubscription } from '../graph/use';
import { compareIds, mergeAlerts, type AlertItem } from './alertList';

/** Alerts read back per request while catching up: a page costs about 3,100 against the gateway's cost limit (`LIFESTONE_MAX_COST`). */
export const CATCH_UP_PAGE = 50;
/** Pages read back after one outage at most: 10,000 alerts. */
export const CATCH_UP_MAX_PAGES = 200;
/** How long after a failed read-back it is tried again, while the connection is up. */
export const RESYNC_RETRY_MS = 5_000;
/** Alerts delivered since the page opened that are kept for windows opened later (older ones are in their history). */
export const RECENT_LIMIT = 500;

/** Receives the alerts the feed had not delivered before, oldest first, a page or a live message at a time. */
export type AlertListener = (alerts: readonly AlertItem[]) => void;

/** Where the feed holds every alert up to: an alert's id and cursor, or null for "before the very first alert". */
type Mark = Pick<AlertItem, 'id' | 'cursor'> | null;

export const useAlertFeedStore = defineStore('alertFeed', () => {
  const listeners = new Set<AlertListener>();
  /** Alerts delivered since the page opened, newest first, at most {@link RECENT_LIMIT}. */
  const recent = shallowRef<readonly AlertItem[]>([]);
  /** True once the starting mark is known: a window's history read after it, plus `recent`, misses nothing. */
  const ready = shallowRef(false);
  const error = shallowRef<GraphError>();

  const delivered = new Set<string>();
  let newest: Mark = null;
  /** Undefined until the graph's newest alert was read at start. */
  let mark: Mark | undefined;
  /** Whether the subscription is live and read back past the mark, so that live alerts may move the mark. */
  let synced = false;
  /** Bumped at each (re)connection and loss: a read-back of an older one stops. */
  let generation = 0;

  function isNewer(alert: Pick<AlertItem, 'id'>, than: Mark | undefined): boolean {
    return !than || compareIds(alert.id, than.id) > 0;
  }

  /** Delivers the alerts of `received` not delivered before, oldest first. */
  function receive(received: readonly AlertItem[]): void {
    const fresh = received.filter((alert) => !delivered.has(alert.id)).sort((a, b) => compareIds(a.id, b.id));
    if (!fresh.length) return;
    for (const alert of fresh) {
      delivered.add(alert.id);
      if (isNewer(alert, newest)) newest = { id: alert.id, cursor: alert.cursor };
    }
    // Forgetting the oldest ids is safe: read-backs only ask for alerts newer than the mark.
    for (const id of delivered) {
      if (delivered.size <= RECENT_LIMIT * 4) break;
      delivered.delete(id);
    }
    if (synced) mark = newest;
    recent.value = mergeAlerts(recent.value, fresh, RECENT_LIMIT);
    for (const listener of [...listeners]) listener(fresh);
  }

  /** Reads back every alert newer than `from`; resolves the newest it read (or `from`). */
  async function readBack(from: Mark, still: () => boolean): Promise<Mark> {
    let reached = from;
    for (let page = 0; page < CATCH_UP_MAX_PAGES && still(); page++) {
      const { alerts } = await request(AlertCatchUpDocument, { before: reached?.cursor ?? null, last: CATCH_UP_PAGE });
      if (!still()) break;
      const [first] = alerts.edges;
      if (first) reached = { id: first.node.id, cursor: first.node.cursor };
      receive(alerts.edges.map((edge) => edge.node));
      if (!alerts.pageInfo.hasPreviousPage) break;
    }
    return reached;
  }

  /**
   * Brings the feed up to date: reads the graph's newest alert at start, and
   * afterwards every alert after the mark. `live` says the subscription has
   * been live long enough to hold every alert from now on (its catch-up), so
   * that live alerts may move the mark once the read is done; a read right
   * after the connection came back leaves the mark where the read reached.
   * See the module's comment.
   */
  async function resync(live: boolean): Promise<void> {
    const mine = ++generation;
    const still = () => mine === generation;
    synced = false;
    try {
      if (mark === undefined) {
        const { alerts } = await request(AlertNewestDocument, {});
        if (!still()) return;
        const node = alerts.edges[0]?.node;
        mark = node ? { id: node.id, cursor: node.cursor } : null;
        ready.value = true;
      } else {
        mark = await readBack(mark, still);
        if (!still()) return;
      }
      error.value = undefined;
      if (!live) return;
      synced = true;
      if (newest && isNewer(newest, mark)) mark = newest;
    } catch (caught) {
      if (!still()) return;
      error.value = caught instanceof GraphError ? caught : new GraphError(String(caught), 'GRAPH_ERROR');
      setTimeout(() => {
        if (still()) void resync(live);
      }, RESYNC_RETRY_MS);
    }
  }

  /** Calls `listener` with every alert delivered from now on; returns the function that stops it. */
  function onAlerts(listener: AlertListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Keeps the subscription live (and reads back after every reconnection and
   * when it catches up) until the returned function is called; callers share
   * one subscription.
   */
  const { start } = sharedFeed(() => {
    const connection = useConnectionStore();
    const live = useSubscription(AlertFeedDocument, {}, ({ alerts }) => receive([alerts]), {
      catchUp: () => {
        if (connection.status === 'online') void resync(true);
      },
    });
    watch(live.error, (caught) => caught && (error.value = caught));
    watch(
      () => connection.status,
      (status) => {
        if (status === 'online') void resync(false);
        else {
          generation += 1;
          synced = false;
        }
      },
      { immediate: true },
    );
    // A feed started again (after a sign-out) starts afresh: what happened meanwhile is history, not news.
    onScopeDispose(() => {
      generation += 1;
      synced = false;
      mark = undefined;
      newest = null;
      delivered.clear();
      recent.value = [];
      ready.value = false;
    });
  });

  return { recent, ready, error, onAlerts, start };
});
