// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { fakeSubscriptions, type FakeSubscriptions } from '../components/test-support';
import { GraphError } from './client';
import { ChatLinesDocument } from './generated/graphql';
import { useSubscription } from './use';

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
    scope.run(() => useSubscription(ChatLinesDocument, {}, () => (received += 1), { onResume: () => (resumed += 1) }));
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

  it('is subscribed again after a backoff, then told to fill the gap', () => {
    endTooSlow();
    expect(subscriptions.open('ChatLines')).toHaveLength(0);
    vi.advanceTimersByTime(499);
    expect(subscriptions.open('ChatLines')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(subscriptions.open('ChatLines')).toHaveLength(1);
    expect(resumed).toBe(1);
    subscriptions.emit('ChatLines', chatLine);
    expect(received).toBe(1);
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
    expect(resumed).toBe(3);
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
