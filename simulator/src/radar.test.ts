import { describe, expect, it } from 'vitest';
import { RADAR_INTERVAL_MS } from './character.js';
import { createFleet } from './fleet.js';

const START = Date.UTC(2025, 2, 14, 18, 0, 0);

describe('/radar start', () => {
  it('sends the radar at once, then every 5 s until /radar stop', () => {
    const [character] = createFleet({ characters: 1, seed: 3, start: START });
    if (!character) throw new Error('no character');
    character.loginFrames(START);
    character.framesUntil(START + 60_000);
    character.command('/radar start', START + 60_000);
    const radarTimes = (frames: ReturnType<typeof character.framesUntil>) =>
      frames.filter((frame) => frame.type === 'nearby_objects').map((frame) => Number(new Date(frame.timestamp)) - START);
    expect(radarTimes(character.framesUntil(START + 60_000 + 3 * RADAR_INTERVAL_MS))).toEqual([60_000, 65_000, 70_000, 75_000]);
    character.command('/radar stop', START + 76_000);
    expect(radarTimes(character.framesUntil(START + 90_000))).toEqual([]);
  });

  it('ignores commands it does not know', () => {
    const [a, b] = [createFleet({ characters: 1, seed: 3, start: START })[0], createFleet({ characters: 1, seed: 3, start: START })[0]];
    if (!a || !b) throw new Error('no character');
    a.loginFrames(START);
    b.loginFrames(START);
    a.command('/hop', START + 1_000);
    expect(a.framesUntil(START + 600_000)).toEqual(b.framesUntil(START + 600_000));
  });
});
