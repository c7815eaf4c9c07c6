/**
 * Trails: the line behind a character over the last few minutes.
 *
 * By default only the selected character's trail is drawn: 10 minutes of
 * telemetry every 2 s is 300 points per character, and a thousand of them is
 * a 300,000-point query every refresh. "All" draws every live character's
 * trail while the fleet is at most {@link ALL_TRAILS_LIMIT} strong (the
 * selected one's otherwise). Trails are read every {@link TRAIL_REFRESH_MS}
 * and extended from the live feed in between; recalls and portals break them
 * (see trailSegments.ts).
 */
import { LayerGroup, Polyline } from 'leaflet';
import { computed, watch, type ComputedRef } from 'vue';
import { useFleetStore } from '../fleet/fleet';
import { MapTrailDocument, MapTrailsDocument } from '../graph/generated/graphql';
import { useQuery } from '../graph/use';
import { useSelectionStore } from '../selection/selection';
import type { MapLayerSettings } from './mapLayers';
import { trailRuns } from './trailSegments';
import { showLayer, type MapRef } from './showLayer';

/** "All" trails are drawn up to this many live characters. */
export const ALL_TRAILS_LIMIT = 100;

/** How often trails are read again. */
export const TRAIL_REFRESH_MS = 15_000;

/** How often trails are extended from the live feed. */
const EXTEND_MS = 1_000;

/** Draws trails as `settings` say; `allAvailable` tells whether the fleet is small enough for "all". */
export function useTrailLayer(map: MapRef, settings: MapLayerSettings): { allAvailable: ComputedRef<boolean> } {
  const fleet = useFleetStore();
  const selection = useSelectionStore();
  const allAvailable = computed(() => fleet.count <= ALL_TRAILS_LIMIT);
  const all = computed(() => settings.trails && settings.trailScope === 'all' && allAvailable.value);
  const one = useQuery(MapTrailDocument, () => ({ name: selection.selected ?? '', minutes: settings.trailMinutes }), {
    pollMs: TRAIL_REFRESH_MS,
    pause: () => !settings.trails || all.value || !selection.selected,
  });
  const many = useQuery(MapTrailsDocument, () => ({ minutes: settings.trailMinutes }), { pollMs: TRAIL_REFRESH_MS, pause: () => !all.value });

  const others = new Polyline([], { color: '#c9d1d9', weight: 1.5, opacity: 0.35, interactive: false });
  const selectedTrail = new Polyline([], { color: '#46c2a8', weight: 2.5, opacity: 0.9, interactive: false });
  const group = new LayerGroup([others, selectedTrail]);
  showLayer(map, group, () => settings.trails);

  /** Each drawn trail by character, oldest point first. */
  let trails = new Map<string, Array<[number, number]>>();

  function render(): void {
    const chosen = selection.selected;
    selectedTrail.setLatLngs(trailRuns((chosen && trails.get(chosen)) || []));
    others.setLatLngs([...trails].filter(([name]) => name !== chosen).flatMap(([, points]) => trailRuns(points)));
  }

  watch([one.data, many.data, all, () => selection.selected], () => {
    const selected = one.data.value?.character;
    const read = all.value ? (many.data.value?.livePlayers ?? []) : selected && selected.name === selection.selected ? [selected] : [];
    trails = new Map(read.map(({ name, trail }) => [name, trail.map(({ position }): [number, number] => [position.ns, position.ew])]));
    render();
  });

  let extended = 0;
  watch(
    () => fleet.version,
    () => {
      if (!settings.trails || Date.now() - extended < EXTEND_MS) return;
      extended = Date.now();
      let grew = false;
      for (const [name, points] of trails) {
        const now = fleet.characters.get(name);
        const last = points.at(-1);
        if (now && (!last || last[0] !== now.ns || last[1] !== now.ew)) {
          points.push([now.ns, now.ew]);
          grew = true;
        }
      }
      if (grew) render();
    },
  );

  return { allAvailable };
}
