import { describe, expect, it } from 'vitest';
import { stateCategory } from './states';

describe('state categories', () => {
  it('files VTank states under the colours the map knows', () => {
    expect(['Combat', 'Navigating', 'Idle', 'Dead', 'Buffing', 'combat ', '', null, undefined].map(stateCategory)).toEqual([
      'combat',
      'navigating',
      'idle',
      'dead',
      'other',
      'combat',
      'other',
      'other',
      'other',
    ]);
  });
});
