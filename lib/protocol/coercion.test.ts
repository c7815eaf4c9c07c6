import { describe, expect, it } from 'vitest';
import { parsed, receivedAt, refusal } from '@lifestone/test-kit/protocol';

const telemetry = { type: 'telemetry', character_name: 'Thorn', ew: 1, ns: 2, z: 3 };
const vitals = { type: 'vitals', character_name: 'Thorn', health_pct: 90, stamina_pct: 80, mana_pct: 70 };
const chat = { type: 'chat', character_name: 'Thorn', channel: 'General', text: 'hello' };

/** The parsed value of one top-level field of `wire`. */
function field(wire: object | string, name: string): unknown {
  return (parsed(wire) as unknown as Record<string, unknown>)[name];
}

/** The one refused field of `wire`, as `details` reports it. */
function refusedField(wire: object | string): { path: string; message: string } {
  const { details } = refusal(wire);
  expect(details).toHaveLength(1);
  return details[0]!;
}

describe('numbers', () => {
  it.each([
    ['12.5', 12.5],
    [' 3 ', 3],
    ['-0.25', -0.25],
    ['+7', 7],
    ['.5', 0.5],
    ['1e2', 100],
    [-80.5, -80.5],
  ])('read %j as %j', (wire, value) => {
    expect(field({ ...telemetry, ew: wire }, 'ew')).toBe(value);
  });

  it.each([
    ['abc', 'expected a number, got "abc"'],
    ['', 'expected a number, got ""'],
    ['0x10', 'expected a number, got "0x10"'],
    ['12,5', 'expected a number, got "12,5"'],
    ['Infinity', 'expected a number, got "Infinity"'],
    [true, 'expected a number, got true'],
    [null, 'expected a number, got null'],
    [[1], 'expected a number, got an array'],
    [{ value: 1 }, 'expected a number, got an object'],
  ])('refuse %j for a required number', (wire, message) => {
    expect(refusedField({ ...telemetry, ew: wire })).toStrictEqual({ path: 'ew', message });
  });

  it('say "required" for a missing required number', () => {
    const { z: _z, ...withoutZ } = telemetry;
    expect(refusedField(withoutZ)).toStrictEqual({ path: 'z', message: 'required' });
  });

  it('read a missing, null, empty or blank optional number as null', () => {
    expect(field(telemetry, 'heading')).toBeNull();
    expect(field({ ...telemetry, heading: null }, 'heading')).toBeNull();
    expect(field({ ...telemetry, heading: '' }, 'heading')).toBeNull();
    expect(field({ ...telemetry, heading: '  ' }, 'heading')).toBeNull();
    expect(field({ ...telemetry, heading: '90.5' }, 'heading')).toBe(90.5);
  });

  it('refuse a long run of digits ending in a letter at once, in every numeric kind', () => {
    // 500,000 digits: a frame under the default size limit. Refusing it took minutes when a run of digits could be split.
    const digits = `${'1'.repeat(500_000)}x`;
    const started = performance.now();
    expect(refusedField({ ...telemetry, heading: digits }).path).toBe('heading');
    expect(refusedField({ ...telemetry, kills: digits }).path).toBe('kills');
    expect(refusedField({ ...telemetry, onlinetime: digits }).path).toBe('onlinetime');
    expect(refusedField({ ...telemetry, timestamp: digits }).path).toBe('timestamp');
    expect(refusedField({ ...telemetry, ew: `1e${digits}` }).path).toBe('ew');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuse a non-numeric string for an optional number', () => {
    expect(refusedField({ ...telemetry, heading: 'north' })).toStrictEqual({ path: 'heading', message: 'expected a number, got "north"' });
  });
});

