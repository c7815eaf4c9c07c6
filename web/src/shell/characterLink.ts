/**
 * `?character=<name>` in the dashboard's address (the Discord bot's embeds
 * link there): the page opens with that character selected and the map on
 * it. The map can only centre on a character it has live, which at page load
 * it has not yet: the focus is asked for again as soon as the character
 * shows up, unless the user chose another one meanwhile.
 */
import { onScopeDispose, watch } from 'vue';
import { useFleetStore } from '../fleet/fleet';
import { useSelectionStore } from '../selection/selection';

/** The longest name a link may carry (the plugin protocol's own limit is 64). */
const NAME_MAX = 64;
/** How long a linked character that is not live yet is waited for. */
export const LINK_WAIT_MS = 60_000;

/** The character a page address asks for, or undefined. */
export function linkedCharacter(search: string): string | undefined {
  const name = new URLSearchParams(search).get('character')?.trim();
  return name && name.length <= NAME_MAX ? name : undefined;
}

/** Selects and focuses the character of the page's address, if it names one, while the calling scope lives. */
export function useCharacterLink(search = window.location.search): void {
  const name = linkedCharacter(search);
  if (!name) return;
  const selection = useSelectionStore();
  const fleet = useFleetStore();
  selection.focus(name);
  if (fleet.characters.has(name)) return;
  const stop = watch(
    () => fleet.version,
    () => {
      if (selection.selected !== name) return done();
      if (fleet.characters.has(name)) {
        selection.focus(name);
        done();
      }
    },
  );
  const timer = setTimeout(() => done(), LINK_WAIT_MS);
  function done(): void {
    stop();
    clearTimeout(timer);
  }
  onScopeDispose(done);
}
