/**
 * The spectator bot of one Minecraft server: it joins as a player (offline
 * mode), asks for spectator mode, and reports every other player it sees
 * through the plugin transport, one connection per player. It never gives
 * up on its server: a kick, an error or a lost connection is followed by a
 * new attempt after 1, 2, 4 … 30 s.
 */
import mineflayer, { type Bot } from 'mineflayer';
import type { Entity } from 'prismarine-entity';
import { Vec3 } from 'vec3';
import {
  chatFrame,
  leftPlayerOf,
  parseCommand,
  reasonText,
  telemetryFrame,
  vitalsFrame,
  type FrameContext,
  type PlayerSighting,
  type ServerMessage,
} from './frames.js';
import { streamId, type BridgeLog, type CharacterLink, type PluginTransport } from './plugin-link.js';
import {
  blockSliceFrames,
  isEmptyBlock,
  nearbyObjectsFrame,
  SCAN_RADIUS_MAX,
  SLICE_SIDE,
  SliceMemory,
  sliceSquare,
  type BlockColumn,
  type EntitySighting,
} from './surroundings.js';
import type { MinecraftServer } from './servers.js';

export interface SpectatorOptions {
  server: MinecraftServer;
  /** The bot's player name (offline mode). */
  botName: string;
  transport: PluginTransport;
  log: BridgeLog;
  /** How often moving players' positions are sent. @default 2000 */
  positionIntervalMs?: number;
  /** How often a player who stands still is reported anyway, so that ingest knows it is online. @default 30000 */
  stillIntervalMs?: number;
  /** First reconnection delay; it doubles per failed attempt. @default 1000 */
  reconnectInitialMs?: number;
  /** Longest reconnection delay. @default 30000 */
  reconnectMaxMs?: number;
  /** How long a connection may take to put the bot in the world before it is given up and tried again. @default 30000 */
  joinTimeoutMs?: number;
  /** The Minecraft version to speak; unset asks the server. */
  version?: string;
}

/** Where a spectator bot stands with its server. */
export type SpectatorState = 'connecting' | 'online' | 'waiting';

/** A player the bot reports: its connection to ingest and what was last sent. */
interface TrackedPlayer {
  link: CharacterLink;
  session: string;
  joinedAt: number;
  deaths: number;
  lastSent: string | null;
  lastSentAt: number;
  health: number | null;
  /** The radar objects last sent, as JSON, and when. */
  lastRadar: string | null;
  lastRadarAt: number;
}

/** How often the bot teleports again to a followed player it cannot see. */
const FOLLOW_RETRY_MS = 10_000;
/** A stay in the world this long starts the backoff afresh; a server that kicks the bot at once keeps it growing. */
const STABLE_STAY_MS = 10_000;
/** How far below the level it looks from a slice looks for each column's top block. */
const SLICE_DEPTH = 16;
/** How long a scan waits for the bot to arrive and the chunks there to load. */
const SCAN_ARRIVAL_MS = 10_000;

/** One server's spectator bot. */
export class SpectatorBot {
  private bot: Bot | null = null;
  private state: SpectatorState = 'waiting';
  private attempts = 0;
  private joinedAt = 0;
  private retry: NodeJS.Timeout | undefined;
  private joinTimer: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly players = new Map<string, TrackedPlayer>();
  private following: { player: string; teleportedAt: number } | null = null;
  /** What was sent of each world's blocks, by dimension, since the bot joined. */
  private slices = new Map<string, SliceMemory>();
  /** Connections made and lost, for logs and tests. */
  readonly counts = { connects: 0, disconnects: 0 };

  constructor(private readonly options: SpectatorOptions) {}

  /** The server this bot watches. */
  get server(): MinecraftServer {
    return this.options.server;
  }

  /** Whether the bot is in the world, connecting, or waiting to try again. */
  get status(): SpectatorState {
    return this.state;
  }

  /** The names of the players reported now. */
  get reported(): string[] {
    return [...this.players.keys()];
  }

