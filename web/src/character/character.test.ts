import { describe, expect, it } from 'vitest';
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
  const reportedAt = '2026-03-01T10:00:00.000Z';
  const quests = [
    { name: 'Colosseum Arena', availableInSeconds: 22002, reportedAt },
    { name: 'Bellas Vault', availableInSeconds: 0, reportedAt },
    { name: 'Stipend', availableInSeconds: null, reportedAt },
    { name: 'Drudge Hideout Chest', availableInSeconds: 60, reportedAt },
    { name: 'Aerbax', availableInSeconds: 0, reportedAt },
  ];

  it('orders ready timers first, then by time left, unknown ones last', () => {
    const timers = questTimers(quests, Date.parse(reportedAt));
    expect(timers.map((timer) => [timer.quest.name, timer.remaining])).toEqual([
      ['Aerbax', 0],
      ['Bellas Vault', 0],
      ['Drudge Hideout Chest', 60],
      ['Colosseum Arena', 22002],
      ['Stipend', null],
    ]);
  });

  it('counts down from when the plugin reported them', () => {
    const later = questTimers(quests, Date.parse(reportedAt) + 61_000);
    expect(later.map((timer) => [timer.quest.name, timer.remaining])).toEqual([
      ['Aerbax', 0],
      ['Bellas Vault', 0],
      ['Drudge Hideout Chest', 0],
      ['Colosseum Arena', 21941],
      ['Stipend', null],
    ]);
  });
});