describe('integers', () => {
  it('accept whole floats, as numbers and as strings', () => {
    expect(field('{"type":"telemetry","character_name":"Thorn","ew":1,"ns":2,"z":3,"kills":12.0}', 'kills')).toBe(12);
    expect(field({ ...telemetry, kills: '12.0' }, 'kills')).toBe(12);
    expect(field({ ...telemetry, kills: ' 12 ' }, 'kills')).toBe(12);
    expect(field({ ...chat, color: -3 }, 'color')).toBe(-3);
    expect(field({ ...chat, color: '7' }, 'color')).toBe(7);
  });

  it('refuse fractions with a field-level message', () => {
    expect(refusedField({ ...chat, color: 12.5 })).toStrictEqual({ path: 'color', message: 'expected an integer, got 12.5' });
    expect(refusedField({ ...chat, color: '12.5' })).toStrictEqual({ path: 'color', message: 'expected an integer, got "12.5"' });
    expect(refusedField({ ...telemetry, kills: 12.5 })).toStrictEqual({ path: 'kills', message: 'expected a non-negative integer, got 12.5' });
  });

  it('refuse negative counters and numbers beyond what their column holds', () => {
    expect(refusedField({ ...telemetry, deaths: -1 })).toStrictEqual({ path: 'deaths', message: 'expected a non-negative integer, got -1' });
    expect(refusedField({ ...telemetry, kills: 2 ** 31 })).toStrictEqual({ path: 'kills', message: 'expected a non-negative integer up to 2147483647, got 2147483648' });
    expect(refusedField({ ...chat, color: 2 ** 31 })).toStrictEqual({ path: 'color', message: 'expected an integer from -2147483648 to 2147483647, got 2147483648' });
    expect(refusedField({ ...chat, color: -(2 ** 31) - 1 })).toStrictEqual({ path: 'color', message: 'expected an integer from -2147483648 to 2147483647, got -2147483649' });
    expect(field({ ...chat, color: -(2 ** 31) }, 'color')).toBe(-(2 ** 31));
    expect(refusedField({ ...telemetry, ew: 1e300 })).toStrictEqual({ path: 'ew', message: 'expected a number from -9999 to 9999, got 1e+300' });
    expect(refusedField({ ...telemetry, onlinetime: 1e300 })).toStrictEqual({ path: 'onlinetime', message: 'expected a duration of at most 2147483647 seconds, got 1e+300' });
    const item = { type: 'inventory_delta', character_name: 'Thorn', action: 'add' };
    expect(refusedField({ ...item, item: { id: 2 ** 53, name: 'Pyreal' } })).toStrictEqual({ path: 'item.id', message: 'expected an integer from -9007199254740991 to 9007199254740991, got 9007199254740992' });
    expect(field({ ...item, item: { id: 2 ** 40, name: 'Pyreal' } }, 'item')).toMatchObject({ id: 2 ** 40 });
  });

  it('read a missing, null or blank optional integer as null', () => {
    expect(field(telemetry, 'kills')).toBeNull();
    expect(field({ ...telemetry, kills: null }, 'kills')).toBeNull();
    expect(field({ ...telemetry, kills: '' }, 'kills')).toBeNull();
  });

  it('check nested integers with a dotted path', () => {
    const wire = { type: 'full_inventory', character_name: 'Thorn', items: [1, 2, 3, 4].map((id) => ({ id, name: 'Pyreal' })) };
    wire.items[3]!.id = 12.5;
    expect(refusal(wire).details).toStrictEqual([{ path: 'items.3.id', message: 'expected an integer, got 12.5' }]);
  });
});

describe('percentages', () => {
  it('accept 0 to 100, also as strings', () => {
    expect(field({ ...vitals, health_pct: '0' }, 'health_pct')).toBe(0);
    expect(field({ ...vitals, health_pct: 100 }, 'health_pct')).toBe(100);
    expect(field({ ...vitals, vitae_pct: '5.5' }, 'vitae_pct')).toBe(5.5);
  });

  it('refuse values outside 0 to 100', () => {
    expect(refusedField({ ...vitals, mana_pct: 100.5 })).toStrictEqual({ path: 'mana_pct', message: 'expected a number from 0 to 100, got 100.5' });
    expect(refusedField({ ...vitals, mana_pct: -1 })).toStrictEqual({ path: 'mana_pct', message: 'expected a number from 0 to 100, got -1' });
  });
});