  /** The player the bot follows, if any. */
  get followed(): string | null {
    return this.following?.player ?? null;
  }

  /** Connects; from now on the bot keeps trying until `stop`. */
  start(): void {
    this.connect();
  }

  /** Leaves the server and closes every player's connection cleanly. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.joinTimer);
    clearInterval(this.ticker);
    const loggedOut = this.untrackAll('logout');
    const bot = this.bot;
    this.bot = null;
    if (!bot) {
      await loggedOut;
      return;
    }
    await new Promise<void>((resolve) => {
      const force = setTimeout(resolve, 5_000);
      bot.once('end', () => {
        clearTimeout(force);
        resolve();
      });
      bot.end('Lifestone bridge stopping');
    });
    await loggedOut;
  }

  private get log(): BridgeLog {
    return this.options.log;
  }

  private connect(): void {
    const { server, botName } = this.options;
    this.state = 'connecting';
    let bot: Bot;
    try {
      bot = mineflayer.createBot({
        host: server.host,
        port: server.port,
        username: botName,
        auth: 'offline',
        hideErrors: true,
        logErrors: false,
        physicsEnabled: false,
        ...(this.options.version ? { version: this.options.version } : {}),
      });
    } catch (error) {
      this.lost(`could not start a connection: ${(error as Error).message}`);
      return;
    }
    this.bot = bot;
    let reason = 'connection closed';
    this.joinTimer = setTimeout(() => {
      reason = 'no answer in time';
      bot.end(reason);
    }, this.options.joinTimeoutMs ?? 30_000);
    bot.on('error', (error) => {
      reason = error.message || String(error);
    });
    bot.on('kicked', (why) => {
      reason = `kicked: ${reasonText(why)}`;
    });
    bot.once('end', () => {
      if (this.bot !== bot) return;
      this.bot = null;
      this.lost(reason);
    });
    bot.once('spawn', () => this.joined(bot));
    bot.on('playerJoined', (player) => this.sawPlayer(player.username));
    bot.on('playerLeft', (player) => void this.untrack(player.username, 'logout'));
    bot.on('message', (message) => {
      const left = leftPlayerOf(message as unknown as ServerMessage);
      if (left) void this.untrack(left, 'logout');
    });
    bot.on('chat', (username, text) => this.chat(username, text));
    bot.on('entityDead', (entity) => this.died(entity));
    bot.on('entityUpdate', (entity) => this.healthOf(entity));
  }

  private joined(bot: Bot): void {
    clearTimeout(this.joinTimer);
    this.state = 'online';
    this.joinedAt = Date.now();
    this.slices = new Map();
    this.counts.connects++;
    this.log.info({ server: this.server.name, players: Object.keys(bot.players).length - 1 }, 'minecraft server joined');
    // Spectator mode keeps the bot invisible and out of the game; without the right to it the bot still watches.
    bot.chat('/gamemode spectator');
    // Some servers (flying-squid) send the world beyond the spawn, and the chunks of wherever a teleport takes the
    // bot, only once the client has turned its head or moved: a bot without physics does neither by itself.
    bot._client.write('look', { yaw: 0, pitch: 0, onGround: true, flags: { onGround: true, hasHorizontalCollision: false } });
    for (const name of Object.keys(bot.players)) this.sawPlayer(name);
    const interval = this.options.positionIntervalMs ?? 2_000;
    this.ticker = setInterval(() => this.tick(), interval);
  }

  private lost(reason: string): void {
    clearTimeout(this.joinTimer);
    clearInterval(this.ticker);
    void this.untrackAll('lost');
    if (this.stopped) return;
    if (this.state === 'online') {
      this.counts.disconnects++;
      if (Date.now() - this.joinedAt >= STABLE_STAY_MS) this.attempts = 0;
    }
    this.state = 'waiting';
    const delay = Math.min(this.options.reconnectMaxMs ?? 30_000, (this.options.reconnectInitialMs ?? 1_000) * 2 ** this.attempts);
    this.attempts++;
    this.log.warn({ server: this.server.name, reason, retryInMs: delay, attempt: this.attempts }, 'minecraft server connection lost; reconnecting');
    this.retry = setTimeout(() => this.connect(), delay);
  }

  private sawPlayer(name: string): void {
    const bot = this.bot;
    if (!bot || this.state !== 'online' || name === bot.username || this.players.has(name)) return;
    const joinedAt = Date.now();
    const link = this.options.transport.open(name, streamId(this.server.name, name, joinedAt), (command) => this.command(name, command));
    this.players.set(name, {
      link, session: `${this.server.name}-${joinedAt}`, joinedAt, deaths: 0, lastSent: null, lastSentAt: 0, health: null, lastRadar: null, lastRadarAt: 0,
    });
    this.log.info({ server: this.server.name, player: name }, 'player reported');
    this.report(name, true);
  }

  private untrack(name: string, how: 'logout' | 'lost'): Promise<void> {
    const player = this.players.get(name);
    if (!player) return Promise.resolve();
    this.players.delete(name);
    if (this.following?.player === name) this.following = null;
    this.log.info({ server: this.server.name, player: name }, 'player left');
    return player.link.close(how);
  }

  private untrackAll(how: 'logout' | 'lost'): Promise<void> {
    return Promise.all([...this.players.keys()].map((name) => this.untrack(name, how))).then(() => undefined);
  }

  private context(player: TrackedPlayer): FrameContext {
    return { server: this.server.name, session: player.session, at: new Date() };
  }

  /** The entity of a player: mineflayer's link, else the entity with the player's UUID (servers that spawn players as other types). */
  private entityOf(name: string): Entity | undefined {
    const bot = this.bot;
    const player = bot?.players[name];
    if (!bot || !player) return undefined;
    if (player.entity) return player.entity;
    return Object.values(bot.entities).find((entity) => entity.uuid === player.uuid && entity !== bot.entity);
  }

