/** The plugin wire protocol, versions 1 and 2 (`lib/protocol/PROTOCOL.md`): names that are part of the contract. */

/** Every plugin key starts with this (`lsp_` and 43 characters), so that a leaked one is easy to recognise. */
export const PLUGIN_KEY_PREFIX = 'lsp_';

/**
 * Protocol 2 (acknowledgements and resume) is asked for at the WebSocket
 * upgrade, with these headers or the query parameters `protocol` and
 * `stream`; without them a connection speaks protocol 1.
 */
export const ProtocolHeader = {
  /** `2` asks for protocol 2; missing or `1`: protocol 1. */
  protocol: 'x-lifestone-protocol',
  /** The stream id: one plugin's sequence of frames across reconnects. */
  stream: 'x-lifestone-stream',
} as const;

/** Protocol versions ingest speaks. */
export const PROTOCOL_VERSIONS = [1, 2] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

/** What a stream id may be: 1-100 characters of `A-Z a-z 0-9 . _ -`. */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** Frame types a plugin sends. `inventory` is accepted as an alias of `full_inventory`. */
export const FrameType = {
  telemetry: 'telemetry',
  vitals: 'vitals',
  character_stats: 'character_stats',
  full_inventory: 'full_inventory',
  inventory_delta: 'inventory_delta',
  equipment_cantrip_state: 'equipment_cantrip_state',
  portal: 'portal',
  spawn: 'spawn',
  chat: 'chat',
  quest: 'quest',
  rare: 'rare',
  nearby_objects: 'nearby_objects',
  combat_stats: 'combat_stats',
  share_vitals: 'share_vitals',
  dungeon_map: 'dungeon_map',
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];
export const frameTypes = Object.values(FrameType);

/** Aliases accepted on the wire and the frame type each stands for. */
export const frameTypeAliases: Readonly<Record<string, FrameType>> = { inventory: FrameType.full_inventory };

/** Frame types ingest sends to a plugin. */
export const OutboundFrameType = {
  error: 'error',
  command: 'command',
  share_vitals: 'share_vitals',
  /** Protocol 2: the first frame of a connection, with how much of the stream is stored. */
  welcome: 'welcome',
  /** Protocol 2: every frame of the stream up to `seq` is committed or was refused. */
  ack: 'ack',
} as const;

/** Stable codes of `error` frames. */
export const ErrorCode = {
  /** The frame is not JSON, or not a JSON object. */
  INVALID_JSON: 'INVALID_JSON',
  /** The frame is JSON of a known type but a field is missing or of the wrong kind. */
  INVALID_FRAME: 'INVALID_FRAME',
  /**
   * `character_name` holds a control or invisible character (zero-width,
   * bidi override...) or white space at either end: names that look like
   * another character's. The frame is not stored.
   */
  INVALID_CHARACTER_NAME: 'INVALID_CHARACTER_NAME',
  /** The frame nests deeper than 32 levels or holds more than 100,000 values. */
  FRAME_TOO_COMPLEX: 'FRAME_TOO_COMPLEX',
  /** `type` is missing or not a frame type of this protocol version. */
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  /** The frame is larger than the configured limit. */
  FRAME_TOO_LARGE: 'FRAME_TOO_LARGE',
  /** The connection sends faster than the configured rate (frames or bytes per second). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Ingest failed on this frame for a reason of its own; the frame was not stored, its neighbours were. */
  FRAME_FAILED: 'FRAME_FAILED',
  /** The connection's plugin key does not hold the frame's character: another key holds it, or an admin set the key's characters without it. */
  CHARACTER_NOT_HELD: 'CHARACTER_NOT_HELD',
  /** Protocol 2: the frame has no `seq`, or one that is not a whole number from 1 to 2^53 - 1. */
  INVALID_SEQ: 'INVALID_SEQ',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Codes a plugin connection is closed with: ingest's own in the WebSocket
 * range for applications (4000-4999), read like HTTP statuses, and beside
 * them the RFC 6455 codes either side uses.
 */
export const CloseCode = {
  /** The plugin is done and closes its connection itself. */
  NORMAL: 1000,
  /** Ingest is shutting down: connect again later. */
  GOING_AWAY: 1001,
  /** Never sent: what either side reports when the connection was lost without a close handshake. */
  ABNORMAL_CLOSURE: 1006,
  /** A frame far over the size limit, closed on its header before its bytes are read. */
  MESSAGE_TOO_BIG: 1009,
  /** The connection's plugin key was revoked: connect again with another key. */
  PLUGIN_KEY_REVOKED: 4403,
  /** More of the connection's frames were refused within the window than the allowance: fix what the error frames say, then reconnect. */
  TOO_MANY_REFUSED_FRAMES: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Damage elements of `combat_stats`. */
export const damageElements = ['slash', 'pierce', 'bludgeon', 'fire', 'cold', 'acid', 'electric', 'nether'] as const;
export type DamageElement = (typeof damageElements)[number];
