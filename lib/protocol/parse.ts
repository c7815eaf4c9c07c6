import { z } from 'zod';
import { ErrorCode, frameTypeAliases, frameTypes, type FrameType } from './constants.js';
import { describeValue, documented, required, sequenceNumber } from './fields.js';
import { frameFieldNames, frameSchemas, type Frame } from './frames.js';
import type { FrameError } from './outbound.js';
import { findUnstorable, textIsStorable } from './storable.js';

/** The outcome of parsing one plugin frame. */
export type ParseResult = { ok: true; frame: Frame } | { ok: false; error: FrameError };

/** The outcome of parsing one protocol 2 frame: its `seq` beside the frame, or on the refusal when it was readable (null otherwise). */
export type SequencedParseResult = { ok: true; frame: Frame; seq: number } | { ok: false; error: FrameError & { seq: number | null } };

/** Protocol 2's `seq`, published in every inbound frame's JSON Schema. */
export const seqSchema = documented(
  required(sequenceNumber),
  'Protocol 2 only, where it is required: the frame\'s number in its stream, from 1, one more per frame. A protocol 1 plugin does not send it.',
);

type RefusedField = FrameError['details'][number];

const knownTypes = [
  ...frameTypes,
  ...Object.entries(frameTypeAliases).map(([alias, type]) => `${alias} (= ${type})`),
].join(', ');

/** Every `type` a plugin may send, aliases included, and the frame type it stands for. */
const typesOnTheWire = new Map<string, FrameType>([...frameTypes.map((type) => [type, type] as const), ...Object.entries(frameTypeAliases)]);

/**
 * `z.compile` generates a fast path for each schema and falls back to the
 * runtime parser whenever the fast path refuses, so refusals read exactly as
 * the runtime words them; it parses telemetry frames about twice as fast.
 */
const compiledSchemas = Object.fromEntries(
  frameTypes.map((type) => [type, z.compile(frameSchemas[type] as z.ZodType)]),
) as Readonly<Record<FrameType, z.ZodType>>;

/** How many refused fields the error message spells out; `details` has them all. */
const FIELDS_IN_MESSAGE = 3;

/**
 * Parses one WebSocket text frame from a plugin: JSON, then `parseFrameObject`.
 * Text that is not JSON is refused as `INVALID_JSON`.
 */
export function parseFrame(text: string, receivedAt: Date): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refused(ErrorCode.INVALID_JSON, `frame is not valid JSON: ${(error as Error).message}`, { type: null, character_name: null });
  }
  return parseValue(value, receivedAt, !textIsStorable(text));
}

/**
 * Parses one frame of a protocol 2 connection: `parseFrame`, plus its
 * `seq`, which every such frame carries and which is not kept in `extra`.
 * A frame without a valid `seq` is refused as `INVALID_SEQ`; any other
 * refusal carries the frame's seq.
 */
export function parseSequencedFrame(text: string, receivedAt: Date): SequencedParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { ...refusal(ErrorCode.INVALID_JSON, `frame is not valid JSON: ${(error as Error).message}`, noRef), seq: null } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: { ...refusal(ErrorCode.INVALID_JSON, `expected a JSON object, got ${describeValue(value)}`, noRef), seq: null } };
  }
  const wire = value as Record<string, unknown>;
  const seq = seqSchema.safeParse(wire.seq, parseContext);
  if (!seq.success) {
    const problem = seq.error.issues[0]?.message ?? 'required';
    const ref = { type: stringOrNull(wire.type), character_name: stringOrNull(wire.character_name) };
    return {
      ok: false,
      error: { ...refusal(ErrorCode.INVALID_SEQ, `protocol 2 frames carry "seq", a whole number from 1, one more per frame of the stream: ${problem}`, ref, [{ path: 'seq', message: problem }]), seq: null },
    };
  }
  const result = parseValue(wire, receivedAt, !textIsStorable(text), 'seq');
  return result.ok ? { ok: true, frame: result.frame, seq: seq.data } : { ok: false, error: { ...result.error, seq: seq.data } };
}

const noRef: FrameError['ref'] = { type: null, character_name: null };

/**
 * Validates and coerces a decoded plugin frame (README.md lists the coercion
 * rules). A frame without `timestamp` gets `receivedAt`; unknown top-level
 * fields go to `extra`. Refusals: `INVALID_JSON` when `value` is not an
 * object, `UNKNOWN_TYPE` when `type` is missing or unknown,
 * `FRAME_TOO_COMPLEX` past the nesting or value limits (storable.ts),
 * `INVALID_FRAME` with one `details` entry per refused field otherwise
 * (including text that cannot be stored: NUL, lone surrogates).
 */
