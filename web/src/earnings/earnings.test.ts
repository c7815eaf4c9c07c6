import { describe, expect, it } from 'vitest';
import { formatClock } from '../components/format';
import { goalEstimate, goalFormProblem, goalProgress, xpRateNote } from './earnings';

describe('rates and goals', () => {
  it('says when a goal is reached, will be, or will not at this rate', () => {
    expect(goalEstimate({ reachedAt: '2026-03-01T10:00:00.000Z', estimatedAt: null, reachable: true })).toBe('reached 1 Mar 2026, 10:00 UTC');
    expect(goalEstimate({ reachedAt: null, estimatedAt: '2026-03-02T21:05:00.000Z', reachable: true })).toBe('2 Mar 2026, 21:05 UTC');
    expect(goalEstimate({ reachedAt: null, estimatedAt: null, reachable: false })).toBe('not at this rate');
  });

  it('writes progress as a count, or a level of the target', () => {
    expect(goalProgress({ kind: 'EXPERIENCE', progress: 1_500_000, target: 3_000_000 })).toBe('1,500,000 / 3,000,000');
    expect(goalProgress({ kind: 'LEVEL', progress: 180, target: 200 })).toBe('level 180 of 200');
  });

  it('says what the form lacks before the graph is asked', () => {
    expect(goalFormProblem({ kind: 'RARES', target: '', monster: '' })).toBe('Enter a whole number above zero.');
    expect(goalFormProblem({ kind: 'RARES', target: '-2', monster: '' })).toBe('Enter a whole number above zero.');
    expect(goalFormProblem({ kind: 'RARES', target: '2.5', monster: '' })).toBe('Enter a whole number above zero.');
    expect(goalFormProblem({ kind: 'LEVEL', target: '276', monster: '' })).toBe("Asheron's Call stops at level 275.");
    expect(goalFormProblem({ kind: 'KILLS', target: '50', monster: ' ' })).toBe('Name the monster to count.');
    expect(goalFormProblem({ kind: 'KILLS', target: '50', monster: 'Drudge Slinker' })).toBeUndefined();
    expect(goalFormProblem({ kind: 'LEVEL', target: '275', monster: '' })).toBeUndefined();
  });

  it('says why experience per hour has no figure yet and when it will', () => {
    const now = Date.parse('2026-03-01T10:02:00.000Z');
    const due = '2026-03-01T10:10:30.000Z';
    const why = 'Experience and luminance come only in character sheets, which the plugin sends at login and every 10 minutes; a rate needs two';
    expect(xpRateNote({ xpPerHour: 1_200, xpSheets: 3, xpPerHourDueAt: null }, now)).toBeUndefined();
    expect(xpRateNote({ xpPerHour: null, xpSheets: 1, xpPerHourDueAt: due }, now)).toEqual({
      cell: 'in 9 min',
      sentence: `${why}; one has come. Their rates show from about ${formatClock(due)} (in 9 min).`,
    });
    expect(xpRateNote({ xpPerHour: null, xpSheets: 0, xpPerHourDueAt: due }, now)?.sentence).toBe(`${why}; none has come in this window yet. Their rates show from about ${formatClock(due)} (in 9 min).`);
    expect(xpRateNote({ xpPerHour: null, xpSheets: 1, xpPerHourDueAt: due }, Date.parse(due) + 1_000)).toEqual({
      cell: 'sheet late',
      sentence: `${why}; one has come, and the one due at ${formatClock(due)} has not: its plugin may have stopped.`,
    });
    expect(xpRateNote({ xpPerHour: null, xpSheets: 0, xpPerHourDueAt: null }, now)).toEqual({ cell: 'no sheet yet', sentence: `${why}, and this character has sent none.` });
  });
});
