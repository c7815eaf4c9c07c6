import { describe, expect, it } from 'vitest';
import { parseFrame } from '@lifestone/lib/protocol';
import { createFleet } from './fleet.js';
import { frameTypes } from './frames.js';

const START = Date.UTC(2025, 2, 14, 18, 0, 0);

describe('the fleet speaks the wire protocol', () => {
  // Seed 9: this hour holds every frame type, rares (3) and dungeon maps (32) included.
  it('sends only frames that lib/protocol accepts, with no field it does not know', () => {
    const fleet = createFleet({ characters: 20, seed: 9, start: START });
    const refused: string[] = [];
    const unknownFields: string[] = [];
    const types = new Set<string>();
    const check = (frame: object): void => {
      const result = parseFrame(JSON.stringify(frame), new Date(START));
      if (!result.ok) {
        refused.push(`${result.error.code}: ${result.error.message}`);
        return;
      }
      types.add(result.frame.type);
      const extra = Object.keys(result.frame.extra);
      if (extra.length > 0) unknownFields.push(`${result.frame.type}: ${extra.join(', ')}`);
    };
    for (const character of fleet) character.loginFrames(START + character.index * 137).forEach(check);
    for (let t = START; t <= START + 3_600_000; t += 1_000) for (const character of fleet) character.tick(t, check);
    expect(refused.slice(0, 5)).toEqual([]);
    expect(unknownFields.slice(0, 5)).toEqual([]);
    expect([...types].sort()).toEqual([...frameTypes].sort());
  });
});
