/**
 * Which map the dashboard shows (Dereth, or one Minecraft world: a server and
 * a dimension), and the Minecraft players the Minecraft map draws. The
 * players are read from `livePlayers(game: MINECRAFT)` every
 * {@link MINECRAFT_POLL_MS} while a component keeps the feed started: the
 * bridge reports a position at most every 2 s.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { MinecraftPlayersDocument, type MinecraftPlayersQuery } from '../graph/generated/graphql';
import { sharedFeed } from '../graph/shared';
import { useQuery } from '../graph/use';

/** The key of Dereth's map among the worlds. */
export const DERETH = 'dereth';

/** How often the Minecraft players are read. */
export const MINECRAFT_POLL_MS = 2_000;

export type MinecraftPlayer = MinecraftPlayersQuery['livePlayers'][number];

/** One Minecraft world the map can show. */
export interface MinecraftWorld {
  /** `server/dimension`, as ingest keys the world's blocks. */
  key: string;
  server: string;
  dimension: string;
  /** Live players in it now. */
  players: number;
}

/** The key of a player's world; undefined while the bridge has not named it. */
export function worldKeyOf(player: Pick<MinecraftPlayer, 'server' | 'dimension'>): string | undefined {
  return player.server ? `${player.server}/${player.dimension ?? 'overworld'}` : undefined;
}

/** A world key as its server and dimension. */
export function parseWorldKey(key: string): { server: string; dimension: string } {
  const slash = key.lastIndexOf('/');
  return { server: key.slice(0, slash), dimension: key.slice(slash + 1) };
}

export const useMapWorldStore = defineStore('mapWorld', () => {
  /** The map shown: {@link DERETH} or a world's key. */
  const shown = shallowRef<string>(DERETH);
  const players = shallowRef<readonly MinecraftPlayer[]>([]);
  /** Why the players could not be read, when the graph refused. */
  const problem = shallowRef<string>();

  /** The worlds with live players, by key, and the one shown even when it has none now. */
  const worlds = computed<MinecraftWorld[]>(() => {
    const byKey = new Map<string, MinecraftWorld>();
    const add = (key: string) => byKey.get(key) ?? byKey.set(key, { key, ...parseWorldKey(key), players: 0 }).get(key)!;
    for (const player of players.value) {
      const key = worldKeyOf(player);
      if (key) add(key).players += 1;
    }
    if (shown.value !== DERETH) add(shown.value);
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  });

  /** The live players of the world shown. */
  const playersShown = computed(() => players.value.filter((player) => worldKeyOf(player) === shown.value));

  function show(key: string): void {
    shown.value = key;
  }

  /** Keeps the players read until the returned function is called; callers share one poll. */
  const { start } = sharedFeed(() => {
    const live = useQuery(MinecraftPlayersDocument, {}, { pollMs: MINECRAFT_POLL_MS });
    watch(live.data, (data) => {
      if (data) players.value = data.livePlayers;
    });
    watch(live.error, (error) => (problem.value = error?.message));
  });

  return { shown, players, problem, worlds, playersShown, show, start };
});
