import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';

/** The current time in ms, ticking every `intervalMs` (@default 1000) while the calling scope lives: for "4 s ago" and countdowns. */
export function useNow(intervalMs = 1000): ShallowRef<number> {
  const now = shallowRef(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
