import type { Layer, Map as LeafletMap } from 'leaflet';
import { onScopeDispose, watch, type ShallowRef } from 'vue';

/** The map once it is created (LiveMap creates it on mount). */
export type MapRef = Readonly<ShallowRef<LeafletMap | undefined>>;

/** Keeps `layer` on the map while `visible()` holds, and takes it off when the calling scope ends. */
export function showLayer(map: MapRef, layer: Layer, visible: () => boolean): void {
  watch(
    [map, visible],
    ([current, shown]) => {
      if (current && shown) layer.addTo(current);
      else layer.remove();
    },
    { immediate: true },
  );
  onScopeDispose(() => layer.remove());
}
