/**
 * What the bridge tells ingest about a Minecraft player, as plugin frames
 * (protocol 1). Pure: the spectator bot hands in what it saw, these
 * functions say what to send.
 */

/** The game every frame of the bridge names in its extra fields. */
export const GAME = 'MINECRAFT';

/** Furthest a map coordinate may be from the centre in the wire protocol (lib/protocol's `coordinate`). */
export const COORDINATE_LIMIT = 9_999;

/** A player's full health in hearts × 2, which a vitals frame's 100% stands for. */
export const FULL_HEALTH = 20;

/** Where a frame was observed: the server's name in Lifestone, the player's session, when. */
export interface FrameContext {
  server: string;
  /** Changes at each of the player's logins (as the bot saw them). */
  session: string;
  at: Date;
}

/** A position in Minecraft's block coordinates (x east, y up, z south). */
export interface BlockPosition {
  x: number;
  y: number;
  z: number;
}

/** A position on Lifestone's map: east, north, altitude. */
export interface MapPosition {
  ew: number;
  ns: number;
  z: number;
}

/** What the bot saw of a player at one moment. */
export interface PlayerSighting {
  name: string;
  position: BlockPosition;
  /** mineflayer's yaw: radians, 0 facing north (−z), growing counter-clockwise. */
  yaw: number;
  /** The world it is in, e.g. `overworld`, `the_nether`. */
  dimension: string;
  /** Deaths the bot saw since the player's login. */
  deaths: number;
  /** Seconds since the bot saw the player join. */
  onlineSeconds: number;
}

/** The frames the bridge sends, as JSON objects. */
export type OutgoingFrame = Record<string, unknown> & { type: string; character_name: string };

/**
 * Block coordinates on Lifestone's map: `ew` = x, `ns` = −z, `z` = y (the
 * block the feet are in), so that north is up on both games' maps.
 * Undefined outside the protocol's ±9999: such a position cannot be sent.
 */
export function mapPosition(position: BlockPosition): MapPosition | undefined {
  const ew = Math.floor(position.x);
  const ns = -Math.floor(position.z) || 0;
  const z = Math.floor(position.y);
  if (!Number.isFinite(ew) || !Number.isFinite(ns) || !Number.isFinite(z)) return undefined;
  if (Math.abs(ew) > COORDINATE_LIMIT || Math.abs(ns) > COORDINATE_LIMIT) return undefined;
  return { ew, ns, z };
}

/** mineflayer's yaw as a compass heading: degrees clockwise from north, 0 to 359. */
export function headingOf(yaw: number): number {
  const degrees = Math.round((-yaw * 180) / Math.PI) % 360;
  return degrees < 0 ? degrees + 360 : degrees || 0;
}

/** The fields every frame of the bridge carries. */
export function envelope(type: string, character: string, context: FrameContext): OutgoingFrame {
  return { type, character_name: character, timestamp: context.at.toISOString(), session_id: context.session, game: GAME, server: context.server };
}

/** A position frame; undefined when the position is outside what the protocol carries. */
export function telemetryFrame(sighting: PlayerSighting, context: FrameContext): OutgoingFrame | undefined {
  const place = mapPosition(sighting.position);
  if (!place) return undefined;
  return {
    ...envelope('telemetry', sighting.name, context),
    ...place,
    heading: headingOf(sighting.yaw),
    deaths: sighting.deaths,
    onlinetime: Math.max(0, Math.floor(sighting.onlineSeconds)),
    dimension: sighting.dimension,
  };
}

/**
 * A vitals frame from a player's health (0 to 20, as the server shares it in
 * the entity's metadata). Minecraft has neither stamina nor mana, and no
 * server tells one player another's food level: protocol 1 requires both
 * percentages, so they are sent full (100), never a false "low".
 */
export function vitalsFrame(character: string, health: number, context: FrameContext): OutgoingFrame {
  const current = Math.max(0, Math.min(FULL_HEALTH, health));
  return {
    ...envelope('vitals', character, context),
    health_pct: Math.round((current / FULL_HEALTH) * 1000) / 10,
    stamina_pct: 100,
    mana_pct: 100,
    health_current: Math.ceil(current),
    health_max: FULL_HEALTH,
  };
}

