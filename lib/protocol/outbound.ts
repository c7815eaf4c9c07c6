import { z } from 'zod';
import { ErrorCode, OutboundFrameType, STREAM_ID_PATTERN } from './constants.js';
import { documented } from './fields.js';
import type { ShareVitalsFrame } from './frames.js';

/** Frames ingest sends to a plugin (PROTOCOL.md, "Frames to the plugin"), and their builders. */

const refusedFrameRef = documented(
  z.object({ type: z.string().nullable(), character_name: z.string().nullable() }),
  "The refused frame's type and character_name as sent, where readable; null otherwise.",
);

const refusedField = z.object({
  path: documented(z.string(), 'Dotted path of the field, e.g. items.3.id; empty for the frame as a whole.'),
  message: z.string(),
});

export const errorFrameSchema = documented(
  z.object({
    type: z.literal(OutboundFrameType.error),
    code: documented(z.enum(ErrorCode), 'Stable; what kind of refusal.'),
    message: documented(z.string(), 'What was wrong, for a person to act on.'),
    ref: refusedFrameRef,
    details: documented(z.array(refusedField), 'One entry per refused field; empty when the frame as a whole was refused.'),
    trace_id: documented(z.string(), 'Ties the refusal to the lines ingest logged about it.'),
    seq: documented(z.number().int().min(1).nullable().optional(), 'Protocol 2 only: the seq of the refused frame; null when it could not be read. A refused frame counts as done: the next ack covers it.'),
  }),
  'A frame was refused. The connection stays open.',
);

export const commandFrameSchema = documented(
  z.object({
    type: z.literal(OutboundFrameType.command),
    command: documented(z.string().min(1), 'A game command, e.g. /radar start.'),
  }),
  'An operator asked this character to run a game command.',
);

const streamSeq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const welcomeFrameSchema = documented(
  z.object({
    type: z.literal(OutboundFrameType.welcome),
    protocol: z.literal(2),
    stream: documented(z.string().regex(STREAM_ID_PATTERN), 'The stream id the plugin connected with.'),
    acked: documented(streamSeq, 'The highest seq of the stream already stored or refused (0 for a new stream): send again, in order, every frame after it.'),
  }),
  'Protocol 2: the first frame ingest sends on a connection.',
);

export const ackFrameSchema = documented(
  z.object({
    type: z.literal(OutboundFrameType.ack),
    seq: documented(streamSeq, 'Every frame of the stream up to this seq is committed or was refused: the plugin may forget them.'),
  }),
  'Protocol 2: sent after each commit that covers the stream\'s frames, and at least once a second while any wait; never before the commit.',
);

/** Protocol 2's first frame: how much of the stream is stored. */
export type WelcomeFrame = z.output<typeof welcomeFrameSchema>;
/** Protocol 2's acknowledgement. */
export type AckFrame = z.output<typeof ackFrameSchema>;

/** The welcome of a protocol 2 connection to `stream`, of which everything up to `acked` is stored or refused. */
export function welcomeFrame(stream: string, acked: number): WelcomeFrame {
  return { type: OutboundFrameType.welcome, protocol: 2, stream, acked };
}

/** The acknowledgement of every frame of a stream up to `seq`. */
export function ackFrame(seq: number): AckFrame {
  return { type: OutboundFrameType.ack, seq };
}

/** Tells a plugin that one of its frames was refused. */
export type ErrorFrame = z.output<typeof errorFrameSchema>;
/** Why a frame was refused: an error frame without its `type` and `trace_id`. */
export type FrameError = Omit<ErrorFrame, 'type' | 'trace_id'>;
/** Asks a plugin to run a game command. */
export type CommandFrame = z.output<typeof commandFrameSchema>;
/**
 * A peer's vitals, relayed to the plugins of its group: the fields of its
 * `share_vitals` frame as parsed (schemas/share_vitals.json describes them),
 * with `timestamp` as an ISO-8601 string and without `extra`.
 */
export type ShareVitalsOutFrame = Omit<ShareVitalsFrame, 'timestamp' | 'extra'> & { timestamp: string };

/** The error frame telling a plugin why its frame was refused; `seq` is for a protocol 2 connection to add. */
export function errorFrame(error: FrameError, traceId: string): ErrorFrame {
  return { type: OutboundFrameType.error, code: error.code, message: error.message, ref: error.ref, details: error.details, trace_id: traceId };
}

/** The frame asking a plugin to run `command` (e.g. `/radar start`), passed through as given. */
export function commandFrame(command: string): CommandFrame {
  return { type: OutboundFrameType.command, command };
}

/** The frame relaying `vitals` to the other plugins of its group. */
export function shareVitalsOutFrame(vitals: ShareVitalsFrame): ShareVitalsOutFrame {
  const { extra: _extra, timestamp, ...fields } = vitals;
  return { ...fields, timestamp: timestamp.toISOString() };
}
