/**
 * The game's chat colours. A chat line's `color` is the client's chat message
 * type (0 broadcast, 2 speech, 3 tell, 18 allegiance, 27 General, 28 Trade ...),
 * each drawn in the client in one colour; these are those colours, for a dark
 * background like the game's chat window.
 */

const GREEN = '#7fff7e';
const YELLOW = '#ffff3e';
const DULL_YELLOW = '#cccc60';
const RED = '#ff3e3e';
const BLUE = '#3ebeff';
const CHANNEL_BLUE = '#b4dcef';

/** Colour of each chat message type, by its index. */
export const CHAT_PALETTE: Readonly<Record<number, string>> = {
  0: GREEN, // broadcast
  2: '#ffffff', // speech (local)
  3: YELLOW, // tell
  4: DULL_YELLOW, // outgoing tell
  5: '#ff7eff', // system
  6: RED, // combat
  7: BLUE, // magic
  8: '#ffa8d0', // channel (admin and audit channels)
  9: '#f0c8d8', // outgoing channel
  10: YELLOW, // social
  11: DULL_YELLOW, // outgoing social
  12: '#d2d2c7', // emote
  13: '#3edcdc', // advancement
  14: '#9ee6ff', // abuse
  15: RED, // help
  16: GREEN, // appraisal
  17: BLUE, // spellcasting
  18: '#ed921e', // allegiance
  19: YELLOW, // fellowship
  20: GREEN, // world broadcast
  21: RED, // combat, enemy
  22: '#f47571', // combat, self
  23: GREEN, // recall
  24: GREEN, // craft
  25: GREEN, // salvaging
  27: CHANNEL_BLUE, // General
  28: CHANNEL_BLUE, // Trade
  29: CHANNEL_BLUE, // LFG
  30: CHANNEL_BLUE, // Roleplay
  31: YELLOW, // admin tell
  32: CHANNEL_BLUE, // Olthoi
  33: CHANNEL_BLUE, // Society
};

/** The message type a channel's lines have when the plugin sent no colour. */
const CHANNEL_TYPES: Readonly<Record<string, number>> = {
  general: 27,
  trade: 28,
  lfg: 29,
  roleplay: 30,
  society: 33,
  allegiance: 18,
  fellowship: 19,
  tell: 3,
  local: 2,
};

/** Lines of no known type or channel: the dashboard's own text colour. */
export const DEFAULT_CHAT_COLOR = 'var(--text)';

/** The colour to draw a line in: its colour index if known, else its channel's, else the default. */
export function chatColor(color: number | null | undefined, channel: string): string {
  const byIndex = color == null ? undefined : CHAT_PALETTE[color];
  if (byIndex) return byIndex;
  const type = CHANNEL_TYPES[channel.toLowerCase()];
  return (type === undefined ? undefined : CHAT_PALETTE[type]) ?? DEFAULT_CHAT_COLOR;
}
