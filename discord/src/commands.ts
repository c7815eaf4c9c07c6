import { EmbedBuilder, SlashCommandBuilder, type ChatInputCommandInteraction, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ALERT_TYPES } from '@lifestone/lib/alerts';
import { formatPlace, type Game } from '@lifestone/lib/game/coordinates';
import type { GraphRequest } from '@lifestone/lib/graph-client';
import { ALERT_VIEW_FIELDS, dashboardLink, lookalikeField, shown, type AlertView } from './embeds.js';

/** The slash commands, registered at start: questions to the fleet, answered from the graph with the bot's token. */
export const COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  new SlashCommandBuilder().setName('status').setDescription('How many characters are online, and whether the game servers are up').toJSON(),
  new SlashCommandBuilder().setName('whois').setDescription("A character's state, position, vitals and session kills")
    .addStringOption((option) => option.setName('character').setDescription('Character name, exactly as the game spells it').setRequired(true).setMaxLength(64)).toJSON(),
  new SlashCommandBuilder().setName('where').setDescription('Where a character is')
    .addStringOption((option) => option.setName('character').setDescription('Character name, exactly as the game spells it').setRequired(true).setMaxLength(64)).toJSON(),
  new SlashCommandBuilder().setName('rares').setDescription('Rares found lately')
    .addIntegerOption((option) => option.setName('hours').setDescription('How far back (1 to 168 hours; 24 unless given)').setMinValue(1).setMaxValue(168)).toJSON(),
  new SlashCommandBuilder().setName('alerts').setDescription('Alerts lately')
    .addStringOption((option) => option.setName('type').setDescription('Only this kind').addChoices(...ALERT_TYPES.map((type) => ({ name: type.toLowerCase().replace('_', ' '), value: type }))))
    .addIntegerOption((option) => option.setName('hours').setDescription('How far back (1 to 168 hours; 24 unless given)').setMinValue(1).setMaxValue(168)).toJSON(),
];

/** Lines an answer lists at most; the rest are counted. */
const LIST_MAX = 15;
const HOUR_MS = 3_600_000;

const STATUS = `query Status { livePlayers { name } serverStatus { server status players checkedAt } }`;
const WHOIS = `query Whois($name: String!) {
  character(name: $name) {
    name game lookalikes online lastSeen state position { ew ns z landblock } vitals { healthPct staminaPct manaPct vitaePct }
    sessionCounters { kills deaths rares killsPerHour }
  }
}`;
// Answers read the newest 25 rows (within the gateway's query cost at its strictest) and say `25+` when there are more.
const RARES = `query Rares($since: DateTime!) { rares(since: $since, first: 25) { time character name tier } }`;
const ALERTS = `query RecentAlerts($types: [AlertType!], $since: DateTime!) { alerts(types: $types, since: $since, first: 25) { edges { node { ${ALERT_VIEW_FIELDS} } } } }`;

interface Whois {
  character: {
    name: string; game: Game; lookalikes: string[]; online: boolean; lastSeen: string | null; state: string | null;
    position: { ew: number; ns: number; z: number; landblock: string | null } | null;
    vitals: { healthPct: number; staminaPct: number; manaPct: number; vitaePct: number } | null;
    sessionCounters: { kills: number | null; deaths: number | null; rares: number | null; killsPerHour: number | null } | null;
  } | null;
}

