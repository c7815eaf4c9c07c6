/**
 * Which of the map's layers are shown and how, remembered in localStorage.
 */
import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';

/** Trail lengths offered, in minutes. */
export const TRAIL_MINUTES = [5, 10, 30, 60, 180] as const;

/** Heatmap windows offered, in hours. */
export const HEATMAP_HOURS = [1, 6, 24, 168] as const;

/** Whose trails are drawn: the selected character's, or every live character's (small fleets only). */
export type TrailScope = 'selected' | 'all';

/** The map's layer settings. */
export interface MapLayerSettings {
  trails: boolean;
  trailMinutes: number;
  trailScope: TrailScope;
  portals: boolean;
  heatmap: boolean;
  heatmapHours: number;
  rares: boolean;
  /** Dereth's towns, outposts and landmarks, named. */
  places: boolean;
}

/** The localStorage key; bump the version when the shape changes. */
export const MAP_LAYERS_STORAGE_KEY = 'lifestone.mapLayers.v1';

const DEFAULTS: MapLayerSettings = { trails: true, trailMinutes: 10, trailScope: 'selected', portals: true, heatmap: true, heatmapHours: 1, rares: true, places: true };

function recall(storage: Storage | undefined): MapLayerSettings {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(MAP_LAYERS_STORAGE_KEY) ?? '{}');
    return { ...DEFAULTS, ...(parsed && typeof parsed === 'object' ? (parsed as Partial<MapLayerSettings>) : {}) };
  } catch {
    return { ...DEFAULTS };
  }
}

export const useMapLayersStore = defineStore('mapLayers', () => {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const settings = reactive<MapLayerSettings>(recall(storage));
  watch(settings, () => storage?.setItem(MAP_LAYERS_STORAGE_KEY, JSON.stringify(settings)), { deep: true });
  return { settings };
});
