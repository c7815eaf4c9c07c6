/**
 * The game of the selected character, for the windows: those that show what
 * only Asheron's Call has (inventory, combat, dungeons, fellowships) say so
 * for a Minecraft player rather than showing nothing.
 */
import { computed, type ComputedRef } from 'vue';
import { CharacterGameDocument, type CharacterGameQuery } from '../graph/generated/graphql';
import { useQuery } from '../graph/use';
import { useSelectionStore } from '../selection/selection';

export type CharacterGame = NonNullable<CharacterGameQuery['character']>;

/** The selected character's game and place, refreshed every `pollMs` (default 5 s); undefined before it is known. */
export function useSelectedGame(pollMs = 5_000): ComputedRef<CharacterGame | undefined> {
  const selection = useSelectionStore();
  const query = useQuery(CharacterGameDocument, () => ({ name: selection.selected ?? '' }), { pause: () => !selection.selected, pollMs });
  return computed(() => {
    const character = query.data.value?.character;
    return character && character.name === selection.selected ? character : undefined;
  });
}
