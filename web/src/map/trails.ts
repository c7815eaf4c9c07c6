/**
 * Trails: the line behind a character over the last few minutes.
 *
 * By default only the selected character's trail is drawn: 10 minutes of
 * telemetry every 2 s is 300 points per character, and a thousand of them is
 * a 300,000-point query every refresh. "All" draws every live character's
 * trail while the fleet is at most {@link ALL_TRAILS_LIMIT} strong (the
 * selected one's otherwise). Trails are read every {@link TRAIL_REFRESH_MS}
 * and extended from the live feed in between; recalls and portals break them
 * (see trailSegments.ts). A trail ends where its dot is drawn, not at the
 * report the dot is still gliding to: the selected one's follows its dot
 * every frame, the others every time they are extended.
 */
import { LayerGroup, Polyline } from 'leaflet';
import { computed, watch, type ComputedRef } from 'vue';
import { useFleetStore } from '../fleet/fleet';
import { MapTrailDocument, MapTrailsDocument } from '../graph/generated/graphql';
import { useQuery } from '../graph/use';
import { useSelectionStore } from '../selection/selection';
import type { MapLayerSettings } from './mapLayers';
import { trailRuns, trailToDot } from './trailSegments';
import { showLayer, type MapRef } from './showLayer';

/** "All" trails are drawn up to this many live characters. */
export const ALL_TRAILS_LIMIT = 100;

/** How often trails are read again. */
export const TRAIL_REFRESH_MS = 15_000;

/** How often trails are extended from the live feed. */
const EXTEND_MS = 1_000;

/** Where the map draws a character's dot, and the report it glides to (FleetLayer's `drawnAt` and `glidesTo`). */
export interface DrawnDots {
  drawnAt(name: string): [number, number] | undefined;
  glidesTo(name: string): [number, number] | undefined;
}

/**
 * Draws trails as `settings` say, each ending at its dot in `dots`;
 * `allAvailable` tells whether the fleet is small enough for "all", and
 * `follow` (call it on every frame the map paints) brings the selected trail
 * up to its gliding dot.
 */
export function useTrailLayer(map: MapRef, settings: MapLayerSettings, dots: DrawnDots): { allAvailable: ComputedRef<boolean>; follow: () => void } {
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

  const toDot = (name: string, points: ReadonlyArray<[number, number]>) => trailToDot(points, dots.drawnAt(name), dots.glidesTo(name));
  /** The selected trail's end when last drawn, to redraw it only when its dot moved. */
  let selectedEnd: [number, number] | undefined;

  function renderSelected(): void {
    const chosen = selection.selected;
    const points = chosen ? toDot(chosen, trails.get(chosen) ?? []) : [];
    selectedEnd = points.at(-1);
    selectedTrail.setLatLngs(trailRuns(points));
  }

  function render(): void {
    renderSelected();
    others.setLatLngs([...trails].filter(([name]) => name !== selection.selected).flatMap(([name, points]) => trailRuns(toDot(name, points))));
  }

  function follow(): void {
    const chosen = selection.selected;
    if (!settings.trails || !chosen || !trails.has(chosen)) return;
    const end = toDot(chosen, trails.get(chosen) ?? []).at(-1);
    if (end && (end[0] !== selectedEnd?.[0] || end[1] !== selectedEnd[1])) renderSelected();
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

  return { allAvailable, follow };
}