  private nameOf(entity: Entity): string | undefined {
    const bot = this.bot;
    if (!bot || entity === bot.entity) return undefined;
    if (entity.username && this.players.has(entity.username)) return entity.username;
    return entity.uuid ? Object.values(bot.players).find((player) => player.uuid === entity.uuid)?.username : undefined;
  }

  /** Sends a player's position: when it moved since the last one, when `force`d, or when the still interval passed. */
  private report(name: string, force: boolean): void {
    const player = this.players.get(name);
    const entity = this.entityOf(name);
    const bot = this.bot;
    if (!player || !entity || !bot) return;
    const sighting: PlayerSighting = {
      name,
      position: entity.position,
      yaw: entity.yaw,
      dimension: bot.game.dimension,
      deaths: player.deaths,
      onlineSeconds: (Date.now() - player.joinedAt) / 1000,
    };
    const frame = telemetryFrame(sighting, this.context(player));
    if (!frame) return;
    const place = `${String(frame.ew)},${String(frame.ns)},${String(frame.z)}`;
    const still = place === player.lastSent;
    if (!force && still && Date.now() - player.lastSentAt < (this.options.stillIntervalMs ?? 30_000)) return;
    player.lastSent = place;
    player.lastSentAt = Date.now();
    player.link.send(frame);
  }

  private tick(): void {
    for (const name of this.players.keys()) this.report(name, false);
    this.keepFollowing();
    if (this.following) this.surroundings(this.following.player);
  }