const ago = (iso: string): string => `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
const listed = (lines: string[], total: number): string => `${lines.slice(0, LIST_MAX).join('\n')}${total > LIST_MAX ? `\n…and ${total - LIST_MAX} more` : ''}`;

/** An answer to a slash command. */
export type Answer = { content: string } | { embeds: EmbedBuilder[] };

/** Answers one slash command from the graph. */
export async function answer(interaction: ChatInputCommandInteraction, graph: GraphRequest, publicUrl: string): Promise<Answer> {
  const hours = interaction.options.getInteger('hours') ?? 24;
  const since = new Date(Date.now() - hours * HOUR_MS).toISOString();
  switch (interaction.commandName) {
    case 'status': {
      const { livePlayers, serverStatus } = await graph<{ livePlayers: { name: string }[]; serverStatus: { server: string; status: string; players: number | null; checkedAt: string }[] }>(STATUS);
      const servers = serverStatus.map((server) => `${server.status === 'UP' ? '🟢' : server.status === 'DOWN' ? '🔴' : '⚪'} **${shown(server.server)}** ${server.status.toLowerCase()}${server.players === null ? '' : `, ${server.players} players`} (checked ${ago(server.checkedAt)})`);
      return { embeds: [new EmbedBuilder().setTitle(`${livePlayers.length} ${livePlayers.length === 1 ? 'character' : 'characters'} online`).setDescription(servers.length ? servers.join('\n') : 'No game server is watched (LIFESTONE_GAME_SERVERS).')] };
    }
    case 'whois':
    case 'where': {
      const name = interaction.options.getString('character', true);
      const { character } = await graph<Whois>(WHOIS, { name });
      if (!character) return { content: `No character named **${shown(name)}** has ever reported. Names are exact, capitals included.` };
      const where = character.position ? `${formatPlace(character.game, character.position)}${character.position.landblock ? ` · ${character.position.landblock}` : ''}` : 'not reported yet';
      const seen = character.online ? 'online' : character.lastSeen ? `offline, last seen ${ago(character.lastSeen)}` : 'never seen';
      const embed = new EmbedBuilder().setTitle(character.name).setURL(dashboardLink(publicUrl, character.name)).addFields({ name: 'Where', value: where, inline: true }, { name: 'Status', value: seen, inline: true });
      if (character.lookalikes.length > 0) embed.addFields(lookalikeField(character.name, character.lookalikes));
      if (interaction.commandName === 'whois') {
        const { vitals, sessionCounters: counters } = character;
        embed.addFields({ name: 'State', value: character.state ? shown(character.state) : 'not reported', inline: true });
        if (vitals) embed.addFields({ name: 'Vitals', value: `❤️ ${Math.round(vitals.healthPct)}% · 💪 ${Math.round(vitals.staminaPct)}% · 🔮 ${Math.round(vitals.manaPct)}%${vitals.vitaePct > 0 ? ` · vitae ${Math.round(vitals.vitaePct)}%` : ''}` });
        if (counters) embed.addFields({ name: 'This session', value: `${counters.kills ?? 0} kills · ${counters.deaths ?? 0} deaths · ${counters.rares ?? 0} rares${counters.killsPerHour === null ? '' : ` · ${Math.round(counters.killsPerHour)} kills/h`}` });
      }
      return { embeds: [embed] };
    }
    case 'rares': {
      const { rares } = await graph<{ rares: { time: string; character: string; name: string; tier: 'GREAT' | 'COMMON' }[] }>(RARES, { since });
      if (rares.length === 0) return { content: `No rare found in the last ${hours} h.` };
      const lines = rares.map((rare) => `${rare.tier === 'GREAT' ? '💎' : '✨'} **${shown(rare.name)}** by ${shown(rare.character)} ${ago(rare.time)}`);
      return { embeds: [new EmbedBuilder().setTitle(`${rares.length === 25 ? '25+' : rares.length} rares in the last ${hours} h`).setDescription(listed(lines, rares.length))] };
    }
    case 'alerts': {
      const type = interaction.options.getString('type');
      const { alerts } = await graph<{ alerts: { edges: { node: AlertView }[] } }>(ALERTS, { types: type ? [type] : null, since });
      const nodes = alerts.edges.map((edge) => edge.node);
      if (nodes.length === 0) return { content: `No ${type ? `${type.toLowerCase().replace('_', ' ')} ` : ''}alert in the last ${hours} h.` };
      const lines = nodes.map((alert) => `${shown(alert.summary)} ${ago(alert.time)}`);
      return { embeds: [new EmbedBuilder().setTitle(`${nodes.length === 25 ? '25+' : nodes.length} ${type ? type.toLowerCase().replace('_', ' ') : ''} alerts in the last ${hours} h`.replace('  ', ' ')).setDescription(listed(lines, nodes.length))] };
    }
    default:
      return { content: `This bot does not know /${interaction.commandName}.` };
  }
}
