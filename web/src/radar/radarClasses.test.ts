import { describe, expect, it } from 'vitest';
import { RADAR_CLASSES, radarClassOf } from './radarClasses';

describe('radarClassOf', () => {
  it('maps the game object classes to the radar kinds, in any case', () => {
    expect(radarClassOf('Monster')).toBe('monster');
    expect(radarClassOf('Player')).toBe('player');
    expect(radarClassOf('Npc')).toBe('npc');
    expect(radarClassOf('Vendor')).toBe('npc');
    expect(radarClassOf('Portal')).toBe('portal');
    expect(radarClassOf('MeleeWeapon')).toBe('item');
    expect(radarClassOf('WandStaffOrb')).toBe('item');
    expect(radarClassOf('mana_stone')).toBe('item');
    expect(radarClassOf('Corpse')).toBe('corpse');
    expect(radarClassOf('door')).toBe('door');
    expect(radarClassOf('CONTAINER')).toBe('container');
  });

  it('puts unknown and missing classes under other', () => {
    expect(radarClassOf('Lifestone')).toBe('other');
    expect(radarClassOf('Housing')).toBe('other');
    expect(radarClassOf('')).toBe('other');
    expect(radarClassOf(null)).toBe('other');
    expect(radarClassOf(undefined)).toBe('other');
  });

  it('offers the eight kinds and other', () => {
    expect(RADAR_CLASSES).toEqual(['monster', 'player', 'npc', 'portal', 'item', 'corpse', 'door', 'container', 'other']);
  });
});
