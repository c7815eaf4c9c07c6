// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSubscriptions, settle, stubGraph, type GraphCall } from '../components/test-support';
import { CATCH_UP_MS } from '../graph/use';
import MinecraftMap from './MinecraftMap.vue';
import { useMapWorldStore } from './minecraftWorld';

const region = (landblock: string, time: string, x: number) => ({ landblock, time, tiles: [{ x, y: 0, z: 4, kind: 'stone' }] });

describe('the Minecraft map', () => {
  let calls: GraphCall[];
  let answers: ReturnType<typeof region>[][];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    answers = [];
    calls = stubGraph({
      MinecraftBlocks: () => ({ minecraftBlocks: answers.shift() ?? [] }),
      MinecraftPlayers: () => ({ livePlayers: [] }),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads the whole world when shown, then only the regions stored since a minute before the newest it holds', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    fakeSubscriptions();
    useMapWorldStore().show('survival/overworld');
    answers.push([region('0x80018000', '2026-11-27T10:05:00.000Z', 40), region('0x80008000', '2026-11-27T10:00:00.000Z', 3)]);
    answers.push([region('0x80028000', '2026-11-27T10:05:01.000Z', 70)]);
    const wrapper = mount(MinecraftMap, { global: { plugins: [pinia] }, attachTo: document.body });
    await settle();
    const blockReads = () => calls.filter((call) => call.operation === 'MinecraftBlocks').map((call) => call.variables);
    expect(blockReads()).toEqual([{ server: 'survival', dimension: 'overworld', since: null }]);
    expect(wrapper.get('[data-minecraft-map]').attributes('data-blocks')).toBe('2');

    await vi.advanceTimersByTimeAsync(CATCH_UP_MS);
    await settle();
    expect(blockReads().at(-1)).toEqual({ server: 'survival', dimension: 'overworld', since: '2026-11-27T10:04:00.000Z' });
    // The catch-up draws over the map: what it held stays.
    expect(wrapper.get('[data-minecraft-map]').attributes('data-blocks')).toBe('3');
    wrapper.unmount();
  });
});
