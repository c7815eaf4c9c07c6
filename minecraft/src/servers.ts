/** One Minecraft server the bridge watches, from `LIFESTONE_MINECRAFT_SERVERS`. */
export interface MinecraftServer {
  /** The server's name in Lifestone (`survival`, `Creative 2`): 1 to 64 letters, digits, spaces, `.`, `_` or `-`. */
  name: string;
  host: string;
  port: number;
}

/** The form `LIFESTONE_MINECRAFT_SERVERS` must take, quoted in every refusal. */
export const MINECRAFT_SERVERS_FORM = 'name=host:port pairs separated by commas, e.g. survival=play.example.org:25565,creative=10.0.0.5:25566';

/** A refused setting: a stable code and a message that shows the expected form. */
export class MinecraftSettingError extends Error {
  readonly code = 'INVALID_MINECRAFT_SETTING';
}

const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const PORT = /^\d{1,5}$/;

/**
 * Parses `LIFESTONE_MINECRAFT_SERVERS`: `name=host:port` pairs separated by
 * commas (an IPv6 host in brackets, `[::1]:25565`). Unset or blank is no
 * server; anything malformed is refused whole, naming the pair at fault.
 */
export function parseMinecraftServers(value: string | undefined): MinecraftServer[] {
  if (value === undefined || value.trim() === '') return [];
  const servers: MinecraftServer[] = [];
  for (const raw of value.split(',')) {
    const pair = raw.trim();
    const refuse = (why: string): never => {
      throw new MinecraftSettingError(`LIFESTONE_MINECRAFT_SERVERS: ${JSON.stringify(pair)} ${why}; expected ${MINECRAFT_SERVERS_FORM}`);
    };
    const equals = pair.indexOf('=');
    if (equals < 0) refuse('has no "="');
    const name = pair.slice(0, equals).trim();
    const address = pair.slice(equals + 1).trim();
    if (!SERVER_NAME.test(name)) refuse('has no valid name (1 to 64 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit)');
    const colon = address.lastIndexOf(':');
    if (colon < 0) refuse('has no ":port"');
    let host = address.slice(0, colon);
    const port = address.slice(colon + 1);
    if (host.startsWith('[') && host.endsWith(']')) {
      host = host.slice(1, -1);
      if (!/^[0-9A-Fa-f:.]+$/.test(host) || !host.includes(':')) refuse('has an invalid IPv6 address');
    } else if (!HOST_NAME.test(host)) {
      refuse('has an invalid host');
    }
    const portNumber = Number(port);
    if (!PORT.test(port) || portNumber < 1 || portNumber > 65_535) refuse('has a port that is not a number from 1 to 65535');
    if (servers.some((server) => server.name === name)) refuse(`repeats the name ${JSON.stringify(name)}`);
    servers.push({ name, host, port: portNumber });
  }
  return servers;
}

/** Minecraft's rule for player names, which offline-mode servers also apply. */
const PLAYER_NAME = /^[A-Za-z0-9_]{3,16}$/;

/** Checks `LIFESTONE_MINECRAFT_BOT_NAME`: 3 to 16 letters, digits or `_`, as Minecraft requires. */
export function parseBotName(value: string): string {
  if (!PLAYER_NAME.test(value)) {
    throw new MinecraftSettingError(`LIFESTONE_MINECRAFT_BOT_NAME: ${JSON.stringify(value)} is not a Minecraft player name; expected 3 to 16 letters, digits or "_", e.g. LifestoneEye`);
  }
  return value;
}
