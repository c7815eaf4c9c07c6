import { EmbedBuilder, escapeMarkdown } from 'discord.js';
import type { AlertType } from '@lifestone/lib/alerts';

/** An alert as the bot reads it from the graph. */
export interface AlertView {
  id: string;
  cursor: string;
  type: AlertType;
  character: string;
  /** Other characters whose names look like `character`'s (the graph's `Alert.characterLookalikes`). */
  characterLookalikes: string[];
  time: string;
  summary: string;
  coordinates: string | null;
  position: { landblock: string | null } | null;
  rare: { name: string; tier: 'GREAT' | 'COMMON' } | null;
  chat: string | null;
  idleSince: string | null;
  lastSeen: string | null;
}

/** The fields the bot asks the graph for, for `AlertView`. */
export const ALERT_VIEW_FIELDS = 'id cursor type character characterLookalikes time summary coordinates position { landblock } rare { name tier } chat idleSince lastSeen';

const LOOK: Record<AlertType, { icon: string; colour: number; plural: string }> = {
  DEATH: { icon: '💀', colour: 0xc0392b, plural: 'deaths' },
  IDLE: { icon: '💤', colour: 0xe67e22, plural: 'idle characters' },
  IDLE_ENDED: { icon: '▶️', colour: 0x27ae60, plural: 'characters active again' },
  VORTEX: { icon: '🌪️', colour: 0x8e44ad, plural: 'vortex warnings' },
  RARE: { icon: '💎', colour: 0x2980b9, plural: 'rares' },
  OFFLINE: { icon: '📴', colour: 0x7f8c8d, plural: 'characters gone silent' },
  GOAL_REACHED: { icon: '🏁', colour: 0x16a085, plural: 'goals reached' },
  LOOT: { icon: '💰', colour: 0xd4ac0d, plural: 'loot alerts' },
};

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits), kept under. */
const TITLE_MAX = 256;
const FIELD_MAX = 1024;
const SUMMARY_MAX = 3800;
/** Alerts a summary lists by name: more is a wall of text nobody reads at a glance. */
const SUMMARY_LINES = 20;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
/** Game text in Markdown: written by players, shown as written, never formatting or a mention. */
export const shown = (text: string): string => escapeMarkdown(text).replace(/@/g, '@\u200b');

/** The mark beside a name that looks like another character's. */
const LOOKALIKE_MARK = '⚠️';

/**
 * The field that warns a name looks like other characters' (`Bоb` with a
 * Cyrillic `о` beside `Bob`): a reader cannot tell them apart by eye.
 */
export function lookalikeField(character: string, lookalikes: readonly string[]): { name: string; value: string } {
  const others = lookalikes.map((name) => `**${shown(name)}**`).join(', ');
  return {
    name: `${LOOKALIKE_MARK} Name looks like another character's`,
    value: clip(`**${shown(character)}** is not ${others}: a different character whose name looks the same (other letters, e.g. Cyrillic, that look alike).`, FIELD_MAX),
  };
}

/** The dashboard, focused on a character. */
export function dashboardLink(publicUrl: string, character: string): string {
  const url = new URL(publicUrl);
  url.searchParams.set('character', character);
  return url.toString();
}

function titleOf(alert: AlertView): string {
  const who = alert.character;
  switch (alert.type) {
    case 'DEATH':
      return `${who} died`;
    case 'IDLE':
      return `${who} is idle`;
    case 'IDLE_ENDED':
      return `${who} is active again`;
    case 'VORTEX':
      return `Vortex warning near ${who}`;
    case 'RARE':
      return `${who} found ${alert.rare?.name ?? 'a rare'}`;
    case 'OFFLINE':
      return `${who} stopped reporting`;
    case 'GOAL_REACHED':
      return `${who} reached a goal`;
    case 'LOOT':
      return `${who} picked up loot`;
  }
}

