import { describe, expect, it } from 'vitest';
import { commandProblem } from './command';

describe('commandProblem', () => {
  it('accepts a game command', () => {
    expect(commandProblem('/radar start')).toBeUndefined();
    expect(commandProblem('/')).toBeUndefined();
    expect(commandProblem(`/${'a'.repeat(199)}`)).toBeUndefined();
  });

  it('explains what the graph would refuse', () => {
    expect(commandProblem('radar start')).toBe('A game command starts with /, e.g. /radar start.');
    expect(commandProblem('')).toBe('A game command starts with /, e.g. /radar start.');
    expect(commandProblem(`/${'a'.repeat(200)}`)).toBe('A command has at most 200 characters (this one has 201).');
    expect(commandProblem('/say hi\nthere')).toBe('A command cannot hold control characters (tabs, line breaks).');
    expect(commandProblem('/say\thi')).toBe('A command cannot hold control characters (tabs, line breaks).');
  });
});
