/**
 * Portals seen in the last hour (the graph's `portals`), read again every
 * {@link PORTAL_REFRESH_MS}: a violet ring each, named on hover.
 */
import { CircleMarker, LayerGroup } from 'leaflet';
import { watch } from 'vue';
import { MapPortalsDocument } from '../graph/generated/graphql';
import { useQuery } from '../graph/use';
import { formatCoordinates } from '@lifestone/lib/game/coordinates';
import type { MapLayerSettings } from './mapLayers';
import { showLayer, type MapRef } from './showLayer';
import { tooltipContent } from './tooltips';

/** How often portals are read again. */
export const PORTAL_REFRESH_MS = 60_000;

export function usePortalLayer(map: MapRef, settings: MapLayerSettings): void {
  const portals = useQuery(MapPortalsDocument, {}, { pollMs: PORTAL_REFRESH_MS, pause: () => !settings.portals });
  const group = new LayerGroup();
  showLayer(map, group, () => settings.portals);
  watch(portals.data, (data) => {
    group.clearLayers();
    for (const portal of data?.portals ?? []) {
      const { ns, ew } = portal.position;
      new CircleMarker([ns, ew], { radius: 5, color: '#b083f0', weight: 2, fillColor: '#b083f0', fillOpacity: 0.25 })
        .bindTooltip(tooltipContent(portal.name, formatCoordinates(ns, ew), `last seen by ${portal.lastSeenBy}`), { direction: 'top', offset: [0, -6] })
        .addTo(group);
    }
  });
}
