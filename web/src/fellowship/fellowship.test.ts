import { describe, expect, it } from 'vitest';
import { applyShare, FELLOWSHIP_WINDOW_MS, fellowshipsOf, mergeAnswer, type SharedReport } from './fellowship';

const bars = (health: number) => ({ healthPct: health, staminaPct: 50, manaPct: 40, vitaePct: 0 });
const report = (group: string, health: number, time: number): SharedReport => ({ group, vitals: bars(health), time });

describe('fellowships', () => {
  it('keep the newest report of each character, in its last group only', () => {
    let reports = new Map<string, SharedReport>();
    reports = applyShare(reports, 'Mira', report('Iron Wolves', 90, 1_000));
    reports = applyShare(reports, 'Bael', report('Iron Wolves', 80, 1_000));
    reports = applyShare(reports, 'Mira', report('Iron Wolves', 70, 2_000));
    reports = applyShare(reports, 'Mira', report('Iron Wolves', 10, 1_500));
    reports = applyShare(reports, 'Bael', report('Ash Hounds', 60, 3_000));
    expect(fellowshipsOf(reports)).toEqual([
      { name: 'Ash Hounds', members: [{ name: 'Bael', ...report('Ash Hounds', 60, 3_000) }] },
      { name: 'Iron Wolves', members: [{ name: 'Mira', ...report('Iron Wolves', 70, 2_000) }] },
    ]);
  });

  it("list the selected character's fellowship first, members by name", () => {
    const reports = new Map([
      ['Zed', report('Iron Wolves', 1, 1)],
      ['Ann', report('Iron Wolves', 2, 1)],
      ['Bael', report('Ash Hounds', 3, 1)],
    ]);
    expect(fellowshipsOf(reports, 'Zed').map((group) => [group.name, group.members.map((member) => member.name)])).toEqual([
      ['Iron Wolves', ['Ann', 'Zed']],
      ['Ash Hounds', ['Bael']],
    ]);
  });

  it('take an answer, keeping newer events and recent reports it does not hold yet', () => {
    const now = 10 * FELLOWSHIP_WINDOW_MS;
    const held = new Map([
      ['Mira', report('Iron Wolves', 70, now - 1_000)],
      ['Bael', report('Iron Wolves', 80, now - 20_000)],
      ['Old', report('Iron Wolves', 80, now - FELLOWSHIP_WINDOW_MS - 1)],
      ['New', report('Ash Hounds', 80, now - 2_000)],
    ]);
    const answer = new Map([
      ['Mira', report('Iron Wolves', 60, now - 5_000)],
      ['Bael', report('Iron Wolves', 50, now - 4_000)],
    ]);
    expect(mergeAnswer(held, answer, now)).toEqual(
      new Map([
        ['Mira', report('Iron Wolves', 70, now - 1_000)],
        ['Bael', report('Iron Wolves', 50, now - 4_000)],
        ['New', report('Ash Hounds', 80, now - 2_000)],
      ]),
    );
  });
});
