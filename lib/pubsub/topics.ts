import type { FrameType } from '../protocol/index.js';

/**
 * Topic names, in one place. Names are dot-separated segments; a segment that
 * comes from game data (a character or group name) is percent-encoded so that
 * it is a valid NATS subject token and can never collide with another topic.
 */

const PREFIX = 'lifestone';
const COMMAND_PREFIX = `${PREFIX}.command.`;

/** A segment that needs no encoding. */
const SAFE_SEGMENT = /^[A-Za-z0-9_-]*$/;

/**
 * Percent-encodes everything but `[A-Za-z0-9_-]`, so spaces and dots in names
 * stay inside one segment. Most names need none: they are returned as they
 * are (a fellowship's shared vitals name one per frame).
 */
export function topicSegment(value: string): string {
  if (SAFE_SEGMENT.test(value)) return value;
  return Array.from(new TextEncoder().encode(value), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9_-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

export const topics = {
  /**
   * Every accepted event of one frame type; `key` is the character name.
   * Telemetry's (published as soon as ingest accepts it, before it is
   * stored) feeds both the `events` and the `positions` subscriptions.
   */
  event: (type: FrameType): string => `${PREFIX}.event.${type}`,
  /** Commands for one character's plugin, whichever ingest instance holds it. */
  command: (character: string): string => `${COMMAND_PREFIX}${topicSegment(character)}`,
  /** Vitals shared within one fellowship; `key` is the sending character. */
  shareVitals: (group: string): string => `${PREFIX}.share-vitals.${topicSegment(group)}`,
  /** Every alert ingest stored (death, idle, vortex, rare, offline, goal reached, loot), as stored; `key` is the character name. */
  alert: `${PREFIX}.alert`,
  /** Every tool call and result of the assistant (Mind's Eye); `key` is the conversation's id. */
  assistantTrace: `${PREFIX}.assistant.trace`,
  /**
   * A plugin key was revoked or its characters changed; `key` is the plugin
   * key's id. A hint only: ingest reads the key again from PostgreSQL.
   */
  pluginKey: `${PREFIX}.plugin-key`,
} as const;

/**
 * Durable topics are the ones whose messages must survive a subscriber's brief
 * disconnect: commands, which an operator sends once and expects to reach the
 * plugin. On NATS they go through JetStream (see nats.ts); other topics are
 * fire-and-forget everywhere. This is the one place that rule lives.
 */
export function isDurableTopic(topic: string): boolean {
  return topic.startsWith(COMMAND_PREFIX);
}

/** The NATS subject filter that covers every durable topic, for the JetStream stream. */
export const durableTopicSubjects = `${COMMAND_PREFIX}>`;
