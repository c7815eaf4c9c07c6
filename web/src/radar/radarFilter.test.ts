import { describe, expect, it } from 'vitest';
import { recallHidden } from './radarFilter';

describe('recallHidden', () => {
  it('reads the stored kinds, dropping unknown ones and anything unreadable', () => {
    expect([...recallHidden('["corpse","monster","dragon"]')]).toEqual(['monster', 'corpse']);
    expect([...recallHidden(null)]).toEqual([]);
    expect([...recallHidden('{"monster":true}')]).toEqual([]);
    expect([...recallHidden('not json')]).toEqual([]);
  });
});
