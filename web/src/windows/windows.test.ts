// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { CASCADE_STEP } from './geometry';
import { useWindowsStore, WINDOWS_STORAGE_KEY } from './windows';

const where = (store: ReturnType<typeof useWindowsStore>, id: 'players' | 'chat' | 'rares' | 'vitals') => {
  const { x, y, width, height } = store.state(id);
  return { x, y, width, height };
};

describe('the windows store', () => {
  beforeEach(() => {
    localStorage.clear();
    window.innerWidth = 1024;
    window.innerHeight = 768;
    setActivePinia(createPinia());
  });

  it('cascades windows opened for the first time, each from the last opened', () => {
    const store = useWindowsStore();
    store.open('players');
    store.open('chat');
    store.open('rares');
    expect([where(store, 'players'), where(store, 'chat'), where(store, 'rares')].map(({ x, y }) => [x, y])).toEqual([
      [12, 52],
      [12 + CASCADE_STEP, 52 + CASCADE_STEP],
      [12 + 2 * CASCADE_STEP, 52 + 2 * CASCADE_STEP],
    ]);
    expect(store.state('rares').z).toBeGreaterThan(store.state('chat').z);
  });

  it('puts a reopened window back where it was, fitted in the viewport', () => {
    localStorage.setItem(WINDOWS_STORAGE_KEY, JSON.stringify({ rares: { x: 980, y: 56, width: 360, height: 380, open: false, z: 3 } }));
    setActivePinia(createPinia());
    const store = useWindowsStore();
    store.open('rares');
    expect(where(store, 'rares')).toEqual({ x: 656, y: 56, width: 360, height: 380 });
  });

  it('cascades a reopened window whose place another open window covers', () => {
    localStorage.setItem(
      WINDOWS_STORAGE_KEY,
      JSON.stringify({ players: { x: 100, y: 100, width: 400, height: 300, open: true, z: 1 }, vitals: { x: 100, y: 100, width: 360, height: 360, open: false, z: 0 } }),
    );
    setActivePinia(createPinia());
    const store = useWindowsStore();
    store.open('vitals');
    expect(where(store, 'vitals')).toEqual({ x: 100 + CASCADE_STEP, y: 100 + CASCADE_STEP, width: 360, height: 360 });
  });

  it('keeps open windows whole when the browser window shrinks, and below a taller toolbar', () => {
    const store = useWindowsStore();
    store.place('chat', { x: 700, y: 500, width: 520, height: 300 });
    store.open('chat');
    window.innerWidth = 800;
    window.innerHeight = 600;
    store.toolbarHeight = 80;
    store.fitAll();
    expect(where(store, 'chat')).toEqual({ x: 272, y: 292, width: 520, height: 300 });
  });
});
