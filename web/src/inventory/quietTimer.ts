/**
 * Runs an action once things have been quiet for a while: every `poke`
 * restarts the wait. The Inventory window reads the inventory again this way
 * after a burst of changes (a loot pickup is several deltas in a row).
 */
export interface QuietTimer {
  /** Something happened: (re)start the wait. */
  poke(): void;
  /** Forget any pending run. */
  cancel(): void;
}

/** A {@link QuietTimer} that runs `action` `delayMs` after the last poke. */
export function createQuietTimer(delayMs: number, action: () => void): QuietTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    poke() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        action();
      }, delayMs);
    },
    cancel,
  };
}
