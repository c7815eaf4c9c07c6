/**
 * Which windows are open, where, and which is on top; remembered in
 * localStorage so that a reload puts every window back where the user left it.
 */
import { defineStore } from 'pinia';
import { reactive, shallowRef, watch } from 'vue';
import { fitGeometry, placeWindow, type Obstacle } from './geometry';
import { windowDefinition, type WindowGeometry, type WindowId } from './registry';

/** One window's remembered state. */
export interface WindowState extends WindowGeometry {
  open: boolean;
  /** Stacking order: higher is in front. */
  z: number;
}

/** The localStorage key; bump the version when the shape changes. */
export const WINDOWS_STORAGE_KEY = 'lifestone.windows.v1';

type Remembered = Partial<Record<WindowId, WindowState>>;

function recall(storage: Storage | undefined): Remembered {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(WINDOWS_STORAGE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Remembered) : {};
  } catch {
    return {};
  }
}

export const useWindowsStore = defineStore('windows', () => {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const windows = reactive<Remembered>(recall(storage));

  const topZ = () => Math.max(0, ...Object.values(windows).map((state) => state?.z ?? 0));

  function state(id: WindowId): WindowState {
    return (windows[id] ??= { ...windowDefinition(id).initial, open: false, z: 0 });
  }

  /** How tall the toolbar is now (it wraps on narrow screens): windows stay below it. */
  const toolbarHeight = shallowRef(44);
  let lastOpened: WindowId | undefined;

  function viewport(): { width: number; height: number } {
    return typeof window === 'undefined' ? { width: 1440, height: 900 } : { width: window.innerWidth, height: window.innerHeight };
  }

  /** What new windows keep off: the map's layer panel. */
  function obstacles(): Obstacle[] {
    if (typeof document === 'undefined') return [];
    return [...document.querySelectorAll('[data-map-layers]')].map((element) => element.getBoundingClientRect());
  }

  /** The open window opened last (or, when it is closed, the one in front), the one a new window cascades from. */
  function lastOpen(except: WindowId): WindowState | undefined {
    if (lastOpened && lastOpened !== except && windows[lastOpened]?.open) return windows[lastOpened];
    return Object.entries(windows)
      .filter(([other, candidate]) => other !== except && candidate?.open)
      .map(([, candidate]) => candidate as WindowState)
      .sort((a, b) => b.z - a.z)[0];
  }

  /**
   * Opens `id` in front. A window opened for the first time, or whose
   * remembered place another open window covers exactly, cascades from the
   * last one opened and keeps off the layer panel; any window is fitted in
   * the viewport (it may have been remembered on a larger screen).
   */
  function open(id: WindowId): void {
    const fresh = windows[id] === undefined;
    const current = state(id);
    const covered = Object.entries(windows).some(
      ([other, candidate]) => other !== id && candidate?.open && Math.abs(candidate.x - current.x) < 8 && Math.abs(candidate.y - current.y) < 8,
    );
    const geometry =
      fresh || covered
        ? placeWindow({ width: current.width, height: current.height }, { viewport: viewport(), top: toolbarHeight.value, last: lastOpen(id), obstacles: obstacles() })
        : fitGeometry(current, viewport(), toolbarHeight.value);
    Object.assign(current, geometry, { open: true, z: topZ() + 1 });
    lastOpened = id;
  }

  /** Fits every open window in the viewport again (after the browser window or the toolbar changed size). */
  function fitAll(): void {
    for (const current of Object.values(windows)) {
      if (!current?.open) continue;
      const fitted = fitGeometry(current, viewport(), toolbarHeight.value);
      if (fitted.x !== current.x || fitted.y !== current.y || fitted.width !== current.width || fitted.height !== current.height) Object.assign(current, fitted);
    }
  }

  function close(id: WindowId): void {
    state(id).open = false;
  }

  function toggle(id: WindowId): void {
    if (windows[id]?.open) close(id);
    else open(id);
  }

  function raise(id: WindowId): void {
    const current = state(id);
    if (current.z !== topZ()) current.z = topZ() + 1;
  }

  function place(id: WindowId, geometry: WindowGeometry): void {
    Object.assign(state(id), geometry);
  }

  const isOpen = (id: WindowId) => windows[id]?.open === true;

  watch(windows, () => storage?.setItem(WINDOWS_STORAGE_KEY, JSON.stringify(windows)), { deep: true });

  return { windows, state, open, close, toggle, raise, place, isOpen, fitAll, toolbarHeight };
});
