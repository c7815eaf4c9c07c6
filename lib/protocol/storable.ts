/**
 * What PostgreSQL and JSON can keep of a frame, checked once on the parsed
 * JSON before validation, so that a frame is refused with a code rather than
 * accepted and then lost (`undeliverable_events`) or able to break the
 * serialisers that follow (each of which recurses into nested values).
 */

/** Deepest nesting of objects and lists anywhere in a frame (a telemetry frame has 1, a combat snapshot 5). */
export const MAX_NESTING = 32;

/** Most values (object members and list elements, nested ones included) in one frame. */
export const MAX_VALUES = 100_000;

/** Why a frame cannot be kept as sent, and where (`path` as in a refusal's `details`). */
export interface Unstorable {
  kind: 'too complex' | 'invalid';
  path: string;
  message: string;
}

interface Found {
  kind: Unstorable['kind'];
  /** Keys from the value's own level outwards; joined once, only for a refusal. */
  path: Array<string | number>;
  message: string;
}

/**
 * The first thing in `value` that cannot be stored as sent: nesting past
 * {@link MAX_NESTING}, more than {@link MAX_VALUES} values, a string or key
 * holding U+0000 (PostgreSQL's text and jsonb refuse it) or a lone UTF-16
 * surrogate (not Unicode: jsonb refuses it and UTF-8 cannot carry it), a
 * `__proto__` key below the top level, or a number JSON read as infinite (`1e400`). Undefined when all of it can be kept.
 * `checkText: false` skips looking into strings and keys, for a value parsed
 * from JSON text that {@link textIsStorable} cleared (most of the walk's cost). @default true
 */
export function findUnstorable(value: unknown, checkText = true): Unstorable | undefined {
  const budget = { values: MAX_VALUES, text: checkText };
  const found = walk(value, 0, budget);
  if (!found) return undefined;
  return { kind: found.kind, path: found.path.reverse().join('.'), message: found.message };
}

/**
 * Whether no string or key JSON.parse makes of `json` can hold U+0000 or a
 * lone surrogate: JSON has no raw control characters in strings, so both can
 * only come from a `\u` escape, or from text that is not well-formed itself.
 * One native scan of the text, against a look into every string.
 */
export function textIsStorable(json: string): boolean {
  return !json.includes('\\u') && (json as string & { isWellFormed(): boolean }).isWellFormed();
}

function walk(value: unknown, depth: number, budget: { values: number; text: boolean }): Found | undefined {
  if (typeof value === 'string') return budget.text ? textProblem(value, 'text') : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { kind: 'invalid', path: [], message: 'a number too large to store (JSON read it as infinite)' };
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_NESTING) return { kind: 'too complex', path: [], message: `nested deeper than ${MAX_NESTING} levels of objects and lists` };
  if (Array.isArray(value)) {
    budget.values -= value.length;
    if (budget.values < 0) return { kind: 'too complex', path: [], message: `more than ${MAX_VALUES} values in one frame` };
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], depth + 1, budget);
      if (found) return found.path.push(i), found;
    }
    return undefined;
  }
  const keys = Object.keys(value);
  budget.values -= keys.length;
  if (budget.values < 0) return { kind: 'too complex', path: [], message: `more than ${MAX_VALUES} values in one frame` };
  for (const key of keys) {
    const found = (budget.text ? textProblem(key, 'key') : undefined) ?? (depth > 0 && key === '__proto__' ? protoKey() : undefined) ?? walk((value as Record<string, unknown>)[key], depth + 1, budget);
    if (found) return found.path.push(key), found;
  }
  return undefined;
}

/** Nested objects are rebuilt by validation, where a `__proto__` key would set a prototype instead of being kept (the top level's unknown keys are copied as own properties). */
function protoKey(): Found {
  return { kind: 'invalid', path: [], message: 'a key named "__proto__" inside a nested object cannot be kept: rename it' };
}

function textProblem(text: string, what: 'text' | 'key'): Found | undefined {
  if (text.includes('\u0000')) {
    return { kind: 'invalid', path: [], message: `the ${what} contains U+0000 (NUL), which cannot be stored: remove it` };
  }
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) {
    return { kind: 'invalid', path: [], message: `the ${what} contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF), which is not Unicode and cannot be stored` };
  }
  return undefined;
}
