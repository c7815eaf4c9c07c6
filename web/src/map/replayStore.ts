/**
 * The map's replay mode: while it is on, the character layer draws the
 * fleet where it was at the slider's time instead of where it is now. The
 * store holds the samples (`ReplayBar.vue` reads them), the clock, and the
 * replayed characters in a plain `Map` like the live fleet's, with a
 * `version` bumped on every change.
 */
import { defineStore } from 'pinia';
import { markRaw, shallowRef } from 'vue';
import type { FleetCharacter } from '../fleet/fleet';
import { latestWithData, play, replayedFleet, seek, startClock, tick, type ReplayClock, type ReplayData, type ReplaySpeed } from './replay';

export const useReplayStore = defineStore('replay', () => {
  /** Whether the map shows the past (the replay bar is open) rather than the live fleet. */
  const active = shallowRef(false);
  const clock = shallowRef<ReplayClock>();
  const characters = markRaw(new Map<string, FleetCharacter>());
  /** Bumped whenever the replayed characters changed. */
  const version = shallowRef(0);
  let data: ReplayData | undefined;
  let frame = 0;
  let lastFrameAt = 0;

  function show(): void {
    characters.clear();
    if (data && clock.value) for (const character of replayedFleet(data, clock.value.time)) characters.set(character.name, character);
    version.value += 1;
  }

  function setClock(next: ReplayClock): void {
    const moved = next.time !== clock.value?.time;
    clock.value = next;
    if (moved) show();
    if (next.playing && !frame) {
      lastFrameAt = performance.now();
      frame = requestAnimationFrame(animate);
    }
  }

  function animate(now: number): void {
    frame = 0;
    if (!clock.value?.playing) return;
    const elapsed = now - lastFrameAt;
    lastFrameAt = now;
    setClock(tick(clock.value, elapsed));
  }

  function stop(): void {
    cancelAnimationFrame(frame);
    frame = 0;
  }

  return {
    active,
    clock,
    characters,
    version,
    /** Opens the replay bar; the map keeps the live fleet until samples are loaded. */
    open(): void {
      active.value = true;
    },
    /** Takes a window of samples, paused at its most recent moment with a character in it. */
    load(samples: ReplayData, from: number, to: number): void {
      stop();
      data = samples;
      clock.value = undefined;
      setClock(startClock(from, to, latestWithData(samples)));
    },
    seek: (time: number) => clock.value && setClock(seek(clock.value, time)),
    play: () => clock.value && setClock(play(clock.value)),
    pause: () => clock.value && setClock({ ...clock.value, playing: false }),
    setSpeed: (speed: ReplaySpeed) => clock.value && setClock({ ...clock.value, speed }),
    /** Back to live: the map shows the live fleet again. */
    close(): void {
      stop();
      active.value = false;
      data = undefined;
      clock.value = undefined;
      show();
    },
  };
});