export function parseFrameObject(value: unknown, receivedAt: Date): ParseResult {
  return parseValue(value, receivedAt, true);
}

/**
 * `parseFrameObject`; `checkText: false` when the JSON text `value` came from
 * cannot hold unstorable text (storable.ts); `envelopeKey`: a top-level key
 * read already (protocol 2's `seq`), kept out of `extra`.
 */
function parseValue(value: unknown, receivedAt: Date, checkText: boolean, envelopeKey?: string): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refused(ErrorCode.INVALID_JSON, `expected a JSON object, got ${describeValue(value)}`, { type: null, character_name: null });
  }
  const wire = value as Record<string, unknown>;
  const ref = { type: stringOrNull(wire.type), character_name: stringOrNull(wire.character_name) };
  const type = frameTypeOf(wire.type);
  if (type === undefined) {
    const problem = wire.type === undefined ? 'frame has no "type"' : `unknown frame type ${describeValue(wire.type)}`;
    const detail = wire.type === undefined ? 'required' : `expected a known frame type, got ${describeValue(wire.type)}`;
    return refused(ErrorCode.UNKNOWN_TYPE, `${problem}; known types: ${knownTypes}`, ref, [{ path: 'type', message: detail }]);
  }
  const unstorable = findUnstorable(wire, checkText);
  if (unstorable) {
    const code = unstorable.kind === 'too complex' ? ErrorCode.FRAME_TOO_COMPLEX : ErrorCode.INVALID_FRAME;
    const where = unstorable.path === '' ? '' : `${unstorable.path}: `;
    return refused(code, `invalid ${type} frame: ${where}${unstorable.message}`, ref, [{ path: unstorable.path, message: unstorable.message }]);
  }
  const result = compiledSchemas[type].safeParse(wire, parseContext);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    return refused(codeOf(result.error.issues), invalidFrameMessage(type, details), ref, details);
  }
  const frame = result.data as { timestamp: Date | null; extra: Record<string, unknown> };
  frame.timestamp ??= receivedAt;
  frame.extra = unknownFields(wire, frameFieldNames[type], envelopeKey);
  return { ok: true, frame: frame as Frame };
}

/** The code of a field that has one of its own (fields.ts, `Refusal`), the first such; INVALID_FRAME otherwise. */
function codeOf(issues: readonly z.core.$ZodIssue[]): ErrorCode {
  for (const issue of issues) {
    if (issue.code === 'custom' && typeof issue.params?.code === 'string') return issue.params.code as ErrorCode;
  }
  return ErrorCode.INVALID_FRAME;
}

function frameTypeOf(type: unknown): FrameType | undefined {
  return typeof type === 'string' ? typesOnTheWire.get(type) : undefined;
}

function unknownFields(wire: Record<string, unknown>, known: ReadonlySet<string>, envelopeKey?: string): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(wire)) {
    if (known.has(key) || key === envelopeKey) continue;
    // A `__proto__` key from JSON.parse is an own property; keep it one.
    Object.defineProperty(extra, key, { value: wire[key], enumerable: true, writable: true, configurable: true });
  }
  return extra;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function refused(code: ErrorCode, message: string, ref: FrameError['ref'], details: RefusedField[] = []): ParseResult {
  return { ok: false, error: refusal(code, message, ref, details) };
}

function refusal(code: ErrorCode, message: string, ref: FrameError['ref'], details: RefusedField[] = []): FrameError {
  return { code, message, ref, details };
}

function invalidFrameMessage(type: FrameType, details: readonly RefusedField[]): string {
  const listed = details.slice(0, FIELDS_IN_MESSAGE).map((detail) => `${detail.path}: ${detail.message}`);
  const more = details.length > FIELDS_IN_MESSAGE ? `; and ${details.length - FIELDS_IN_MESSAGE} more` : '';
  return `invalid ${type} frame: ${listed.join('; ')}${more}`;
}

const expectedNames: Readonly<Record<string, string>> = { object: 'an object', record: 'an object', array: 'an array', string: 'a string' };

/** Messages for zod's own issues (objects, lists, `action`); the scalar fields of fields.ts word their own. */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_union': {
      if (issue.discriminator === undefined || issue.inclusive === false || !issue.options) return undefined;
      const value = (issue.input as Record<string, unknown>)[issue.discriminator];
      return value === undefined ? 'required' : `expected ${oneOf(issue.options)}, got ${describeValue(value)}`;
    }
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${expectedNames[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}, got ${describeValue(issue.input)}`;
    default:
      return undefined;
  }
}

function oneOf(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(' or ');
}

const parseContext = { error: describeIssue };
