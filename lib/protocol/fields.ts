import { z } from 'zod';
import { ErrorCode } from './constants.js';
import { formatLandblockCell, LANDBLOCK_CELL, parseLandblockCell } from '../game/coordinates.js';

/**
 * Scalar fields of the wire protocol: what a loosely typed plugin may send for
 * each kind of value, and what Lifestone stores. Coercion happens only where it
 * is unambiguous; everything else is refused with a message naming what was
 * expected and what arrived.
 */

type JsonSchema = z.core.JSONSchema.JSONSchema;

/**
 * The published JSON Schema of the fields zod cannot describe by itself (the
 * coercing ones), and the descriptions of frames and fields.
 * `z.toJSONSchema` reads it as its `metadata` registry.
 */
export const wireDocs = z.registry<JsonSchema>();

/** Adds a description to a schema's published JSON Schema; returns the schema. */
export function documented<S extends z.ZodType>(schema: S, description: string): S {
  wireDocs.add(schema, { ...wireDocs.get(schema), description });
  return schema;
}

/**
 * Why a wire value was refused, phrased for whoever writes the plugin, and
 * the frame's error code when the field has one of its own (INVALID_FRAME
 * otherwise).
 */
class Refusal {
  constructor(readonly message: string, readonly code?: ErrorCode) {}
}

function expected(what: string, input: unknown): Refusal {
  return new Refusal(`expected ${what}, got ${describeValue(input)}`);
}

/** A short rendering of a wire value for error messages; strings are quoted and cut after 40 characters. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** One kind of scalar value: how it travels on the wire and what it becomes. */
export interface FieldKind<T> {
  /** JSON Schemas of the forms a plugin may send (besides null for optional fields). */
  readonly wire: readonly JsonSchema[];
  /** Converts a wire value that is neither missing nor null, or says why it cannot. */
  readonly read: (input: unknown) => T | Refusal;
  /** Whether an empty or blank string means "no value" (numeric kinds), like null. */
  readonly blankIsAbsent?: boolean;
}

// Each digit can be matched one way only: `\d+\.?\d*` could split a run of digits anywhere, and a long run that
// then fails (`"111…1x"`) took quadratic time, minutes for one frame of a megabyte.
const DECIMAL = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const WHOLE_DECIMAL = /^\s*[-+]?\d+(?:\.0*)?\s*$/;
const NON_NEGATIVE_WHOLE_DECIMAL = /^\s*\+?\d+(?:\.0*)?\s*$/;
const BLANK = /^\s*$/;

