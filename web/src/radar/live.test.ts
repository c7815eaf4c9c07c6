// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { fakeSubscriptions, settle, stubGraph, type FakeSubscriptions } from '../components/test-support';
import { CATCH_UP_MS } from '../graph/use';
import { useLiveRadar } from './live';

const drudge = (id: string) => ({ id, name: 'Drudge Skulker', objectClass: 'Monster', distance: 10, position: { ew: 1, ns: 1, z: 0 } });
const at = { ew: 1, ns: 1, z: 0, heading: 0, landblock: 'A9B4' };

describe("a character's live radar", () => {
  let subscriptions: FakeSubscriptions;
  let stored: { time: string; objects: unknown[] };
  let scope: ReturnType<typeof effectScope>;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    setActivePinia(createPinia());
    subscriptions = fakeSubscriptions();
    stored = { time: '2026-03-01T10:00:00.000Z', objects: [drudge('1')] };
    stubGraph({
      RadarView: ({ name }) => ({ character: { name, nearbyObjectsTime: stored.time, nearbyObjects: stored.objects, positionTime: stored.time, position: at } }),
    });
    scope = effectScope();
  });
  afterEach(() => {
    scope.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows a sweep published while its feed was being set up and stored after the first read', async () => {
    const radar = scope.run(() => useLiveRadar('Mira'))!;
    await settle();
    expect(radar.objects.value.map((object) => object.id)).toEqual(['1']);
    // Published before the feed was live (so never sent on it), stored after the first read.
    stored = { time: '2026-03-01T10:00:02.000Z', objects: [drudge('1'), drudge('2')] };
    await vi.advanceTimersByTimeAsync(CATCH_UP_MS);
    await settle();
    expect(radar.objects.value.map((object) => object.id)).toEqual(['1', '2']);
    expect(radar.sweptAt.value).toBe(Date.parse('2026-03-01T10:00:02.000Z'));
  });

  it('keeps a newer sweep from the feed over an older stored one', async () => {
    const radar = scope.run(() => useLiveRadar('Mira'))!;
    await settle();
    subscriptions.emit('RadarSweeps', { events: { time: '2026-03-01T10:00:04.000Z', payload: { objects: [drudge('3')] } } });
    await vi.advanceTimersByTimeAsync(CATCH_UP_MS);
    await settle();
    expect(radar.objects.value.map((object) => object.id)).toEqual(['3']);
  });
});
