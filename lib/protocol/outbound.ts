import { z } from 'zod';
import { ErrorCode, OutboundFrameType } from './constants.js';
import { documented } from './fields.js';
import type { ShareVitalsFrame } from './frames.js';

/** Frames ingest sends to a plugin (shared/protocol.md, "Frames to the plugin"), and their builders. */

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

/** The error frame telling a plugin why its frame was refused. */
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