/** A finite number from a number or a decimal string (`"12.5"`, `" 3 "`, `"1e3"`); anything else is undefined. */
function toNumber(input: unknown): number | undefined {
  const number = typeof input === 'number' ? input : typeof input === 'string' && DECIMAL.test(input) ? Number(input) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** Where a kind's numbers must lie to be stored; a number outside is refused naming the range. */
interface NumberRange { min: number; max: number }

function numberKind(what: string, accepts: (value: number) => boolean, wire: JsonSchema[], range?: NumberRange): FieldKind<number> {
  const outside = range && `${what} ${Number.isFinite(range.min) ? `from ${range.min} to` : 'up to'} ${range.max}`;
  return {
    wire,
    blankIsAbsent: true,
    read: (input) => {
      const value = toNumber(input);
      if (value !== undefined && range && outside && (value < range.min || value > range.max)) return expected(outside, input);
      return value !== undefined && accepts(value) ? value : expected(what, input);
    },
  };
}

/** A finite number, or a string holding one in decimal notation (`"12.5"`, `" 3 "`). */
export const numeric = numberKind('a number', () => true, [
  { type: 'number' },
  { type: 'string', pattern: DECIMAL.source },
]);

/** Largest value of PostgreSQL's `integer`, which stores most whole numbers of the protocol. */
const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;
const isInt32 = (value: number): boolean => Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;

/** A whole number of 32 bits: `12`, `12.0`, `"12"` all read as 12; 12.5 and anything past ±2,147,483,647 are refused. */
export const integer = numberKind('an integer', isInt32, [
  { type: 'integer', minimum: INT32_MIN, maximum: INT32_MAX },
  { type: 'string', pattern: WHOLE_DECIMAL.source },
], { min: INT32_MIN, max: INT32_MAX });

/** A non-negative whole number of 32 bits: counters, levels, amounts. */
export const count = numberKind('a non-negative integer', (value) => isInt32(value) && value >= 0, [
  { type: 'integer', minimum: 0, maximum: INT32_MAX },
  { type: 'string', pattern: NON_NEGATIVE_WHOLE_DECIMAL.source },
], { min: -Infinity, max: INT32_MAX });

/** A whole number up to 2^53 - 1 either way: item ids and values, experience (stored as `bigint`). */
export const wideInteger = numberKind('an integer', Number.isSafeInteger, [
  { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
  { type: 'string', pattern: WHOLE_DECIMAL.source },
], { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

/** A non-negative whole number up to 2^53 - 1: experience and luminance. */
export const wideCount = numberKind('a non-negative integer', (value) => Number.isSafeInteger(value) && value >= 0, [
  { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  { type: 'string', pattern: NON_NEGATIVE_WHOLE_DECIMAL.source },
], { min: -Infinity, max: Number.MAX_SAFE_INTEGER });

/** Protocol 2's `seq`: a whole number from 1 up to 2^53 - 1, also as a string (`"12"`). */
export const sequenceNumber = numberKind('a whole number', (value) => Number.isSafeInteger(value) && value >= 1, [
  { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  { type: 'string', pattern: NON_NEGATIVE_WHOLE_DECIMAL.source },
], { min: 1, max: Number.MAX_SAFE_INTEGER });

/** Furthest a map coordinate may be from the centre: Dereth spans about ±102, and portals are keyed on `numeric(5, 1)`. */
const COORDINATE_LIMIT = 9_999;

/** A map coordinate (`ew`, `ns`): a number from -9999 to 9999. */
export const coordinate = numberKind('a number', () => true, [
  { type: 'number', minimum: -COORDINATE_LIMIT, maximum: COORDINATE_LIMIT },
  { type: 'string', pattern: DECIMAL.source },
], { min: -COORDINATE_LIMIT, max: COORDINATE_LIMIT });

/** A percentage, 0 to 100 inclusive. */
export const percent = numberKind('a number from 0 to 100', (value) => value >= 0 && value <= 100, [
  { type: 'number', minimum: 0, maximum: 100 },
  { type: 'string', pattern: DECIMAL.source },
]);

/** A string, kept exactly as sent (an empty string stays empty). */
export const text: FieldKind<string> = {
  wire: [{ type: 'string' }],
  read: (input) => (typeof input === 'string' ? input : expected('a string', input)),
};

/** A name or code a plugin may send as a string or as a number; a number becomes its decimal string (`7` -> `"7"`). */
export const label: FieldKind<string> = {
  wire: [{ type: 'string' }, { type: 'number' }],
  read: (input) =>
    typeof input === 'string' ? input : typeof input === 'number' ? String(input) : expected('a string or a number', input),
};

/** Longest character name, in UTF-16 code units after normalisation. */
const NAME_MAX = 64;
/**
 * What a name may not hold: controls (Cc), format characters (Cf: zero-width
 * spaces and joiners, bidi overrides, the BOM...), line and paragraph
 * separators, private use, and the other default-ignorable code points
 * (U+3164 HANGUL FILLER, variation selectors...): none is seen, so each
 * makes a name that looks like another.
 */
const HIDDEN = '\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Co}\\p{Default_Ignorable_Code_Point}';
const HIDDEN_IN_NAME = new RegExp(`[${HIDDEN}]`, 'u');
/** Any white space at either end, U+00A0 NO-BREAK SPACE and U+3000 IDEOGRAPHIC SPACE included. */
const SURROUNDING_SPACE = /^\p{White_Space}|\p{White_Space}$/u;

const codePoint = (character: string): string => `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `name` looks like another name than it is (a hidden character, white space at either end), or undefined. */
function lookalikeProblem(name: string): string | undefined {
  const hidden = HIDDEN_IN_NAME.exec(name);
  if (hidden) return `a character name may not hold control or invisible characters; got ${codePoint(hidden[0])} at position ${hidden.index}`;
  const space = SURROUNDING_SPACE.exec(name);
  if (space) return `a character name may not start or end with white space; got ${codePoint(space[0])} at position ${space.index}`;
  return undefined;
}

/**
 * A character's name: a string, normalised to NFC (so that a name typed with
 * combining accents and the same name precomposed are one character), of 1 to
 * 64 UTF-16 code units, without control or invisible characters or white
 * space at either end (refused as INVALID_CHARACTER_NAME; a name of the
 * wrong length or not a string as INVALID_FRAME).
 */
export const characterName: FieldKind<string> = {
  wire: [{ type: 'string', minLength: 1, maxLength: NAME_MAX, pattern: `^(?!\\p{White_Space})(?!.*\\p{White_Space}$)[^${HIDDEN}]*$` }],
  read: (input) => {
    if (typeof input !== 'string') return expected('a string', input);
    const name = input.normalize('NFC');
    // A name of the wrong length was refused as INVALID_FRAME before names had a code of their own: it still is.
    if (name.length < 1 || name.length > NAME_MAX) return new Refusal(`expected 1 to ${NAME_MAX} characters, got ${name.length}`);
    const problem = lookalikeProblem(name);
    return problem === undefined ? name : new Refusal(problem, ErrorCode.INVALID_CHARACTER_NAME);
  },
};

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** Epoch milliseconds below this (March 1973) are almost certainly epoch seconds sent by mistake. */
const EARLIEST_EPOCH_MS = 100_000_000_000;
/** The last millisecond of year 9999: later dates have no ISO-8601 form of four-digit years, which storage and every client read. */
const LATEST_EPOCH_MS = 253_402_300_799_999;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, what plugins and `toISOString` write, read
 * without the regular expression (the firehose's every frame has one).
 * Undefined for anything else, and for what the general reader refuses
 * (a day or hour out of range, a year before 100), which it then reads.
 */
function readCanonicalIso(input: string): Date | undefined {
  if (input.length !== 24 || input.charCodeAt(23) !== 90 /* Z */) return undefined;
  const digits = (from: number, to: number): number => {
    let value = 0;
    for (let i = from; i < to; i++) {
      const digit = input.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return NaN;
      value = value * 10 + digit;
    }
    return value;
  };
  if (input[4] !== '-' || input[7] !== '-' || input[10] !== 'T' || input[13] !== ':' || input[16] !== ':' || input[19] !== '.') return undefined;
  const year = digits(0, 4);
  const month = digits(5, 7);
  const day = digits(8, 10);
  const hour = digits(11, 13);
  const minute = digits(14, 16);
  const second = digits(17, 19);
  const ms = digits(20, 23);
  // NaN fails every comparison below.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
}

function readIsoTimestamp(input: string): Date | undefined {
  const canonical = readCanonicalIso(input);
  if (canonical) return canonical;
  const match = ISO_8601.exec(input);
  if (!match) return undefined;
  const [, year = '', month = '', day = '', hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const parts = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)] as const;
  const wallClock = new Date(Date.UTC(...parts, Number(fraction.slice(0, 3).padEnd(3, '0'))));
  // Date.UTC rolls 2024-02-30 over into March and maps years 0-99 to 19xx: refuse whatever it had to adjust.
  const kept = [
    wallClock.getUTCFullYear(),
    wallClock.getUTCMonth(),
    wallClock.getUTCDate(),
    wallClock.getUTCHours(),
    wallClock.getUTCMinutes(),
    wallClock.getUTCSeconds(),
  ];
  if (kept.some((value, index) => value !== parts[index])) return undefined;
  return new Date(wallClock.getTime() - zoneOffsetMinutes(zone) * 60_000);
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

/**
 * When something happened: an ISO-8601 string (`2024-05-01T12:00:00.123Z`; a
 * time without a zone is UTC; a date alone is midnight UTC), or epoch
 * milliseconds as a number or a decimal string. Epoch values before March 1973
 * are refused: they are epoch seconds sent by mistake.
 */
export const timestamp: FieldKind<Date> = {
  wire: [
    { type: 'string', pattern: ISO_8601.source },
    { type: 'number', minimum: EARLIEST_EPOCH_MS, maximum: LATEST_EPOCH_MS },
    { type: 'string', pattern: DECIMAL.source },
  ],
  read: (input) => {
    const epochMs = toNumber(input);
    let date: Date | undefined;
    if (epochMs !== undefined) {
      if (epochMs > LATEST_EPOCH_MS) return expected('a time before year 10000', input);
      if (epochMs >= EARLIEST_EPOCH_MS) date = new Date(epochMs);
    } else if (typeof input === 'string') {
      date = readIsoTimestamp(input);
    }
    // A zone offset can carry 9999-12-31 into year 10000.
    if (date !== undefined && date.getTime() > LATEST_EPOCH_MS) return expected('a time before year 10000', input);
    return date ?? expected('an ISO-8601 timestamp or epoch milliseconds (after 1973)', input);
  },
};

const CLOCK = /^\s*(?:(\d+)(?:[dD]\s*|:))?(\d+):([0-5]\d):([0-5]\d)\s*$/;

function readClock(input: string): number | undefined {
  const match = CLOCK.exec(input);
  if (!match) return undefined;
  const [, days, hours = '', minutes = '', seconds = ''] = match;
  if (days !== undefined && Number(hours) >= 24) return undefined;
  return ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
}

/**
 * A duration in whole seconds: `"HH:MM:SS"` (hours may exceed 24),
 * `"D:HH:MM:SS"`, `"1d 02:03:04"`, or seconds as a number or decimal string
 * (fractions of a second are dropped); at most 2,147,483,647 s (68 years).
 */
export const duration: FieldKind<number> = {
  wire: [
    { type: 'string', pattern: CLOCK.source },
    { type: 'number', minimum: 0, maximum: INT32_MAX },
    { type: 'string', pattern: DECIMAL.source },
  ],
  blankIsAbsent: true,
  read: (input) => {
    const seconds = toNumber(input);
    let value: number | undefined;
    if (seconds !== undefined) {
      if (seconds >= 0) value = Math.floor(seconds);
    } else if (typeof input === 'string') {
      value = readClock(input);
    }
    if (value !== undefined && value > INT32_MAX) return expected('a duration of at most 2147483647 seconds', input);
    return value ?? expected('"HH:MM:SS" or a number of seconds', input);
  },
};

/**
 * A landblock cell id, normalised to `0x` and 8 upper-case hex digits
 * (`"0xa9b40019"`, `"A9B40019"` and 2847146009 all become `"0xA9B40019"`).
 * A string is always read as hex, with or without `0x`; an integer is the
 * 32-bit id, and a negative one (a signed 32-bit int from the plugin) is read
 * as the same 32 bits.
 */
export const landblock: FieldKind<string> = {
  wire: [
    { type: 'string', pattern: LANDBLOCK_CELL.source },
    { type: 'integer', minimum: -0x8000_0000, maximum: 0xffff_ffff },
  ],
  read: (input) => {
    if (typeof input === 'string') {
      const cell = LANDBLOCK_CELL.test(input) ? parseLandblockCell(input) : undefined;
      if (cell !== undefined) return formatLandblockCell(cell);
    } else if (typeof input === 'number' && Number.isInteger(input) && input >= -0x8000_0000 && input <= 0xffff_ffff) {
      return formatLandblockCell(input);
    }
    return expected('a hex landblock such as "0xA9B40019" or a 32-bit integer', input);
  },
};

function published(wire: readonly JsonSchema[]): JsonSchema {
  return wire.length === 1 ? { ...wire[0] } : { anyOf: [...wire] };
}

function accept<T>(value: T | Refusal, input: unknown, ctx: z.RefinementCtx): T {
  if (!(value instanceof Refusal)) return value;
  ctx.issues.push({ code: 'custom', message: value.message, input, ...(value.code ? { params: { code: value.code } } : {}) });
  return z.NEVER;
}

/** A field the frame cannot do without: a missing one is refused as `required`, null as the wrong kind. */
export function required<T>(kind: FieldKind<T>) {
  const field = z.unknown().transform((input, ctx) => accept(input === undefined ? new Refusal('required') : kind.read(input), input, ctx));
  wireDocs.add(field, published(kind.wire));
  return field;
}

function withFallback<T, F>(kind: FieldKind<T>, fallback: F) {
  const field = z
    .unknown()
    .optional()
    .transform((input, ctx): T | F => {
      if (input === undefined || input === null || (kind.blankIsAbsent && typeof input === 'string' && BLANK.test(input))) return fallback;
      return accept(kind.read(input), input, ctx);
    });
  const blank: JsonSchema[] = kind.blankIsAbsent ? [{ type: 'string', pattern: BLANK.source }] : [];
  wireDocs.add(field, { anyOf: [...kind.wire, ...blank, { type: 'null' }] });
  return field;
}

/** A field that may be missing or null (for numbers also blank): all of these become null, never undefined. */
export function optional<T>(kind: FieldKind<T>) {
  return withFallback(kind, null);
}

/** A counter that reads as 0 when missing, null or blank. */
export function zeroIfMissing(kind: FieldKind<number>) {
  return documented(withFallback(kind, 0), '0 when missing');
}

/** A nested object or list that may be missing or null: both become null. */
export function orNull<S extends z.ZodType>(schema: S) {
  return schema.nullish().transform((value): z.output<S> | null => value ?? null);
}

/** A map keyed by names (monsters, damage elements); missing or null reads as an empty map. */
export function namedMap<S extends z.ZodType>(value: S) {
  return z
    .record(z.string(), value)
    .nullish()
    .transform((entries): Record<string, z.output<S>> => entries ?? {});
}
