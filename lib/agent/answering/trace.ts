/**
 * What a tool call looked at, for Mind's Eye: the characters and the places
 * named in its arguments and in its result, so the dashboard can highlight
 * them on the map. Read from the shapes Lifestone's graph and tools use:
 *
 * - `character`, `characterName` and `characters` name characters anywhere
 *   (a string, a `{ name }` object, or a list of either); in arguments, so do
 *   `name` and `names` when the tool's schema describes them as a character's;
 * - an object with a `name` and live state (`online`, `state`, `vitals`,
 *   `sessionCounters`) is a character;
 * - an object with numeric `ew` and `ns` is a place; it belongs to the
 *   character its object (or the object holding it as `position`) names, and
 *   is labelled with that object's own `name` when that is not the character
 *   (a portal, a rare).
 */

/** A place a call or result named. */
export interface TracePosition {
  ew: number;
  ns: number;
  character: string | null;
  label: string | null;
}

/** What one call or result looked at. */
export interface LookedAt {
  characters: string[];
  positions: TracePosition[];
}

/** Most characters one trace event names. */
export const MAX_TRACE_CHARACTERS = 50;
/** Most places one trace event carries. */
export const MAX_TRACE_POSITIONS = 200;
/** Deepest nesting walked. */
const MAX_DEPTH = 12;

const CHARACTER_KEYS: ReadonlySet<string> = new Set(['character', 'characterName', 'characters']);
const LIVE_STATE_KEYS = ['online', 'state', 'vitals', 'sessionCounters'];

/**
 * The argument names of a tool that name characters, from its input JSON
 * Schema: `character`, `characterName`, `characters`, and `name`/`names`
 * when described as a character's.
 */
export function characterArguments(inputSchema: Record<string, unknown> | undefined): ReadonlySet<string> {
  const properties = (inputSchema?.properties ?? {}) as Record<string, { description?: unknown }>;
  return new Set(
    Object.entries(properties)
      .filter(([key, schema]) => CHARACTER_KEYS.has(key) || (/^names?$/.test(key) && typeof schema.description === 'string' && /\bcharacter/i.test(schema.description)))
      .map(([key]) => key),
  );
}

/**
 * The characters and places in a tool's `argumentsValue` (read with
 * `argumentKeys`, see {@link characterArguments}) and its result (the tool's
 * answer text: JSON, possibly in Lifestone's `{note, data}` envelope;
 * anything else names nothing).
 */
export function lookedAt(argumentsValue: unknown, resultText?: string, argumentKeys: ReadonlySet<string> = CHARACTER_KEYS): LookedAt {
  const found: LookedAt = { characters: [], positions: [] };
  walk(argumentsValue, argumentKeys, found);
  if (resultText !== undefined) {
    let result: unknown;
    try {
      result = JSON.parse(resultText);
    } catch {
      result = undefined;
    }
    const data = result !== null && typeof result === 'object' && 'data' in result ? (result as { data: unknown }).data : result;
    walk(data, CHARACTER_KEYS, found);
  }
  return found;
}

function walk(value: unknown, characterKeys: ReadonlySet<string>, found: LookedAt, holder?: Record<string, unknown>, depth = 0): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, characterKeys, found, undefined, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const character = characterOf(record);
  if (character) addCharacter(found, character);
  if (typeof record.ew === 'number' && typeof record.ns === 'number' && Number.isFinite(record.ew) && Number.isFinite(record.ns)) {
    // A bare `{ ew, ns }` held as `position` belongs to what holds it.
    const owner = holder ?? record;
    const ownerCharacter = characterOf(owner);
    const label = typeof owner.name === 'string' && owner.name !== ownerCharacter ? owner.name : null;
    addPosition(found, { ew: record.ew, ns: record.ns, character: ownerCharacter, label });
  }
  for (const [key, child] of Object.entries(record)) {
    if (characterKeys.has(key)) for (const name of namesIn(child)) addCharacter(found, name);
    walk(child, characterKeys, found, key === 'position' ? record : undefined, depth + 1);
  }
}

/** The character an object names: its `character`/`characterName`, or its own `name` when it has live state. */
function characterOf(record: Record<string, unknown>): string | null {
  for (const key of ['character', 'characterName']) {
    const [name] = namesIn(record[key]);
    if (name) return name;
  }
  return typeof record.name === 'string' && record.name && LIVE_STATE_KEYS.some((key) => key in record) ? record.name : null;
}

/** Names in a character-naming field: a string, a `{ name }` object, or a list of either. */
function namesIn(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => (Array.isArray(item) ? [] : namesIn(item)));
  if (value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') return namesIn((value as { name: string }).name);
  return [];
}

function addCharacter(found: LookedAt, name: string): void {
  if (found.characters.length < MAX_TRACE_CHARACTERS && !found.characters.includes(name)) found.characters.push(name);
}

function addPosition(found: LookedAt, position: TracePosition): void {
  if (found.positions.length >= MAX_TRACE_POSITIONS) return;
  if (found.positions.some((known) => known.ew === position.ew && known.ns === position.ns && known.character === position.character && known.label === position.label)) return;
  found.positions.push(position);
}
