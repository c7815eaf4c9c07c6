/**
 * A character's radar and whereabouts, live: the last sweep and position
 * read, then every sweep (`events` of type NEARBY_OBJECTS) and every move
 * (`positions`, cell included) as the graph sends them, and read once more
 * when the sweeps' feed is live (a sweep published before it was, and
 * stored after the first read, is in neither). Shared by the Radar and
 * Dungeon map windows.
 */
import { computed, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import {
  CharacterWhereaboutsDocument,
  RadarSweepsDocument,
  RadarViewDocument,
  type RadarObjectFragment,
  type WhereaboutsFragment,
} from '../graph/generated/graphql';
import { useQuery, useSubscription } from '../graph/use';

/** One object a radar sweep saw. */
export type RadarObject = RadarObjectFragment;
/** Where the character is, its landblock cell included. */
export type Whereabouts = WhereaboutsFragment;

/** The radar counts as quiet when its last sweep is older than this (the plugin's radar sweeps every few seconds while started). */
export const RADAR_QUIET_MS = 60_000;

/** Whether a radar whose last sweep was observed at `sweptAt` (ms; undefined: never) is quiet at `now`. */
export function radarQuiet(sweptAt: number | undefined, now: number): boolean {
  return sweptAt === undefined || now - sweptAt > RADAR_QUIET_MS;
}

/** Keeps `name`'s radar sweep and position live while the calling scope lives; empty while `name` is undefined. */
export function useLiveRadar(name: MaybeRefOrGetter<string | undefined>) {
  const objects = shallowRef<readonly RadarObject[]>([]);
  /** When the character observed the sweep held (ms). */
  const sweptAt = shallowRef<number>();
  const position = shallowRef<Whereabouts>();
  let positionAt = -Infinity;

  const variables = computed(() => ({ name: toValue(name) ?? '' }));
  const paused = () => !toValue(name);

  function sweep(at: number, seen: readonly RadarObject[]): void {
    // An answer racing the feed never replaces a newer sweep.
    if (sweptAt.value !== undefined && at < sweptAt.value) return;
    sweptAt.value = at;
    objects.value = seen;
  }

  function move(at: number, where: Whereabouts): void {
    if (at < positionAt) return;
    positionAt = at;
    position.value = where;
  }

  watch(variables, () => {
    objects.value = [];
    sweptAt.value = undefined;
    position.value = undefined;
    positionAt = -Infinity;
  });

  const view = useQuery(RadarViewDocument, variables, { pause: paused });
  watch(view.data, (data) => {
    const character = data?.character;
    if (!character || character.name !== toValue(name)) return;
    if (character.nearbyObjectsTime) sweep(Date.parse(character.nearbyObjectsTime), character.nearbyObjects);
    if (character.position) move(character.positionTime ? Date.parse(character.positionTime) : 0, character.position);
  });

  useSubscription(
    RadarSweepsDocument,
    variables,
    ({ events }) => {
      if ('objects' in events.payload) sweep(Date.parse(events.time), events.payload.objects);
    },
    { pause: paused, catchUp: () => void view.refresh() },
  );
  useSubscription(
    CharacterWhereaboutsDocument,
    variables,
    ({ positions }) => {
      for (const entry of positions.positions) if (entry.character === toValue(name)) move(Date.parse(entry.time), entry.position);
    },
    { pause: paused },
  );

  return { objects, sweptAt, position, error: view.error, loaded: computed(() => view.data.value !== undefined) };
}
