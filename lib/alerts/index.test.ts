import { describe, expect, it } from 'vitest';
import { alertCoordinates, alertSummary, type StoredAlert } from './index.js';

const death: StoredAlert = {
  id: '7',
  type: 'DEATH',
  character_name: 'Alice',
  occurred_at: '2026-11-24T23:00:00.000Z',
  created_at: '2026-11-24T23:00:00.100Z',
  ew: 12,
  ns: 30,
  z: 64,
  landblock: null,
  detail: { deaths: 1 },
};

describe('an alert as a person reads it', () => {
  it("places a Minecraft player's death in block coordinates", () => {
    const alert = { ...death, game: 'MINECRAFT' } as const;
    expect(alertSummary(alert)).toBe('Alice died at x 12, y 64, z -30');
    expect(alertCoordinates(alert)).toBe('x 12, y 64, z -30');
  });

  it("places an Asheron's Call death, or one whose character's game is not known, in Dereth's coordinates", () => {
    expect(alertSummary({ ...death, character_name: 'Vexor', game: 'ASHERONS_CALL' })).toBe('Vexor died at 30.0N, 12.0E');
    expect(alertSummary({ ...death, character_name: 'Vexor' })).toBe('Vexor died at 30.0N, 12.0E');
    expect(alertCoordinates({ ...death, game: null })).toBe('30.0N, 12.0E');
  });

  it('says nothing of a place when none was reported', () => {
    const alert = { ...death, game: 'MINECRAFT', ew: null, ns: null, z: null } as const;
    expect(alertSummary(alert)).toBe('Alice died');
    expect(alertCoordinates(alert)).toBeNull();
  });
});