  /** Sends the followed player's radar (when it changed, or with the still interval) and what changed of the blocks around it. */
  private surroundings(name: string): void {
    const player = this.players.get(name);
    const entity = this.entityOf(name);
    const bot = this.bot;
    if (!player || !entity || !bot) return;
    const others: EntitySighting[] = [];
    for (const other of Object.values(bot.entities)) {
      if (other === entity || other === bot.entity) continue;
      const player = this.nameOf(other);
      others.push({ id: other.id, name: player ?? other.username ?? other.name ?? other.type, type: player ? 'player' : other.type, position: other.position });
    }
    const radar = nearbyObjectsFrame(name, entity.position, others, this.context(player));
    const objects = JSON.stringify(radar.objects);
    if (objects !== player.lastRadar || Date.now() - player.lastRadarAt >= (this.options.stillIntervalMs ?? 30_000)) {
      player.lastRadar = objects;
      player.lastRadarAt = Date.now();
      player.link.send(radar);
    }
    this.sendSlice(player, name, entity.position, SLICE_SIDE / 2);
  }

  /** Sends, on `player`'s connection, what changed of the square `radius` blocks around `center`, seen from above at its level. */
  private sendSlice(player: TrackedPlayer, name: string, center: { x: number; y: number; z: number }, radius: number): number {
    const bot = this.bot;
    if (!bot) return 0;
    const dimension = bot.game.dimension;
    let memory = this.slices.get(dimension);
    if (!memory) this.slices.set(dimension, (memory = new SliceMemory()));
    const changed = memory.changes(this.readColumns(bot, center, radius));
    const frames = blockSliceFrames(name, changed, dimension, this.context(player));
    for (const frame of frames) player.link.send(frame);
    return changed.length;
  }

  /**
   * The top block of each column of the square, looking down from just
   * above `center`'s level to SLICE_DEPTH below it; columns in chunks the
   * bot has not loaded are left out (unknown, not empty).
   */
  private readColumns(bot: Bot, center: { x: number; y: number; z: number }, radius: number): BlockColumn[] {
    const top = Math.floor(center.y) + 1;
    const columns: BlockColumn[] = [];
    const at = new Vec3(0, 0, 0);
    for (const { x, z } of sliceSquare(center.x, center.z, radius)) {
      at.set(x, top, z);
      if (!bot.world.getColumnAt(at)) continue;
      let found: BlockColumn = { x, z, y: top - SLICE_DEPTH, kind: 'air' };
      for (let y = top; y > top - SLICE_DEPTH; y--) {
        at.set(x, y, z);
        const kind = bot.registry.blocksByStateId[bot.world.getBlockStateId(at)]?.name ?? 'air';
        if (!isEmptyBlock(kind)) {
          found = { x, z, y, kind };
          break;
        }
      }
      columns.push(found);
    }
    return columns;
  }

  private chat(username: string, text: string): void {
    // A player the tab list names but the bot has not reported (a server that kept a stale entry when it rejoined).
    if (this.bot?.players[username]) this.sawPlayer(username);
    const player = this.players.get(username);
    if (player) player.link.send(chatFrame(username, text, this.context(player)));
  }

  private died(entity: Entity): void {
    const name = this.nameOf(entity);
    const player = name === undefined ? undefined : this.players.get(name);
    if (!player || name === undefined) return;
    player.deaths++;
    this.log.info({ server: this.server.name, player: name, deaths: player.deaths }, 'player died');
    this.report(name, true);
  }

  /** Health from the entity's metadata, where the server shares it (vanilla does; some servers hide it). */
  private healthOf(entity: Entity): void {
    const name = this.nameOf(entity);
    const player = name === undefined ? undefined : this.players.get(name);
    const bot = this.bot;
    if (!player || !bot || name === undefined) return;
    const index = bot.registry.entitiesByName.player?.metadataKeys?.indexOf('health') ?? -1;
    const health = index >= 0 ? (entity.metadata[index] as unknown) : undefined;
    if (typeof health !== 'number' || !Number.isFinite(health) || health === player.health) return;
    player.health = health;
    player.link.send(vitalsFrame(name, health, this.context(player)));
  }