describe('strings and names', () => {
  it('keep strings exactly as sent and refuse other kinds', () => {
    expect(field({ ...telemetry, vt_state: ' Combat ' }, 'vt_state')).toBe(' Combat ');
    expect(field({ ...telemetry, vt_state: '' }, 'vt_state')).toBe('');
    expect(refusedField({ ...telemetry, vt_state: 5 })).toStrictEqual({ path: 'vt_state', message: 'expected a string, got 5' });
  });

  it('turn numbers into strings where a name or code may arrive as either', () => {
    expect(field({ ...telemetry, session_id: 42 }, 'session_id')).toBe('42');
    expect(field({ ...telemetry, session_id: 'abc' }, 'session_id')).toBe('abc');
    expect(field({ ...telemetry, session_id: null }, 'session_id')).toBeNull();
    expect(field(telemetry, 'session_id')).toBeNull();
    const frame = parsed({ type: 'full_inventory', character_name: 'Thorn', items: [{ id: 1, name: 'Cap', object_class: 2, coverage: ['Head', 4] }] });
    expect(frame).toMatchObject({ items: [{ object_class: '2', coverage: ['Head', '4'] }] });
  });

  it('require a character name of 1 to 64 characters, normalised to NFC', () => {
    expect(field({ ...telemetry, character_name: 'Thorn Oakheart' }, 'character_name')).toBe('Thorn Oakheart');
    expect(field({ ...telemetry, character_name: 'Re\u0301my' }, 'character_name')).toBe('R\u00e9my');
    expect(field({ ...telemetry, character_name: 'R\u00e9my' }, 'character_name')).toBe('R\u00e9my');
    expect(field({ ...telemetry, character_name: 'Вob' }, 'character_name')).toBe('Вob');
    expect(field({ ...telemetry, character_name: 'a'.repeat(64) }, 'character_name')).toBe('a'.repeat(64));
    expect(refusedField({ ...telemetry, character_name: 'a'.repeat(65) })).toStrictEqual({
      path: 'character_name',
      message: 'expected 1 to 64 characters, got 65',
    });
    expect(refusedField({ ...telemetry, character_name: '' })).toStrictEqual({ path: 'character_name', message: 'expected 1 to 64 characters, got 0' });
    expect(refusedField({ ...telemetry, character_name: 7 })).toStrictEqual({ path: 'character_name', message: 'expected a string, got 7' });
    expect(refusal({ ...telemetry, character_name: '' }).code).toBe('INVALID_FRAME');
  });

  it.each([
    ['a trailing space', 'Bob ', 'may not start or end with white space; got U+0020 at position 3'],
    ['a leading space', ' Bob', 'may not start or end with white space; got U+0020 at position 0'],
    ['a no-break space alone', '\u00a0', 'may not start or end with white space; got U+00A0 at position 0'],
    ['an ideographic space at the end', 'Bob\u3000', 'may not start or end with white space; got U+3000 at position 3'],
    ['a zero-width space', 'B\u200bob', 'may not hold control or invisible characters; got U+200B at position 1'],
    ['a right-to-left override', '\u202ebob', 'may not hold control or invisible characters; got U+202E at position 0'],
    ['a byte order mark', 'Bob\ufeff', 'may not hold control or invisible characters; got U+FEFF at position 3'],
    ['a bell', 'Bo\u0007b', 'may not hold control or invisible characters; got U+0007 at position 2'],
    ['a line separator', 'Bo\u2028b', 'may not hold control or invisible characters; got U+2028 at position 2'],
    ['a Hangul filler', 'Bob\u3164', 'may not hold control or invisible characters; got U+3164 at position 3'],
    ['a private use character', 'Bob\ue000', 'may not hold control or invisible characters; got U+E000 at position 3'],
  ])('refuse a character name with %s as INVALID_CHARACTER_NAME', (_what, name, message) => {
    const error = refusal({ ...telemetry, character_name: name });
    expect(error.code).toBe('INVALID_CHARACTER_NAME');
    expect(error.details).toStrictEqual([{ path: 'character_name', message: `a character name ${message}` }]);
    expect(error.ref.character_name).toBe(name);
  });
});

