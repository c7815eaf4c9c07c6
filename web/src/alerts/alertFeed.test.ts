// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, settle, stubGraph, type FakeSubscriptions, type GraphAnswer, type GraphCall } from '../components/test-support';
import { GraphError } from '../graph/client';
import { useConnectionStore } from '../graph/connection';
import { CATCH_UP_MS } from '../graph/use';
import { CATCH_UP_PAGE, RESYNC_RETRY_MS, useAlertFeedStore } from './alertFeed';
import type { AlertItem } from './alertList';
import { alertItem, alertPage } from './test-support';

const ids = (list: readonly AlertItem[]) => list.map((alert) => alert.id);

describe('the shared alert feed', () => {
  let subscriptions: FakeSubscriptions;
  let calls: GraphCall[];
  /** What the graph answers next, per operation; an empty page once a queue runs out. */
  let answers: Record<'AlertNewest' | 'AlertCatchUp', GraphAnswer[]>;
  let delivered: string[][];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    answers = { AlertNewest: [], AlertCatchUp: [] };
    calls = stubGraph({
      AlertNewest: () => answers.AlertNewest.shift() ?? alertPage([]),
      AlertCatchUp: () => answers.AlertCatchUp.shift() ?? alertPage([]),
    });
    setActivePinia(createPinia());
    subscriptions = fakeSubscriptions();
    delivered = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** Starts the feed on an online connection, the graph's newest alert being `newest`. */
  async function start(newest: AlertItem[]) {
    answers.AlertNewest.push(alertPage(newest));
    const feed = useAlertFeedStore();
    feed.onAlerts((alerts) => delivered.push(ids(alerts)));
    const release = feed.start();
    useConnectionStore().status = 'online';
    await settle();
    return { feed, release };
  }
  /** Lets the subscription catch up. */
  async function afterSettling(): Promise<void> {
    await vi.advanceTimersByTimeAsync(CATCH_UP_MS);
    await settle();
  }
  const reads = () => calls.map((call) => (call.operation === 'AlertCatchUp' ? `${call.operation} ${String(call.variables.before)}` : call.operation));

  it('starts from the graph’s newest alert and reads back what came while the subscription went live, each alert once', async () => {
    const { feed } = await start([alertItem(10, 'DEATH')]);
    expect(subscriptions.open('AlertFeed')).toEqual([{}]);
    expect(reads()).toEqual(['AlertNewest']);
    expect(feed.ready).toBe(true);
    expect(feed.recent).toEqual([]);

    subscriptions.emit('AlertFeed', { alerts: alertItem(12, 'RARE') });
    answers.AlertCatchUp.push(alertPage([alertItem(11, 'IDLE'), alertItem(12, 'RARE')]));
    await afterSettling();
    expect(reads()).toEqual(['AlertNewest', 'AlertCatchUp c10']);
    expect(calls[1]?.variables).toEqual({ before: 'c10', last: CATCH_UP_PAGE });
    expect(delivered).toEqual([['12'], ['11']]);
    expect(ids(feed.recent)).toEqual(['12', '11']);

    subscriptions.emit('AlertFeed', { alerts: alertItem(12, 'RARE') });
    subscriptions.emit('AlertFeed', { alerts: alertItem(13, 'VORTEX') });
    expect(delivered).toEqual([['12'], ['11'], ['13']]);
    expect(ids(feed.recent)).toEqual(['13', '12', '11']);
  });

  it('after a reconnection reads back from where the outage began, then once more a moment later', async () => {
    const { feed } = await start([alertItem(10, 'DEATH')]);
    await afterSettling();
    subscriptions.emit('AlertFeed', { alerts: alertItem(11, 'DEATH') });
    const connection = useConnectionStore();
    connection.status = 'reconnecting';
    await settle();

    // 12 and 13 were stored during the outage; 14 arrives live before the read-back answers; 15 while the subscription was on its way.
    answers.AlertCatchUp.push(alertPage([alertItem(12, 'RARE'), alertItem(13, 'IDLE'), alertItem(14, 'DEATH')]), alertPage([alertItem(15, 'OFFLINE')]));
    connection.status = 'online';
    subscriptions.emit('AlertFeed', { alerts: alertItem(14, 'DEATH') });
    await settle();
    expect(reads()).toEqual(['AlertNewest', 'AlertCatchUp c10', 'AlertCatchUp c11']);
    expect(delivered).toEqual([['11'], ['14'], ['12', '13']]);

    await afterSettling();
    expect(reads()).toEqual(['AlertNewest', 'AlertCatchUp c10', 'AlertCatchUp c11', 'AlertCatchUp c14']);
    expect(delivered).toEqual([['11'], ['14'], ['12', '13'], ['15']]);
    expect(ids(feed.recent)).toEqual(['15', '14', '13', '12', '11']);

    // Synced again: live alerts move the mark, and the next outage reads back from the newest.
    subscriptions.emit('AlertFeed', { alerts: alertItem(16, 'VORTEX') });
    connection.status = 'reconnecting';
    await settle();
    connection.status = 'online';
    await settle();
    expect(reads().at(-1)).toBe('AlertCatchUp c16');
  });

  it('reads back page after page, from the very first alert when the graph had none at start', async () => {
    await start([]);
    answers.AlertCatchUp.push(alertPage([alertItem(1, 'DEATH'), alertItem(2, 'IDLE')], true), alertPage([alertItem(3, 'RARE')]));
    await afterSettling();
    expect(calls.slice(1).map((call) => call.variables)).toEqual([
      { before: null, last: CATCH_UP_PAGE },
      { before: 'c2', last: CATCH_UP_PAGE },
    ]);
    expect(delivered).toEqual([['1', '2'], ['3']]);
  });

  it('says when the graph refuses, and tries again while the connection is up', async () => {
    const refusal = { error: { message: 'the gateway is restarting', code: 'GRAPH_UNREACHABLE' } };
    answers.AlertNewest.push(refusal, refusal);
    const { feed } = await start([alertItem(7, 'DEATH')]);
    expect(feed.error?.message).toBe('the gateway is restarting');
    expect(feed.ready).toBe(false);
    // The catch-up is refused too; a retry of it reads.
    await afterSettling();
    expect(reads()).toEqual(['AlertNewest', 'AlertNewest']);
    expect(feed.ready).toBe(false);
    await vi.advanceTimersByTimeAsync(RESYNC_RETRY_MS);
    await settle();
    expect(feed.ready).toBe(true);
    expect(feed.error).toBeUndefined();
    expect(reads()).toEqual(['AlertNewest', 'AlertNewest', 'AlertNewest']);
    // Read after the subscription caught up: live alerts move the mark, and the next outage reads back from them.
    subscriptions.emit('AlertFeed', { alerts: alertItem(8, 'RARE') });
    const connection = useConnectionStore();
    connection.status = 'reconnecting';
    await settle();
    connection.status = 'online';
    await settle();
    expect(reads().at(-1)).toBe('AlertCatchUp c8');
  });

  it('reads back once more, and only then moves the mark, after a feed ended for falling behind is open again', async () => {
    const { feed } = await start([alertItem(10, 'DEATH')]);
    await afterSettling();
    subscriptions.fail('AlertFeed', new GraphError('This subscription ended: more than 8388608 bytes were waiting for you to read them.', 'SUBSCRIBER_TOO_SLOW'));
    subscriptions.end('AlertFeed');
    // Open again after a backoff of at most a second; 11 was stored while it was closed.
    for (let waited = 0; subscriptions.open('AlertFeed').length === 0 && waited < 1_000; waited += 50) await vi.advanceTimersByTimeAsync(50);
    expect(subscriptions.open('AlertFeed')).toHaveLength(1);
    answers.AlertCatchUp.push(alertPage([alertItem(11, 'IDLE')]));
    await afterSettling();
    expect(reads()).toEqual(['AlertNewest', 'AlertCatchUp c10', 'AlertCatchUp c10']);
    expect(ids(feed.recent)).toEqual(['11']);
  });

  it('keeps one subscription for every user, and starts afresh once all have let go', async () => {
    const { feed, release } = await start([alertItem(10, 'DEATH')]);
    const second = feed.start();
    expect(subscriptions.open('AlertFeed')).toHaveLength(1);
    subscriptions.emit('AlertFeed', { alerts: alertItem(11, 'DEATH') });
    release();
    expect(subscriptions.open('AlertFeed')).toHaveLength(1);
    second();
    expect(subscriptions.open('AlertFeed')).toHaveLength(0);
    expect(feed.recent).toEqual([]);
    expect(feed.ready).toBe(false);

    answers.AlertNewest.push(alertPage([alertItem(11, 'DEATH')]));
    feed.start();
    await settle();
    expect(reads()).toEqual(['AlertNewest', 'AlertNewest']);
    expect(feed.ready).toBe(true);
  });
});