function iconOf(alert: AlertView): string {
  return alert.type === 'RARE' && alert.rare?.tier === 'COMMON' ? '✨' : LOOK[alert.type].icon;
}

/** One alert as an embed: what happened, where, when, and a link to the character on the dashboard. */
export function alertEmbed(alert: AlertView, publicUrl: string): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setTitle(clip(`${iconOf(alert)} ${shown(titleOf(alert))}`, TITLE_MAX))
    .setURL(dashboardLink(publicUrl, alert.character))
    .setColor(alert.type === 'RARE' && alert.rare?.tier === 'GREAT' ? 0xf1c40f : LOOK[alert.type].colour)
    .setDescription(shown(alert.summary))
    // The id names the alert when people compare notes, and lets a check count what was delivered.
    .setFooter({ text: `Alert ${alert.id}` })
    .setTimestamp(new Date(alert.time));
  const where = alert.coordinates ? `${alert.coordinates}${alert.position?.landblock ? ` · ${alert.position.landblock}` : ''}` : 'not reported';
  embed.addFields({ name: 'Where', value: where, inline: true }, { name: 'When', value: `<t:${unix(alert.time)}:f> (<t:${unix(alert.time)}:R>)`, inline: true });
  if (alert.rare) embed.addFields({ name: 'Tier', value: alert.rare.tier === 'GREAT' ? 'Great' : 'Common', inline: true });
  if (alert.chat) embed.addFields({ name: 'Chat', value: clip(`> ${shown(alert.chat)}`, FIELD_MAX) });
  if (alert.idleSince) embed.addFields({ name: 'Idle since', value: `<t:${unix(alert.idleSince)}:t>`, inline: true });
  if (alert.characterLookalikes.length > 0) embed.addFields(lookalikeField(alert.character, alert.characterLookalikes));
  if (alert.lastSeen) embed.addFields({ name: 'Last report', value: `<t:${unix(alert.lastSeen)}:t> (<t:${unix(alert.lastSeen)}:R>)`, inline: true });
  return embed;
}

/**
 * Many alerts of one route as one embed: a headline ("50 deaths"), a line
 * each, as many as Discord takes, the rest counted.
 */
export function summaryEmbed(alerts: readonly AlertView[], publicUrl: string): EmbedBuilder {
  const types = new Set(alerts.map((alert) => alert.type));
  const first = alerts[0] as AlertView;
  const headline = types.size === 1 ? `${alerts.length} ${LOOK[first.type].plural}` : `${alerts.length} alerts`;
  const from = unix(first.time);
  const to = unix((alerts.at(-1) as AlertView).time);
  let description = from === to ? '' : `Between <t:${from}:t> and <t:${to}:t>:\n`;
  let listed = 0;
  for (const alert of alerts) {
    const mark = alert.characterLookalikes.length > 0 ? ` ${LOOKALIKE_MARK} looks like ${alert.characterLookalikes.map(shown).join(', ')};` : '';
    const line = `${iconOf(alert)} [${shown(alert.character)}](${dashboardLink(publicUrl, alert.character)})${mark} ${shown(alert.summary.startsWith(alert.character) ? alert.summary.slice(alert.character.length).trim() : alert.summary)} · <t:${unix(alert.time)}:t>\n`;
    if (listed === SUMMARY_LINES || description.length + line.length > SUMMARY_MAX) break;
    description += line;
    listed++;
  }
  if (listed < alerts.length) description += `…and ${alerts.length - listed} more: see the dashboard's Alerts window.`;
  return new EmbedBuilder()
    .setTitle(clip(`${LOOK[first.type].icon} ${headline}`, TITLE_MAX))
    .setColor(LOOK[first.type].colour)
    .setDescription(description)
    // Every alert of the route between these ids is in this summary, listed or counted.
    .setFooter({ text: `Alerts ${first.id} to ${(alerts.at(-1) as AlertView).id}` })
    .setTimestamp(new Date((alerts.at(-1) as AlertView).time));
}
