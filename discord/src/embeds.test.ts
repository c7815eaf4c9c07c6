import { describe, expect, it } from 'vitest';
import { alertEmbed, dashboardLink, summaryEmbed, type AlertView } from './embeds.js';

const PUBLIC_URL = 'https://lifestone.example.org';

function alert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: '7', cursor: 'YWxlcnQ6Nw', type: 'DEATH', character: 'Vexor', time: '2026-11-22T12:00:00.000Z',
    summary: 'Vexor died at 12.3N, 45.6E', coordinates: '12.3N, 45.6E', position: { landblock: '0xA9B40019' },
    rare: null, chat: null, idleSince: null, lastSeen: null, characterLookalikes: [],
    ...overrides,
  };
}

describe('alertEmbed', () => {
  it('says who, what, where and when, links to the character on the dashboard, and names the alert', () => {
    const embed = alertEmbed(alert(), PUBLIC_URL).toJSON();
    expect(embed).toEqual({
      title: '💀 Vexor died',
      url: 'https://lifestone.example.org/?character=Vexor',
      color: 0xc0392b,
      description: 'Vexor died at 12.3N, 45.6E',
      fields: [
        { name: 'Where', value: '12.3N, 45.6E · 0xA9B40019', inline: true },
        { name: 'When', value: '<t:1795348800:f> (<t:1795348800:R>)', inline: true },
      ],
      footer: { text: 'Alert 7' },
      timestamp: '2026-11-22T12:00:00.000Z',
    });
  });

  it('has a colour and an icon per type, gold for a great rare', () => {
    const look = (overrides: Partial<AlertView>) => {
      const { title, color } = alertEmbed(alert(overrides), PUBLIC_URL).toJSON();
      return [title?.split(' ')[0], color];
    };
    expect([
      look({ type: 'RARE', rare: { name: 'Pearl', tier: 'GREAT' } }),
      look({ type: 'RARE', rare: { name: 'Pearl', tier: 'COMMON' } }),
      look({ type: 'IDLE', idleSince: '2026-11-22T11:55:00.000Z' }),
      look({ type: 'IDLE_ENDED' }),
      look({ type: 'VORTEX', chat: 'whirlwind of vortexes' }),
      look({ type: 'OFFLINE', lastSeen: '2026-11-22T11:50:00.000Z' }),
    ]).toEqual([['💎', 0xf1c40f], ['✨', 0x2980b9], ['💤', 0xe67e22], ['▶️', 0x27ae60], ['🌪️', 0x8e44ad], ['📴', 0x7f8c8d]]);
  });

  it('shows game text as written: no formatting, no mention, a chat line within a field', () => {
    const embed = alertEmbed(alert({
      type: 'VORTEX', character: '*Bold*_One_', summary: '*Bold*_One_ saw a vortex warning', chat: `@everyone **run** <@&123> ${'x'.repeat(2000)}`,
    }), PUBLIC_URL).toJSON();
    expect(embed.title).toBe('🌪️ Vortex warning near \\*Bold\\*\\_One\\_');
    expect(embed.description).toBe('\\*Bold\\*\\_One\\_ saw a vortex warning');
    const chat = embed.fields?.find((field) => field.name === 'Chat')?.value ?? '';
    expect(chat.startsWith('> @\u200beveryone \\*\\*run\\*\\* <@\u200b&123>')).toBe(true);
    expect(chat.length).toBeLessThanOrEqual(1024);
    expect(embed.url).toBe('https://lifestone.example.org/?character=*Bold*_One_');
  });

  it('says where is unknown when the alert has no position', () => {
    const embed = alertEmbed(alert({ type: 'OFFLINE', coordinates: null, position: null, lastSeen: '2026-11-22T11:50:00.000Z' }), PUBLIC_URL).toJSON();
    expect(embed.fields).toContainEqual({ name: 'Where', value: 'not reported', inline: true });
    expect(embed.fields).toContainEqual({ name: 'Last report', value: '<t:1795348200:t> (<t:1795348200:R>)', inline: true });
  });
});

describe('summaryEmbed', () => {
  const deaths = (count: number): AlertView[] => Array.from({ length: count }, (_, n) => alert({
    id: String(100 + n), character: `Fallen ${n}`, summary: `Fallen ${n} died at 12.3N, 45.6E`, time: new Date(Date.parse('2026-11-22T12:00:00.000Z') + n * 1000).toISOString(),
  }));

  it('heads a storm with its count and lists each alert with a link', () => {
    const embed = summaryEmbed(deaths(6), PUBLIC_URL).toJSON();
    expect(embed.title).toBe('💀 6 deaths');
    expect(embed.description?.split('\n')[0]).toBe('Between <t:1795348800:t> and <t:1795348805:t>:');
    expect(embed.description).toContain('💀 [Fallen 0](https://lifestone.example.org/?character=Fallen+0) died at 12.3N, 45.6E · <t:1795348800:t>');
    expect(embed.footer).toEqual({ text: 'Alerts 100 to 105' });
  });

  it('marks a character whose name looks like another', () => {
    const [first, second] = deaths(2) as [AlertView, AlertView];
    const embed = summaryEmbed([first, { ...second, character: '\u0412ob', summary: '\u0412ob died at 12.3N, 45.6E', characterLookalikes: ['Bob'] }], PUBLIC_URL).toJSON();
    expect(embed.description).toContain('💀 [Fallen 0](https://lifestone.example.org/?character=Fallen+0) died at 12.3N, 45.6E');
    expect(embed.description).toContain('💀 [\u0412ob](https://lifestone.example.org/?character=%D0%92ob) ⚠️ looks like Bob; died at 12.3N, 45.6E');
  });

  it('lists 20 and counts the rest', () => {
    const embed = summaryEmbed(deaths(500), PUBLIC_URL).toJSON();
    expect(embed.title).toBe('💀 500 deaths');
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    const listed = embed.description!.split('\n').filter((line) => line.startsWith('💀')).length;
    expect(listed).toBe(20);
    expect(embed.description).toMatch(/…and 480 more: see the dashboard's Alerts window\.$/);
    expect(embed.footer).toEqual({ text: 'Alerts 100 to 599' });
  });

  it('counts mixed types as alerts', () => {
    expect(summaryEmbed([alert({ type: 'IDLE' }), alert({ type: 'IDLE_ENDED' })], PUBLIC_URL).toJSON().title).toBe('💤 2 alerts');
  });
});

describe('summaryEmbed limits', () => {
  it('stays within Discord limits however long the lines are', () => {
    const long = Array.from({ length: 20 }, (_, n) => alert({ id: String(n), character: `${'Long'.repeat(16)} ${n}`, summary: `${'Long'.repeat(16)} ${n} saw ${'x'.repeat(300)}` }));
    const embed = summaryEmbed(long, PUBLIC_URL).toJSON();
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toMatch(/…and \d+ more/);
  });
});

describe('dashboardLink', () => {
  it('keeps the public URL and its path, and encodes the name', () => {
    expect(dashboardLink('http://127.0.0.1:4000', "Ma'at Kin")).toBe("http://127.0.0.1:4000/?character=Ma%27at+Kin");
    expect(dashboardLink('https://example.org/lifestone/', 'A&B')).toBe('https://example.org/lifestone/?character=A%26B');
  });
});