  private command(character: string, text: string): void {
    const command = parseCommand(text, character, SCAN_RADIUS_MAX);
    const server = this.server.name;
    if (command.kind === 'unknown') {
      this.log.warn(
        { server, character, command: text },
        `command not understood; the bridge knows follow <player>, unfollow and scan <x> <z> <radius> (block coordinates, radius 1 to ${SCAN_RADIUS_MAX})`,
      );
      return;
    }
    if (command.kind === 'scan') {
      void this.scan(character, command);
      return;
    }
    if (command.kind === 'unfollow') {
      this.following = null;
      this.log.info({ server, character }, 'following stopped');
      return;
    }
    this.following = { player: command.player, teleportedAt: 0 };
    this.log.info({ server, character, player: command.player }, 'following player');
    this.keepFollowing();
  }

  /**
   * `scan`: the bot stops following, goes to (x, z) at its own level, and
   * sends on `character`'s connection what changed of the blocks `radius`
   * around it. Without the right to teleport it sends what it can see of
   * that square from where it is.
   */
  private async scan(character: string, { x, z, radius }: { x: number; z: number; radius: number }): Promise<void> {
    const bot = this.bot;
    const player = this.players.get(character);
    if (!bot || !player || this.state !== 'online') return;
    this.following = null;
    const y = Math.floor(bot.entity.position.y);
    const loaded = () => this.bot === bot && Math.hypot(bot.entity.position.x - x, bot.entity.position.z - z) < 2 && this.squareLoaded(bot, { x, z }, radius);
    bot.chat(`/tp ${bot.username} ${x} ${y} ${z}`);
    const arrived = await this.until(loaded, SCAN_ARRIVAL_MS);
    if (this.bot !== bot) return;
    const blocks = this.sendSlice(player, character, { x, y, z }, radius);
    const fields = { server: this.server.name, character, x, z, radius, blocks };
    if (arrived) this.log.info(fields, 'scanned');
    else this.log.warn(fields, 'scan: the bot could not go there (no right to /tp?); sent what it sees of that square from where it is');
  }

  /** Whether the bot holds every chunk the square `radius` blocks around `center` touches (see sliceSquare): at most 3 × 3 for a slice. */
  private squareLoaded(bot: Bot, center: { x: number; z: number }, radius: number): boolean {
    const steps = (from: number): number[] => {
      const last = from + radius * 2 - 1;
      const at = [];
      for (let value = from; value < last; value += 16) at.push(value);
      return [...at, last];
    };
    const y = Math.floor(bot.entity.position.y);
    const at = new Vec3(0, y, 0);
    for (const x of steps(Math.floor(center.x) - radius)) {
      for (const z of steps(Math.floor(center.z) - radius)) {
        at.set(x, y, z);
        if (!bot.world.getColumnAt(at)) return false;
      }
    }
    return true;
  }

  /** Resolves true once `check` passes (looking every 50 ms), false after `ms`. */
  private until(check: () => boolean, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const until = Date.now() + ms;
      const look = setInterval(() => {
        const passed = check();
        if (passed || Date.now() > until || this.stopped) {
          clearInterval(look);
          resolve(passed);
        }
      }, 50);
    });
  }

  /**
   * Teleports to the followed player while the bot cannot see it, or cannot
   * read the whole slice around it: a server sends the chunks around where
   * the bot stands, as few as its view distance (flying-squid's 2 reaches
   * only 16 to 31 blocks east and south of the bot's chunk), so a player
   * near the bot may stand at the edge of what it holds. A server that
   * refuses `/tp` leaves the bot tracking from where it is.
   */
  private keepFollowing(): void {
    const bot = this.bot;
    const following = this.following;
    if (!bot || this.state !== 'online' || !following) return;
    const target = this.entityOf(following.player);
    if (target && target.position.distanceTo(bot.entity.position) <= 16 && this.squareLoaded(bot, target.position, SLICE_SIDE / 2)) return;
    if (Date.now() - following.teleportedAt < FOLLOW_RETRY_MS) return;
    following.teleportedAt = Date.now();
    bot.chat(`/tp ${bot.username} ${following.player}`);
  }
}