describe('timestamp', () => {
  it.each([
    ['2024-05-01T11:59:58.500Z', '2024-05-01T11:59:58.500Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['2000-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z'],
    ['2024-12-31T00:00:00.000Z', '2024-12-31T00:00:00.000Z'],
    ['2024-05-01t11:59:58.500z', '2024-05-01T11:59:58.500Z'],
    ['2024-05-01T13:59:58.5+02:00', '2024-05-01T11:59:58.500Z'],
    ['2024-05-01T06:29:58-0530', '2024-05-01T11:59:58.000Z'],
    ['2024-05-01T11:59:58.123456Z', '2024-05-01T11:59:58.123Z'],
    ['2024-05-01T11:59:58', '2024-05-01T11:59:58.000Z'],
    ['2024-05-01 11:59', '2024-05-01T11:59:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    [1_714_564_798_500, '2024-05-01T11:59:58.500Z'],
    ['1714564798500', '2024-05-01T11:59:58.500Z'],
  ])('read %j as %s (zone-less times are UTC)', (wire, iso) => {
    expect(field({ ...telemetry, timestamp: wire }, 'timestamp')).toStrictEqual(new Date(iso));
  });

  it('use the receive time when missing or null', () => {
    expect(field(telemetry, 'timestamp')).toBe(receivedAt);
    expect(field({ ...telemetry, timestamp: null }, 'timestamp')).toBe(receivedAt);
  });

  it.each([
    ['2024-02-30T00:00:00Z'], ['2024-05-01T24:00:00Z'], ['yesterday'], ['01/05/2024'], [1_714_564_798], [true],
    // The form toISOString writes, each part out of range once.
    ['2023-02-29T00:00:00.000Z'], ['1900-02-29T00:00:00.000Z'], ['2024-04-31T00:00:00.000Z'], ['2024-13-01T00:00:00.000Z'],
    ['2024-00-10T00:00:00.000Z'], ['2024-05-00T00:00:00.000Z'], ['2024-05-01T24:00:00.000Z'], ['2024-05-01T23:60:00.000Z'],
    ['2024-05-01T23:59:60.000Z'], ['0099-05-01T00:00:00.000Z'], ['2024-05-01T2x:00:00.000Z'],
  ])(
    'refuse %j',
    (wire) => {
      expect(refusedField({ ...telemetry, timestamp: wire })).toStrictEqual({
        path: 'timestamp',
        message: `expected an ISO-8601 timestamp or epoch milliseconds (after 1973), got ${typeof wire === 'string' ? JSON.stringify(wire) : wire}`,
      });
    },
  );
});

describe('onlinetime', () => {
  it.each([
    ['01:02:03', 3723],
    ['49:00:00', 176_400],
    ['2:03:04:05', 183_845],
    ['1d 02:03:04', 93_784],
    [3723, 3723],
    ['3723', 3723],
    [3723.9, 3723],
  ])('read %j as %i seconds', (wire, seconds) => {
    expect(field({ ...telemetry, onlinetime: wire }, 'onlinetime')).toBe(seconds);
  });

  it.each([['01:60:00'], ['05:30'], ['1:24:00:00'], [-5], ['an hour']])('refuse %j', (wire) => {
    expect(refusedField({ ...telemetry, onlinetime: wire })).toStrictEqual({
      path: 'onlinetime',
      message: `expected "HH:MM:SS" or a number of seconds, got ${typeof wire === 'string' ? JSON.stringify(wire) : wire}`,
    });
  });
});

describe('landblock', () => {
  it.each([
    ['0xA9B40019', '0xA9B40019'],
    ['0xa9b40019', '0xA9B40019'],
    ['A9B40019', '0xA9B40019'],
    ['0x19', '0x00000019'],
    [2_847_146_009, '0xA9B40019'],
    [-1_447_821_287, '0xA9B40019'],
  ])('read %j as %s', (wire, landblock) => {
    expect(field({ ...telemetry, landblock: wire }, 'landblock')).toBe(landblock);
  });

  it.each([['0xZZ'], ['0x1234567890'], [1.5], [2 ** 32]])('refuse %j', (wire) => {
    expect(refusedField({ ...telemetry, landblock: wire })).toStrictEqual({
      path: 'landblock',
      message: `expected a hex landblock such as "0xA9B40019" or a 32-bit integer, got ${typeof wire === 'string' ? JSON.stringify(wire) : wire}`,
    });
  });
});

describe('type', () => {
  it('accept the alias inventory for full_inventory', () => {
    expect(parsed({ type: 'inventory', character_name: 'Thorn', items: [] })).toStrictEqual({
      type: 'full_inventory',
      character_name: 'Thorn',
      timestamp: receivedAt,
      session_id: null,
      items: [],
      extra: {},
    });
  });
});

describe('nested objects and lists', () => {
  it('read missing or null optional lists and objects as null', () => {
    const frame = parsed({ type: 'full_inventory', character_name: 'Thorn', items: [{ id: 1, name: 'Cap', spells: null }] });
    expect(frame).toMatchObject({ items: [{ spells: null, coverage: null, ratings: null, wield_requirements: null }] });
  });

  it('coerce combat counters and read missing or null ones as 0', () => {
    const frame = parsed({
      type: 'combat_stats',
      character_name: 'Thorn',
      session: { monsters: { Drudge: { kills: '3', offense: { fire: { hits: '4', misses: null, crits: '' } }, defense: null } } },
    });
    expect(frame).toMatchObject({
      session: { monsters: { Drudge: { kills: 3, offense: { fire: { hits: 4, misses: 0, crits: 0, damage: 0, max_hit: 0 } }, defense: {} } } },
    });
  });

  it('read a session without monsters as no monsters', () => {
    expect(parsed({ type: 'combat_stats', character_name: 'Thorn', session: {} })).toMatchObject({ session: { monsters: {} } });
  });
});
