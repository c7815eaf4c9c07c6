import { describe, expect, it } from 'vitest';
import { CountdownClock } from '../components/countdown';
import { orderSkills, questTimers } from './character';

describe('orderSkills', () => {
  it('lists specialized, then trained, then untrained, then unreported skills, each by name', () => {
    const skills = [
      { name: 'War Magic', training: 'Untrained' },
      { name: 'Healing', training: 'Specialized' },
      { name: 'Alchemy', training: 'Trained' },
      { name: 'Jump', training: null },
      { name: 'Arcane Lore', training: 'Trained' },
      { name: 'Melee Defense', training: 'Specialized' },
    ];
    expect(orderSkills(skills).map((skill) => skill.name)).toEqual(['Healing', 'Melee Defense', 'Alchemy', 'Arcane Lore', 'War Magic', 'Jump']);
  });
});

describe('questTimers', () => {
  const quests = [
    { name: 'Colosseum Arena', availableInSeconds: 22002 },
    { name: 'Bellas Vault', availableInSeconds: 0 },
    { name: 'Stipend', availableInSeconds: null },
    { name: 'Drudge Hideout Chest', availableInSeconds: 60 },
    { name: 'Aerbax', availableInSeconds: 0 },
  ];

  it('orders ready timers first, then by time left, unknown ones last', () => {
    const timers = questTimers('Belsandre', quests, new CountdownClock(), 0);
    expect(timers.map((timer) => [timer.quest.name, timer.remaining])).toEqual([
      ['Aerbax', 0],
      ['Bellas Vault', 0],
      ['Drudge Hideout Chest', 60],
      ['Colosseum Arena', 22002],
      ['Stipend', null],
    ]);
  });

  it('counts down between refreshes of the same report', () => {
    const clock = new CountdownClock();
    questTimers('Belsandre', quests, clock, 0);
    const later = questTimers('Belsandre', quests, clock, 61_000);
    expect(later.map((timer) => [timer.quest.name, timer.remaining])).toEqual([
      ['Aerbax', 0],
      ['Bellas Vault', 0],
      ['Drudge Hideout Chest', 0],
      ['Colosseum Arena', 21941],
      ['Stipend', null],
    ]);
  });
});
