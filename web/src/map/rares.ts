/**
 * Rares as they are found: a marker that pulses, then fades over
 * {@link RARE_SHOWN_MS}; great rares are gold and larger, common ones teal.
 */
import { DivIcon, LayerGroup, Marker } from 'leaflet';
import { onScopeDispose, watch } from 'vue';
import { MapRaresDocument, type MapRaresSubscription } from '../graph/generated/graphql';
import { useSubscription } from '../graph/use';
import { formatCoordinates } from '@lifestone/lib/game/coordinates';
import type { MapLayerSettings } from './mapLayers';
import { showLayer, type MapRef } from './showLayer';
import { tooltipContent } from './tooltips';

/** How long a rare stays on the map (its marker fades out over this time). */
export const RARE_SHOWN_MS = 5 * 60_000;

const html = `<span style="animation-duration: 1.2s, ${RARE_SHOWN_MS}ms"></span>`;
const icons = {
  GREAT: new DivIcon({ className: 'lifestone-rare lifestone-rare-great', iconSize: [22, 22], html }),
  COMMON: new DivIcon({ className: 'lifestone-rare lifestone-rare-common', iconSize: [14, 14], html }),
} as const;

export function useRareLayer(map: MapRef, settings: MapLayerSettings): void {
  const group = new LayerGroup();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  showLayer(map, group, () => settings.rares);

  function show({ events }: MapRaresSubscription): void {
    const { payload, character } = events;
    if (payload.__typename !== 'RarePayload') return;
    const { ns, ew } = payload.position;
    const marker = new Marker([ns, ew], { icon: icons[payload.tier], keyboard: false, riseOnHover: true, zIndexOffset: payload.tier === 'GREAT' ? 1000 : 0 })
      .bindTooltip(tooltipContent(payload.name, `${payload.tier === 'GREAT' ? 'Great rare' : 'Common rare'} found by ${character}`, formatCoordinates(ns, ew)), {
        direction: 'top',
        offset: [0, -10],
      })
      .addTo(group);
    const timer = setTimeout(() => {
      timers.delete(timer);
      group.removeLayer(marker);
    }, RARE_SHOWN_MS);
    timers.add(timer);
  }

  useSubscription(MapRaresDocument, {}, show, { pause: () => !settings.rares });
  watch(
    () => settings.rares,
    (shown) => {
      if (shown) return;
      group.clearLayers();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  );
  onScopeDispose(() => timers.forEach(clearTimeout));
}
