import type pg from 'pg';
import { alertCoordinates, alertSummary, STORED_ALERT_COLUMNS, type AlertType, type StoredAlert } from '@lifestone/lib/alerts';
import { GraphErrorCode, graphError, PushIterator } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import { topics, type PubSub, type PubSubMessage, type Subscription } from '@lifestone/lib/pubsub';
import { onceSubscribed, unsubscribe } from './feeds.js';
import type { Alert, ResolversTypes } from './generated/resolvers.js';

/**
 * Alerts in the graph: the `alerts` connection read from PostgreSQL, the
 * `alerts` subscription from the pubsub. Both read the shape ingest stores
 * and publishes (@lifestone/lib/alerts).
 */

type Queryable = Pick<pg.Pool, 'query'>;

const CURSOR_PREFIX = 'alert:';

/** An alert's cursor: opaque to clients, its id within. */
export function alertCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

/** The id within a cursor, or BAD_USER_INPUT naming the argument. */
function idOfCursor(cursor: string, argument: 'after' | 'before'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^[0-9]{1,19}$/.test(id)) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${argument} is not a cursor of alerts: pass an alert's cursor.`, { argument });
  }
  return id;
}

/** The graph's `Alert` as resolvers hand it on: `characterLookalikes` is resolved per field, with every alert's of a request in one query. */
export type AlertValue = Omit<Alert, 'characterLookalikes'>;

/** A stored alert as the graph's `Alert`. */
export function alertOf(row: StoredAlert): AlertValue {
  const { detail } = row;
  const placed = row.ew !== null && row.ns !== null;
  return {
    id: row.id,
    cursor: alertCursor(row.id),
    type: row.type,
    character: row.character_name,
    time: row.occurred_at,
    createdAt: row.created_at,
    summary: alertSummary(row),
    position: placed ? { ew: row.ew as number, ns: row.ns as number, z: row.z ?? 0, heading: null, landblock: row.landblock } : null,
    coordinates: alertCoordinates(row),
    rare: row.type === 'RARE' && detail.name ? { name: detail.name, tier: detail.tier === 'common' ? 'COMMON' : 'GREAT' } : null,
    chat: row.type === 'VORTEX' ? (detail.text ?? null) : null,
    idleSince: detail.idle_since ?? null,
    lastSeen: detail.last_seen_at ?? null,
    goal: row.type === 'GOAL_REACHED' && detail.goal
      ? { id: detail.goal.id, kind: detail.goal.kind, target: detail.goal.target, monster: detail.goal.monster, setBy: detail.goal.set_by }
      : null,
    loot: row.type === 'LOOT' ? { name: detail.name ?? '', value: detail.value ?? 0, threshold: detail.min_value ?? 0 } : null,
  };
}

export interface AlertPage {
  types: readonly AlertType[] | null;
  characters: readonly string[] | null;
  since: Date | null;
  first: number | null;
  after: string | null;
  last: number | null;
  before: string | null;
}

const MAX_PAGE = 500;
const DEFAULT_PAGE = 50;

function pageSize(name: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${name} must be an integer from 1 to ${MAX_PAGE}; got ${value}.`, { argument: name });
  }
  return value;
}

/**
 * One page of alerts, newest first. Forward (`first`/`after`) reads older
 * alerts; backward (`last`/`before`) the alerts just newer than `before`.
 * Ids become visible in their order (see ingest/src/alerts/store.ts), so a
 * backward page from the newest cursor a client holds is everything it missed.
 */
export async function alertPage(db: Queryable, page: AlertPage): Promise<ResolversTypes['AlertConnection']> {
  if ((page.first !== null || page.after !== null) && (page.last !== null || page.before !== null)) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, 'Page forward (first, after) or backward (last, before), not both at once.', { argument: page.last !== null ? 'last' : 'before' });
  }
  const backward = page.last !== null || page.before !== null;
  const size = backward ? pageSize('last', page.last ?? DEFAULT_PAGE) : pageSize('first', page.first ?? DEFAULT_PAGE);
  const from = backward ? (page.before === null ? null : idOfCursor(page.before, 'before')) : page.after === null ? null : idOfCursor(page.after, 'after');
  const { rows } = await db.query<StoredAlert>(
    `SELECT ${STORED_ALERT_COLUMNS} FROM alerts
      WHERE ($1::text[] IS NULL OR type = ANY($1)) AND ($2::text[] IS NULL OR character_name = ANY($2))
        AND ($3::timestamptz IS NULL OR occurred_at >= $3)
        AND ($4::bigint IS NULL OR ${backward ? 'id > $4' : 'id < $4'})
      ORDER BY alerts.id ${backward ? 'ASC' : 'DESC'} LIMIT $5`,
    [page.types, page.characters, page.since, from, size + 1],
  );
  const more = rows.length > size;
  const kept = rows.slice(0, size);
  if (backward) kept.reverse();
  const edges = kept.map((row) => ({ cursor: alertCursor(row.id), node: alertOf(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? false : more,
      hasPreviousPage: backward ? more : false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

interface AlertListener {
  types: ReadonlySet<AlertType> | null;
  characters: ReadonlySet<string> | null;
  iterator: PushIterator<AlertValue>;
}

/**
 * The `alerts` subscription: one pubsub handler on `topics.alert` while
 * anyone subscribes; an alert is parsed once for every subscriber it goes to.
 */
export class AlertFeed {
  private readonly listeners = new Set<AlertListener>();
  private subscription: Promise<Subscription> | undefined;

  constructor(
    private readonly pubsub: PubSub,
    private readonly log: Logger,
  ) {
    // Alerts the pubsub lost would be missing from every feed: each ends with LIVE_FEED_INTERRUPTED, and its client reads them back.
    pubsub.onGap(() => {
      for (const listener of [...this.listeners]) listener.iterator.interrupt();
    });
  }

  async open(types: readonly AlertType[] | null, characters: readonly string[] | null): Promise<AsyncIterableIterator<AlertValue>> {
    const listener: AlertListener = {
      types: types ? new Set(types) : null,
      characters: characters ? new Set(characters) : null,
      iterator: new PushIterator(() => this.close(listener), { log: this.log }),
    };
    this.listeners.add(listener);
    this.subscription ??= this.pubsub.subscribe(topics.alert, (message) => this.deliver(message));
    return onceSubscribed(listener.iterator, this.subscription);
  }

  private close(listener: AlertListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return;
    unsubscribe(this.subscription, this.log, 'alerts');
    this.subscription = undefined;
  }

  private deliver(message: PubSubMessage): void {
    let alert: AlertValue | undefined;
    for (const listener of this.listeners) {
      if (listener.characters && !listener.characters.has(message.key)) continue;
      try {
        alert ??= alertOf(JSON.parse(message.payload) as StoredAlert);
      } catch (error) {
        this.log.warn({ err: error, key: message.key }, 'ignoring a published alert that is not one');
        return;
      }
      if (listener.types && !listener.types.has(alert.type)) continue;
      listener.iterator.push(alert);
    }
  }
}
