// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { fakeSubscriptions, type FakeSubscriptions } from '../components/test-support';
import { GraphError } from './client';
import { ChatLinesDocument } from './generated/graphql';
import { useConnectionStore } from './connection';
import { CATCH_UP_MS, useSubscription } from './use';

const tooSlow = new GraphError('This subscription ended: more than 8388608 bytes were waiting for you to read them.', 'SUBSCRIBER_TOO_SLOW');
const chatLine = { events: { character: 'Mira', time: '2026-03-01T10:00:00Z', payload: { __typename: 'ChatPayload' } } };

describe('a live feed the gateway ends for falling behind', () => {
  let subscriptions: FakeSubscriptions;
  let resumed: number;
  let received: number;
  let scope: ReturnType<typeof effectScope>;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // The backoff's jitter at its ceiling: 500 ms, then 1 s, then 2 s.
    vi.spyOn(Math, 'random').mockReturnValue(1);
    setActivePinia(createPinia());
    subscriptions = fakeSubscriptions();
    resumed = 0;
    received = 0;
    scope = effectScope();
    scope.run(() => useSubscription(ChatLinesDocument, {}, () => (received += 1), { catchUp: () => (resumed += 1) }));
  });
  afterEach(() => {
    scope.stop();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** The gateway's last error, then the end of the stream. */
  function endTooSlow(): void {
    subscriptions.fail('ChatLines', tooSlow);
    subscriptions.end('ChatLines');
  }

  it('is subscribed again after a backoff, then told to fill the gap once it has been live a while', () => {
    endTooSlow();
    expect(subscriptions.open('ChatLines')).toHaveLength(0);
    vi.advanceTimersByTime(499);
    expect(subscriptions.open('ChatLines')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(subscriptions.open('ChatLines')).toHaveLength(1);
    subscriptions.emit('ChatLines', chatLine);
    expect(received).toBe(1);
    vi.advanceTimersByTime(CATCH_UP_MS - 1);
    expect(resumed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(resumed).toBe(1);
  });

  it('waits longer each time it ends again with nothing received in between, and not once data came', () => {
    endTooSlow();
    vi.advanceTimersByTime(500);
    endTooSlow();
    vi.advanceTimersByTime(999);
    expect(subscriptions.open('ChatLines')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(subscriptions.open('ChatLines')).toHaveLength(1);
    subscriptions.emit('ChatLines', chatLine);
    endTooSlow();
    vi.advanceTimersByTime(500);
    expect(subscriptions.open('ChatLines')).toHaveLength(1);
    // Each feed ended before it was live long enough: only the last one catches up.
    expect(resumed).toBe(0);
    vi.advanceTimersByTime(CATCH_UP_MS);
    expect(resumed).toBe(1);
  });

  it('is subscribed again, and fills the gap, when a subgraph ended it because the pubsub lost values', () => {
    subscriptions.fail('ChatLines', new GraphError("This subscription's source lost its connection to the pubsub.", 'LIVE_FEED_INTERRUPTED'));
    subscriptions.end('ChatLines');
    vi.advanceTimersByTime(500);
    expect(subscriptions.open('ChatLines')).toHaveLength(1);
    vi.advanceTimersByTime(CATCH_UP_MS);
    expect(resumed).toBe(1);
  });

  it('stays ended after an error of another code', () => {
    subscriptions.fail('ChatLines', new GraphError('You run 200 subscriptions.', 'TOO_MANY_SUBSCRIPTIONS'));
    subscriptions.end('ChatLines');
    vi.advanceTimersByTime(60_000);
    expect(subscriptions.open('ChatLines')).toHaveLength(0);
    expect(resumed).toBe(0);
  });

  it('does not come back once its scope is gone during the backoff', () => {
    endTooSlow();
    scope.stop();
    vi.advanceTimersByTime(60_000);
    expect(subscriptions.open('ChatLines')).toHaveLength(0);
    expect(resumed).toBe(0);
  });
});

describe('a live feed beside a query', () => {
  let subscriptions: FakeSubscriptions;
  let caughtUp: number;
  let scope: ReturnType<typeof effectScope>;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    setActivePinia(createPinia());
    subscriptions = fakeSubscriptions();
    caughtUp = 0;
    scope = effectScope();
    scope.run(() => useSubscription(ChatLinesDocument, {}, () => {}, { catchUp: () => (caughtUp += 1) }));
  });
  afterEach(() => {
    scope.stop();
    vi.useRealTimers();
  });

  it('reads again once it has been live a while: what was published while it was being set up is stored by then', () => {
    expect(subscriptions.open('ChatLines')).toHaveLength(1);
    vi.advanceTimersByTime(CATCH_UP_MS - 1);
    expect(caughtUp).toBe(0);
    vi.advanceTimersByTime(1);
    expect(caughtUp).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(caughtUp).toBe(1);
  });

  it('reads again after the connection is back: graphql-ws resubscribes, but what came meanwhile was never sent', async () => {
    vi.advanceTimersByTime(CATCH_UP_MS);
    const connection = useConnectionStore();
    connection.status = 'online';
    await nextTick();
    vi.advanceTimersByTime(CATCH_UP_MS);
    expect(caughtUp).toBe(2);
    connection.status = 'reconnecting';
    await nextTick();
    vi.advanceTimersByTime(60_000);
    expect(caughtUp).toBe(2);
    connection.status = 'online';
    await nextTick();
    vi.advanceTimersByTime(CATCH_UP_MS);
    expect(caughtUp).toBe(3);
  });

  it('does not read again once its scope is gone', () => {
    scope.stop();
    vi.advanceTimersByTime(60_000);
    expect(caughtUp).toBe(0);
  });
});
