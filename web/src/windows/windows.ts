/**
 * Which windows are open, where, and which is on top; remembered in
 * localStorage so that a reload puts every window back where the user left it.
 */
import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';
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

  function open(id: WindowId): void {
    Object.assign(state(id), { open: true, z: topZ() + 1 });
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

  return { windows, state, open, close, toggle, raise, place, isOpen };
});
