/** The kinds the radar hides, remembered in localStorage across page loads. */
import { defineStore } from 'pinia';
import { shallowRef, watch } from 'vue';
import { RADAR_CLASSES, type RadarClass } from './radarClasses';

/** The localStorage key; bump the version when the shape changes. */
export const RADAR_FILTER_STORAGE_KEY = 'lifestone.radarFilter.v1';

/** The hidden kinds stored as `text` (a JSON list); anything unreadable or unknown is dropped. */
export function recallHidden(text: string | null): Set<RadarClass> {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    return new Set(Array.isArray(parsed) ? RADAR_CLASSES.filter((kind) => parsed.includes(kind)) : []);
  } catch {
    return new Set();
  }
}

export const useRadarFilterStore = defineStore('radarFilter', () => {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const hidden = shallowRef<ReadonlySet<RadarClass>>(recallHidden(storage?.getItem(RADAR_FILTER_STORAGE_KEY) ?? null));
  watch(hidden, (kinds) => storage?.setItem(RADAR_FILTER_STORAGE_KEY, JSON.stringify([...kinds])));

  /** Shows `kind` if hidden, hides it otherwise. */
  function toggle(kind: RadarClass): void {
    const next = new Set(hidden.value);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    hidden.value = next;
  }

  return { hidden, toggle };
});