/** The channel of Minecraft's one public chat. */
export const CHAT_CHANNEL = 'General';

/** A chat line the player said, reported once, as theirs. */
export function chatFrame(character: string, text: string, context: FrameContext): OutgoingFrame {
  return { ...envelope('chat', character, context), channel: CHAT_CHANNEL, text, sender: character };
}

/** Minecraft's rule for player names: what `follow` may name, and nothing the server would read as more (a selector, a second argument). */
const PLAYER_NAME = /^[A-Za-z0-9_]{1,16}$/;

/** A command from the graph, as the bot understands it. */
export type BridgeCommand =
  | { kind: 'follow'; player: string }
  | { kind: 'unfollow' }
  | { kind: 'scan'; x: number; z: number; radius: number }
  | { kind: 'unknown'; text: string };

/** A whole number of blocks as a command writes it: `-120`, `64`. */
const BLOCK_NUMBER = /^-?\d{1,7}$/;

/**
 * Reads a command relayed to one player's connection (`follow <player>`,
 * `follow` alone for that player, `unfollow`, `scan <x> <z> <radius>`), with
 * or without a leading `/`. A `follow` of anything but a player name, or a
 * `scan` outside the protocol's coordinates or beyond `scanRadiusMax`, is
 * not understood.
 */
export function parseCommand(text: string, character: string, scanRadiusMax = 64): BridgeCommand {
  const words = text.trim().replace(/^\//, '').split(/\s+/);
  const verb = words[0]?.toLowerCase();
  const player = words[1] ?? character;
  if (verb === 'follow' && words.length <= 2 && PLAYER_NAME.test(player)) return { kind: 'follow', player };
  if (verb === 'unfollow' && words.length === 1) return { kind: 'unfollow' };
  if (verb === 'scan' && words.length === 4 && words.slice(1).every((word) => BLOCK_NUMBER.test(word))) {
    const [x, z, radius] = words.slice(1).map(Number) as [number, number, number];
    if (Math.abs(x) <= COORDINATE_LIMIT && Math.abs(z) <= COORDINATE_LIMIT && radius >= 1 && radius <= scanRadiusMax) return { kind: 'scan', x, z, radius };
  }
  return { kind: 'unknown', text };
}

/** A chat component as mineflayer hands it over (`ChatMessage`): a translation key and its arguments, or text. */
export interface ServerMessage {
  translate?: string;
  with?: ReadonlyArray<{ toString(): string } | string>;
  toString(): string;
}

const LEFT_TEXT = /^(?:[§&][0-9a-fk-or])*([A-Za-z0-9_]{1,16}) left the game\.?$/;

/**
 * The player a server message says left: vanilla's `multiplayer.player.left`,
 * or its English text from servers that send it as plain text. A player's
 * own chat cannot take this form: the server shows it as `<name> text`.
 */
export function leftPlayerOf(message: ServerMessage): string | undefined {
  if (message.translate === 'multiplayer.player.left') {
    const name = message.with?.[0];
    return name === undefined ? undefined : String(name);
  }
  if (message.translate !== undefined) return undefined;
  return LEFT_TEXT.exec(message.toString().trim())?.[1];
}

/**
 * The text of a kick reason, which servers send as a plain string, a JSON
 * chat component, or (1.20.3 and later) an NBT compound: `{"text":"Server
 * closed"}` and its NBT form both read `Server closed`.
 */
export function reasonText(reason: unknown): string {
  if (typeof reason === 'string') {
    try {
      return componentText(JSON.parse(reason)) || reason;
    } catch {
      return reason;
    }
  }
  return componentText(reason) || JSON.stringify(reason) || 'no reason given';
}

function componentText(component: unknown): string {
  if (typeof component === 'string') return component;
  if (Array.isArray(component)) return component.map(componentText).join('');
  if (component === null || typeof component !== 'object') return '';
  const node = component as Record<string, unknown>;
  // NBT as minecraft-protocol hands it over: { type, value } at every level.
  if (typeof node.type === 'string' && 'value' in node && Object.keys(node).length === 2) return componentText(node.value);
  return componentText(node.text ?? node.translate ?? '') + componentText(node.extra ?? '');
}
