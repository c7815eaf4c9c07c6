/**
 * A flying-squid world on loopback, as the demo (demo-world.ts) and the
 * tests run one: offline mode, a superflat world kept in memory (nothing
 * written to disk), no logging, every player an operator so that the
 * bridge's bot may `/gamemode spectator` and `/tp`, as it would as an
 * operator of a real server.
 *
 * flying-squid 1.12 writes `entity_teleport` in its shape before Minecraft
 * 1.21.2 (a byte angle, no velocity, no flags). Since 1.21.2 the packet
 * carries a velocity, float angles and relative-move flags, and
 * minecraft-data describes it so: the server's serializer then fails on the
 * packet, and the connection of every player who would have received it
 * stops for good (its output stream broken, its keep-alives gone, the
 * client ending itself 30 s later). A player moving more than 7 blocks at
 * once sends it to those nearby: the bridge's bot teleporting to a player
 * it follows cut everyone near that player. `createSquidWorld` writes the
 * packet in the version's shape instead.
 */
import squid, { type MCServer } from 'flying-squid';

export interface SquidWorldOptions {
  /** The Minecraft version the world speaks. */
  version: string;
  /** Its port on 127.0.0.1; a free one by default. */
  port?: number;
  maxPlayers: number;
  /** In chunks: flying-squid sends (2 × viewDistance)² chunks per player. */
  viewDistance: number;
  /** How long a client may go without answering a keep-alive before it is kicked. */
  kickTimeoutMs: number;
  /** 0 (peaceful) to 3 (hard). */
  difficulty: number;
  /** The head of the player list. */
  title: string;
}

/** Starts a flying-squid world and resolves once it takes players (within 30 s). Its console lines are silenced. */
export async function createSquidWorld(options: SquidWorldOptions): Promise<MCServer> {
  const world = squid.createMCServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    'online-mode': false,
    'max-players': options.maxPlayers,
    logging: false,
    gameMode: 0,
    difficulty: options.difficulty,
    generation: { name: 'superflat', options: { seed: 1 } },
    kickTimeout: options.kickTimeoutMs,
    plugins: {},
    modpe: false,
    'view-distance': options.viewDistance,
    'player-list-text': { header: { text: options.title }, footer: { text: '' } },
    'everybody-op': true,
    'max-entities': 100,
    version: options.version,
    hideErrors: true,
  });
  // flying-squid prints to the console whatever `logging` says.
  world.log = () => {};
  writeTeleportsInTheVersionsShape(world);
  await world.waitForReady(30_000);
  return world;
}

/** The port a world listens on. */
export function squidPort(world: MCServer): number {
  return world._server.socketServer.address().port;
}

/** Minecraft's angle byte (256 to the turn) in degrees. */
const DEGREES_PER_ANGLE_STEP = 360 / 256;

/** Fills in what 1.21.2 added to `entity_teleport`, on the versions whose packet has it: no velocity, absolute, angles in degrees. */
function writeTeleportsInTheVersionsShape(world: MCServer): void {
  const teleport = world.registry.protocol?.play?.toClient?.types?.packet_entity_teleport;
  const fields = Array.isArray(teleport) ? (teleport[1] as { name: string }[]) : [];
  if (!fields.some((field) => field.name === 'flags')) return;
  world._server.on('connection', (client) => {
    const write = client.write.bind(client);
    client.write = (name, params) => {
      if (name !== 'entity_teleport' || 'flags' in params) return write(name, params);
      const { yaw = 0, pitch = 0 } = params as { yaw?: number; pitch?: number };
      return write(name, { ...params, dx: 0, dy: 0, dz: 0, yaw: yaw * DEGREES_PER_ANGLE_STEP, pitch: pitch * DEGREES_PER_ANGLE_STEP, flags: { _value: 0 } });
    };
  });
}
