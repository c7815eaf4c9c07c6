/**
 * Hostile plugin frames: each is either stored exactly as sent (after the
 * documented coercion) or refused with its code, on a socket that stays
 * open, with the frames around it stored, by a process that keeps serving.
 * A finding goes into the tables below as one more case.
 */
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_NESTING, MAX_VALUES } from '@lifestone/lib/protocol';
import type { PubSub } from '../../lib/pubsub/index.js';
import { createMemoryPubSub } from '../../lib/pubsub/memory.js';
import { connectPlugin, INGEST_WAIT, type TestPlugin } from '@lifestone/test-kit/plugin';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';

const T = '2026-11-21T10:00:00.000Z';
const MAX_FRAME_BYTES = 262_144;

/** What a case is sent as: a frame object, raw text, a binary frame, or a text frame of raw bytes (which need not be UTF-8). */
type Wire = Record<string, unknown> | { raw: string } | { binary: Buffer } | { textBytes: Buffer };

/** Refused with `code`, or stored: `sql` (with the case's character name as $1) selects exactly `rows`. */
type Outcome = { code: string } | { sql: string; rows: Record<string, unknown>[] };

interface Case { name: string; wire: (character: string) => Wire; outcome: Outcome }

const chat = (character: string, fields: Record<string, unknown> = {}) => ({ type: 'chat', character_name: character, timestamp: T, channel: 'General', text: 'hi', ...fields });
const telemetry = (character: string, fields: Record<string, unknown> = {}) => ({ type: 'telemetry', character_name: character, timestamp: T, ew: 1, ns: 2, z: 3, ...fields });
const item = (fields: Record<string, unknown>) => ({ id: 1, name: 'Pyreal Mote', ...fields });
const inventory = (character: string, items: unknown[]) => ({ type: 'full_inventory', character_name: character, timestamp: T, items });

const refused = (code: string): Outcome => ({ code });
const CHAT_ROW = 'SELECT text, sender, extra FROM chat_messages WHERE character_name = $1';
const chatStored = (text: string, extra: unknown = null, sender: unknown = null): Outcome => ({ sql: CHAT_ROW, rows: [{ text, sender, extra }] });
const TELEMETRY_ROW = 'SELECT observed_at, ew, ns, z, kills, kills_per_hour, onlinetime_s, extra FROM telemetry_events WHERE character_name = $1';

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}
/** The same nesting as JSON text, built without recursion (JSON.stringify would overflow the stack at 20,000). */
function nestedText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}0${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
}

const cases: Case[] = [];
const add = (name: string, wire: Case['wire'], outcome: Outcome): void => void cases.push({ name, wire, outcome });

// Deep nesting, where unknown fields are kept raw: at the top, in an item, in a quest.
for (const depth of [MAX_NESTING + 1, 100, 1_000, 20_000]) {
  for (const kind of ['array', 'object'] as const) {
    const deep = nestedText(depth, kind);
    add(`${kind}s nested ${depth} deep in an unknown field`, (c) => ({ raw: `{"type":"chat","character_name":"${c}","channel":"General","text":"hi","junk":${deep}}` }), refused('FRAME_TOO_COMPLEX'));
    add(`${kind}s nested ${depth} deep in an item`, (c) => ({ raw: `{"type":"full_inventory","character_name":"${c}","items":[{"id":1,"name":"x","junk":${deep}}]}` }), refused('FRAME_TOO_COMPLEX'));
    add(`${kind}s nested ${depth} deep in a quest`, (c) => ({ raw: `{"type":"quest","character_name":"${c}","quests":[{"name":"q","junk":${deep}}]}` }), refused('FRAME_TOO_COMPLEX'));
  }
}
for (const kind of ['array', 'object'] as const) {
  const deepest = nested(MAX_NESTING - 1, kind);
  add(`${kind}s nested ${MAX_NESTING - 1} deep are kept as sent`, (c) => chat(c, { junk: deepest }), chatStored('hi', { junk: deepest }));
}

// Huge arrays and objects.
add('an unknown list of more values than a frame may hold', (c) => ({ raw: `{"type":"chat","character_name":"${c}","channel":"General","text":"hi","junk":[${'0,'.repeat(MAX_VALUES)}0]}` }), refused('FRAME_TOO_COMPLEX'));
add('more values than a frame may hold, spread over an object of lists', (c) => ({ raw: `{"type":"chat","character_name":"${c}","channel":"General","text":"hi","junk":{${Array.from({ length: 50 }, (_, i) => `"k${i}":[${'0,'.repeat(MAX_VALUES / 50)}0]`).join(',')}}}` }), refused('FRAME_TOO_COMPLEX'));
add('a list of 5,000 numbers is kept', (c) => chat(c, { junk: Array.from({ length: 5_000 }, (_, i) => i) }), chatStored('hi', { junk: Array.from({ length: 5_000 }, (_, i) => i) }));
add('an inventory of 2,000 items is stored', (c) => inventory(c, Array.from({ length: 2_000 }, (_, i) => item({ id: i + 1 }))), { sql: 'SELECT count(*)::int AS items FROM inventory_items WHERE character_name = $1', rows: [{ items: 2_000 }] });
add('a frame over the size limit', (c) => chat(c, { text: 'x'.repeat(MAX_FRAME_BYTES) }), refused('FRAME_TOO_LARGE'));

// Wrong types for every kind of field.
const wrong: Array<[string, (c: string) => Record<string, unknown>, string]> = [];
for (const value of [true, [], {}, 'abc', null, '', '0x10', 'NaN', 'Infinity', '-Infinity', '1e400']) {
  wrong.push([`ew ${JSON.stringify(value)}`, (c) => telemetry(c, { ew: value }), 'INVALID_FRAME']);
}
for (const value of [-1, 1.5, 'x', true, [], {}, 2 ** 31, '99999999999999999999', '1e10']) {
  wrong.push([`kills ${JSON.stringify(value)}`, (c) => telemetry(c, { kills: value }), 'INVALID_FRAME']);
}
for (const value of [true, 'yesterday', {}, [], 1714564798, '01/05/2024', -1, 0]) {
  wrong.push([`timestamp ${JSON.stringify(value)}`, (c) => telemetry(c, { timestamp: value }), 'INVALID_FRAME']);
}
for (const value of [5, true, [], {}, 'x'.repeat(65), '']) {
  wrong.push([`character_name ${JSON.stringify(value).slice(0, 20)}`, () => ({ type: 'chat', character_name: value, channel: 'General', text: 'hi' }), 'INVALID_FRAME']);
}
for (const value of [5, true, [], {}, null, 'nope', '']) {
  wrong.push([`type ${JSON.stringify(value)}`, (c) => ({ ...chat(c), type: value }), 'UNKNOWN_TYPE']);
}
for (const value of [5, true, [], {}, null]) {
  wrong.push([`chat text ${JSON.stringify(value)}`, (c) => chat(c, { text: value }), 'INVALID_FRAME']);
}
for (const value of [-1, 101, 'full', [], true]) {
  wrong.push([`health_pct ${JSON.stringify(value)}`, (c) => ({ type: 'vitals', character_name: c, health_pct: value, stamina_pct: 1, mana_pct: 1 }), 'INVALID_FRAME']);
}
for (const value of ['lots', {}, 5, null]) {
  wrong.push([`items ${JSON.stringify(value)}`, (c) => ({ type: 'full_inventory', character_name: c, items: value }), 'INVALID_FRAME']);
}
for (const value of [1.5, 'x', 2 ** 53, -(2 ** 53), null, {}]) {
  wrong.push([`item id ${JSON.stringify(value)}`, (c) => inventory(c, [item({ id: value })]), 'INVALID_FRAME']);
}
for (const value of ['explode', 5, null]) {
  wrong.push([`inventory_delta action ${JSON.stringify(value)}`, (c) => ({ type: 'inventory_delta', character_name: c, action: value, item: item({}) }), 'INVALID_FRAME']);
}
for (const value of ['0xZZ', '0x123456789', 2 ** 32, 1.5, true]) {
  wrong.push([`landblock ${JSON.stringify(value)}`, (c) => telemetry(c, { landblock: value }), 'INVALID_FRAME']);
}
for (const value of ['25:61:00', -5, 'forever', 1e300, 2 ** 31]) {
  wrong.push([`onlinetime ${JSON.stringify(value)}`, (c) => telemetry(c, { onlinetime: value }), 'INVALID_FRAME']);
}
for (const [name, wire, code] of wrong) add(`wrong type: ${name}`, wire, refused(code));
add('text that is not JSON', () => ({ raw: '{"type":"chat",' }), refused('INVALID_JSON'));
add('a JSON list', () => ({ raw: '[1,2,3]' }), refused('INVALID_JSON'));
add('a JSON string', () => ({ raw: '"chat"' }), refused('INVALID_JSON'));
add('JSON null', () => ({ raw: 'null' }), refused('INVALID_JSON'));
add('an empty frame', () => ({ raw: '' }), refused('INVALID_JSON'));

// Unicode: what is Unicode is kept exactly; NUL and lone surrogates cannot be stored and are refused.
const unicodeKept = ['🦄 emoji', '\uFEFFbom', '\u202Eright to left', 'e\u0301 combining', '\uFFFF', '\u{10FFFF}', 'tab\tand\nnewline', '"quotes" \\ backslash', 'ünïcødé 日本語'];
for (const text of unicodeKept) {
  add(`chat text ${JSON.stringify(text)} is kept`, (c) => chat(c, { text }), chatStored(text));
  add(`an unknown field ${JSON.stringify(text)} is kept`, (c) => chat(c, { junk: text }), chatStored('hi', { junk: text }));
  add(`an unknown key ${JSON.stringify(text)} is kept`, (c) => chat(c, { [text]: 1 }), chatStored('hi', { [text]: 1 }));
  add(`a sender ${JSON.stringify(text)} is kept`, (c) => chat(c, { sender: text }), chatStored('hi', null, text));
}
const unicodeRefused: Array<[string, string]> = [['NUL', 'a\u0000b'], ['a lone high surrogate', 'a\uD800b'], ['a lone low surrogate', 'a\uDC00b'], ['a high surrogate at the end', 'ab\uD83E'], ['reversed surrogates', '\uDE00\uD83D']];
for (const [what, text] of unicodeRefused) {
  add(`${what} in chat text`, (c) => chat(c, { text }), refused('INVALID_FRAME'));
  add(`${what} in a sender`, (c) => chat(c, { sender: text }), refused('INVALID_FRAME'));
  add(`${what} in a character name`, () => chat(`fuzz ${text}`), refused('INVALID_FRAME'));
  add(`${what} in an unknown field`, (c) => chat(c, { junk: text }), refused('INVALID_FRAME'));
  add(`${what} in an unknown key`, (c) => chat(c, { [text]: 1 }), refused('INVALID_FRAME'));
  add(`${what} in an item name`, (c) => inventory(c, [item({ name: text })]), refused('INVALID_FRAME'));
  add(`${what} in an item's unknown field`, (c) => inventory(c, [item({ junk: [text] })]), refused('INVALID_FRAME'));
  add(`${what} in vt_state`, (c) => telemetry(c, { vt_state: text }), refused('INVALID_FRAME'));
}

// Names that look like another character's: refused with their own code, whatever the frame type, or stored in NFC.
const lookalikeNames: Array<[string, string]> = [
  ['a trailing space', 'Bob '], ['a leading space', ' Bob'], ['a tab at the end', 'Bob\t'], ['a zero-width space', 'B\u200bob'],
  ['a zero-width joiner', 'Bo\u200db'], ['a right-to-left override', '\u202eboB'], ['a byte order mark', '\ufeffBob'],
  ['a no-break space alone', '\u00a0'], ['no-break spaces alone', '\u00a0\u00a0\u00a0'], ['a trailing no-break space', 'Bob\u00a0'],
  ['a control character', 'Bo\u0007b'], ['a Hangul filler', 'Bob\u3164'],
];
for (const [what, name] of lookalikeNames) add(`a character name with ${what}`, () => chat(name), refused('INVALID_CHARACTER_NAME'));
const framesOf = (name: string): Array<[string, Record<string, unknown>]> => [
  ['telemetry', telemetry(name)],
  ['vitals', { type: 'vitals', character_name: name, health_pct: 1, stamina_pct: 1, mana_pct: 1 }],
  ['share_vitals', { type: 'share_vitals', character_name: name, health_pct: 1, stamina_pct: 1, mana_pct: 1, group: 'Fellows' }],
  ['full_inventory', inventory(name, [item({})])],
  ['character_stats', { type: 'character_stats', character_name: name, level: 5 }],
  ['rare', { type: 'rare', character_name: name, name: 'Pyreal Mote', ew: 1, ns: 2, z: 3 }],
];
for (const [type, frame] of framesOf('B\u200bob ')) add(`a ${type} frame whose character name hides a zero-width space`, () => frame, refused('INVALID_CHARACTER_NAME'));
const NAME_AFTER_CASE = "SELECT substr(character_name, length($1) + 2) AS name, text FROM chat_messages WHERE starts_with(character_name, $1 || ' ')";
add('a character name in NFD is stored in NFC', (c) => chat(`${c} Re\u0301my`), { sql: NAME_AFTER_CASE, rows: [{ name: 'R\u00e9my', text: 'hi' }] });
add('a character name in NFC is stored as sent', (c) => chat(`${c} R\u00e9my`), { sql: NAME_AFTER_CASE, rows: [{ name: 'R\u00e9my', text: 'hi' }] });
add('a character name with a Cyrillic letter is stored as sent (the graph flags it)', (c) => chat(`${c} \u0412ob`), { sql: NAME_AFTER_CASE, rows: [{ name: '\u0412ob', text: 'hi' }] });

// Prototype keys are data like any other key.
for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
  const kept = JSON.parse(`{"${key}":{"polluted":true}}`) as Record<string, unknown>;
  add(`a top-level "${key}" key is kept`, (c) => ({ raw: `{"type":"chat","character_name":"${c}","channel":"General","text":"hi","${key}":{"polluted":true}}` }), chatStored('hi', kept));
  if (key === '__proto__') continue;
  add(`an item's "${key}" key is kept`, (c) => ({ raw: `{"type":"full_inventory","character_name":"${c}","items":[{"id":7,"name":"x","${key}":{"polluted":true}}]}` }), { sql: 'SELECT item_id, extra FROM inventory_items WHERE character_name = $1', rows: [{ item_id: 7, extra: kept }] });
}
add('a nested "__proto__" key, which validation cannot keep', (c) => ({ raw: `{"type":"full_inventory","character_name":"${c}","items":[{"id":7,"name":"x","__proto__":{"polluted":true}}]}` }), refused('INVALID_FRAME'));
add('a "__proto__" key deep in an unknown field', (c) => ({ raw: `{"type":"chat","character_name":"${c}","channel":"General","text":"hi","junk":{"__proto__":{"polluted":true}}}` }), refused('INVALID_FRAME'));
add('an object that polluted Object.prototype would show', (c) => chat(c, { junk: ({} as Record<string, unknown>).polluted ?? 'clean' }), chatStored('hi', { junk: 'clean' }));

// Extreme numbers: kept where the column holds them, refused where it cannot.
const numbersKept: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
  ['z 1e300', { z: 1e300 }, { z: 1e300 }],
  ['z -1e300', { z: -1e300 }, { z: -1e300 }],
  ['kills_per_hour 1e-300', { kills_per_hour: 1e-300 }, { kills_per_hour: 1e-300 }],
  ['ew 9999', { ew: 9999 }, { ew: 9999 }],
  ['ew "-9999"', { ew: '-9999' }, { ew: -9999 }],
  ['kills 2147483647', { kills: 2 ** 31 - 1 }, { kills: 2 ** 31 - 1 }],
  ['kills "12.0"', { kills: '12.0' }, { kills: 12 }],
  ['onlinetime 2147483647', { onlinetime: 2 ** 31 - 1 }, { onlinetime_s: 2 ** 31 - 1 }],
  ['onlinetime "596523:14:07"', { onlinetime: '596523:14:07' }, { onlinetime_s: 2 ** 31 - 1 }],
];
for (const [name, fields, expected] of numbersKept) {
  add(`${name} is stored`, (c) => telemetry(c, fields), { sql: TELEMETRY_ROW, rows: [{ observed_at: new Date(T), ew: 1, ns: 2, z: 3, kills: null, kills_per_hour: null, onlinetime_s: null, extra: null, ...expected }] });
}
for (const value of [1e300, -1e300, 10_000, '1e5']) add(`ew ${value}`, (c) => telemetry(c, { ew: value }), refused('INVALID_FRAME'));
add('a raw 1e400 in an unknown field', (c) => ({ raw: `{"type":"chat","character_name":"${c}","channel":"General","text":"hi","junk":1e400}` }), refused('INVALID_FRAME'));
add('a raw -1e400 in an item', (c) => ({ raw: `{"type":"full_inventory","character_name":"${c}","items":[{"id":1,"name":"x","junk":-1e400}]}` }), refused('INVALID_FRAME'));
add('a 1e300 in an unknown field is kept', (c) => chat(c, { junk: 1e300 }), chatStored('hi', { junk: 1e300 }));
add('a 2^53 + 1 in an unknown field is kept as JSON read it', (c) => ({ raw: `{"type":"chat","character_name":"${c}","channel":"General","text":"hi","junk":9007199254740993}` }), chatStored('hi', { junk: 9007199254740992 }));
add('an item value of 2^53 - 1 is stored', (c) => inventory(c, [item({ value: 2 ** 53 - 1 })]), { sql: 'SELECT value FROM inventory_items WHERE character_name = $1', rows: [{ value: 2 ** 53 - 1 }] });
add('a chat color of 2^31', (c) => chat(c, { color: 2 ** 31 }), refused('INVALID_FRAME'));
add('a quest available_in_s of 1e300', (c) => ({ type: 'quest', character_name: c, quests: [{ name: 'q', available_in_s: 1e300 }] }), refused('INVALID_FRAME'));
add('a quest available_in_s of 12.7 is stored as 12', (c) => ({ type: 'quest', character_name: c, quests: [{ name: 'q', available_in_s: 12.7 }] }), { sql: 'SELECT available_in_s FROM quests WHERE character_name = $1', rows: [{ available_in_s: 12 }] });

// Extreme dates.
const datesRefused: unknown[] = ['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '9999-12-31T23:00:00-05:00', -1, 8.64e15 + 1, 253402300800000, '253402300800000', 'garbage', '2026-02-30T00:00:00Z'];
for (const value of datesRefused) add(`timestamp ${JSON.stringify(value)}`, (c) => telemetry(c, { timestamp: value }), refused('INVALID_FRAME'));
add('a quest completed in year 10000', (c) => ({ type: 'quest', character_name: c, quests: [{ name: 'q', completed_at: '10000-01-01T00:00:00Z' }] }), refused('INVALID_FRAME'));
const datesKept: Array<[unknown, string]> = [['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'], [253402300799999, '9999-12-31T23:59:59.999Z'], ['1973-03-03T09:46:40Z', '1973-03-03T09:46:40.000Z'], ['0100-01-01T00:00:00Z', '0100-01-01T00:00:00.000Z'], ['2026-11-21T12:00:00+14:00', '2026-11-20T22:00:00.000Z']];
for (const [value, stored] of datesKept) {
  add(`timestamp ${JSON.stringify(value)} is stored`, (c) => telemetry(c, { timestamp: value }), { sql: 'SELECT observed_at FROM telemetry_events WHERE character_name = $1', rows: [{ observed_at: new Date(stored) }] });
}

// Binary frames: UTF-8 is read as text; anything else is refused.
add('a binary frame holding a JSON frame', (c) => ({ binary: Buffer.from(JSON.stringify(chat(c, { text: 'from binary' }))) }), chatStored('from binary'));
add('a binary frame that is not UTF-8', () => ({ binary: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) }), refused('INVALID_JSON'));
add('a binary frame of UTF-8 that is not JSON', () => ({ binary: Buffer.from('not json') }), refused('INVALID_JSON'));
add('an empty binary frame', () => ({ binary: Buffer.alloc(0) }), refused('INVALID_JSON'));

// Text frames whose bytes are not UTF-8 are refused like such binary frames; the socket stays open.
const utf8Json = (c: string, text: string) => Buffer.from(JSON.stringify(chat(c, { text })));
add('a text frame with a byte that is not UTF-8', (c) => ({ textBytes: Buffer.concat([utf8Json(c, 'x').subarray(0, 10), Buffer.from([0xff]), utf8Json(c, 'x').subarray(10)]) }), refused('INVALID_JSON'));
add('a text frame with a surrogate half encoded in UTF-8 (CESU-8)', (c) => ({ textBytes: Buffer.concat([Buffer.from(`{"type":"chat","character_name":"${c}","channel":"General","text":"`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]) }), refused('INVALID_JSON'));
add('a binary frame with a surrogate half encoded in UTF-8 (CESU-8)', (c) => ({ binary: Buffer.concat([Buffer.from(`{"type":"chat","character_name":"${c}","channel":"General","text":"`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]) }), refused('INVALID_JSON'));
add('a text frame cut in the middle of a character', (c) => ({ textBytes: Buffer.concat([Buffer.from(`{"type":"chat","character_name":"${c}","channel":"General","text":"`), Buffer.from('🦄').subarray(0, 2), Buffer.from('"}')]) }), refused('INVALID_JSON'));
add('a binary frame starting with a byte order mark', (c) => ({ binary: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Json(c, 'bom')]) }), refused('INVALID_JSON'));

// Deep nesting and huge lists where the protocol names the field.
for (const depth of [MAX_NESTING + 1, 20_000]) {
  add(`lists nested ${depth} deep as the items`, (c) => ({ raw: `{"type":"full_inventory","character_name":"${c}","items":${nestedText(depth, 'array')}}` }), refused('FRAME_TOO_COMPLEX'));
  add(`objects nested ${depth} deep as a monster`, (c) => ({ raw: `{"type":"combat_stats","character_name":"${c}","session":{"monsters":${nestedText(depth, 'object')}}}` }), refused('FRAME_TOO_COMPLEX'));
  add(`lists nested ${depth} deep as an item's coverage`, (c) => ({ raw: `{"type":"full_inventory","character_name":"${c}","items":[{"id":1,"name":"x","coverage":${nestedText(depth, 'array')}}]}` }), refused('FRAME_TOO_COMPLEX'));
  add(`objects nested ${depth} deep as an item's ratings`, (c) => ({ raw: `{"type":"full_inventory","character_name":"${c}","items":[{"id":1,"name":"x","ratings":${nestedText(depth, 'object')}}]}` }), refused('FRAME_TOO_COMPLEX'));
}
add('more values than a frame may hold as the quests', (c) => ({ raw: `{"type":"quest","character_name":"${c}","quests":[${'0,'.repeat(MAX_VALUES)}0]}` }), refused('FRAME_TOO_COMPLEX'));
add('more values than a frame may hold as the radar objects', (c) => ({ raw: `{"type":"nearby_objects","character_name":"${c}","objects":[${'0,'.repeat(MAX_VALUES)}0]}` }), refused('FRAME_TOO_COMPLEX'));

// Wrong types for the kinds the table above leaves out.
const moreWrong: Array<[string, (c: string) => Record<string, unknown>]> = [
  ...[{}, [], true].map((value) => [`session_id ${JSON.stringify(value)}`, (c: string) => telemetry(c, { session_id: value })] as [string, (c: string) => Record<string, unknown>]),
  ...['abc', {}, [], true, '1e400'].map((value) => [`z ${JSON.stringify(value)}`, (c: string) => telemetry(c, { z: value })] as [string, (c: string) => Record<string, unknown>]),
  ...['NaN', 'Infinity', '-Infinity', '0x10', '1,5'].map((value) => [`kills_per_hour ${JSON.stringify(value)}`, (c: string) => telemetry(c, { kills_per_hour: value })] as [string, (c: string) => Record<string, unknown>]),
  ...[1.5, 'red', 2 ** 31, -(2 ** 31) - 1].map((value) => [`chat color ${JSON.stringify(value)}`, (c: string) => chat(c, { color: value })] as [string, (c: string) => Record<string, unknown>]),
  ...['9007199254740993', '99999999999999999999', 1e300].map((value) => [`item value ${JSON.stringify(value)}`, (c: string) => inventory(c, [item({ value })])] as [string, (c: string) => Record<string, unknown>]),
  ...[-1, '-5'].map((value) => [`total_xp ${JSON.stringify(value)}`, (c: string) => ({ type: 'character_stats', character_name: c, level: 1, total_xp: value })] as [string, (c: string) => Record<string, unknown>]),
  ['stamina_pct "NaN"', (c) => ({ type: 'vitals', character_name: c, health_pct: 1, stamina_pct: 'NaN', mana_pct: 1 })],
  ['item ratings []', (c) => inventory(c, [item({ ratings: [] })])],
  ['item wield_requirements {}', (c) => inventory(c, [item({ wield_requirements: {} })])],
  ['item spells "x"', (c) => inventory(c, [item({ spells: 'x' })])],
  ['item coverage [{}]', (c) => inventory(c, [item({ coverage: [{}] })])],
  ['combat monsters []', (c) => ({ type: 'combat_stats', character_name: c, session: { monsters: [] } })],
  ['combat kills "lots"', (c) => ({ type: 'combat_stats', character_name: c, session: { monsters: { Drudge: { kills: 'lots' } } } })],
  ['dungeon tile x 1.5', (c) => ({ type: 'dungeon_map', character_name: c, landblock: '0x0001', tiles: [{ x: 1.5, y: 1 }] })],
  ['quest completed_at "soon"', (c) => ({ type: 'quest', character_name: c, quests: [{ name: 'q', completed_at: 'soon' }] })],
  ['ew of 200,000 digits and a letter', (c) => telemetry(c, { ew: `${'1'.repeat(200_000)}x` })],
  ['onlinetime of 200,000 digits and a letter', (c) => telemetry(c, { onlinetime: `${'1'.repeat(200_000)}x` })],
  ['timestamp ""', (c) => telemetry(c, { timestamp: '' })],
  ['timestamp 1e300', (c) => telemetry(c, { timestamp: 1e300 })],
  ['timestamp "-000001-01-01T00:00:00Z"', (c) => telemetry(c, { timestamp: '-000001-01-01T00:00:00Z' })],
];
for (const [name, wire] of moreWrong) add(`wrong type: ${name}`, wire, refused('INVALID_FRAME'));

// More extreme numbers that are kept exactly, and -0, which is stored as 0.
const TELEMETRY_NUMBERS = 'SELECT z, kills, kills_per_hour, mem_mb FROM telemetry_events WHERE character_name = $1';
const numbersStored: Array<[string, string, Record<string, unknown>]> = [
  ['kills_per_hour 1e-320 (subnormal)', '"kills_per_hour":1e-320', { kills_per_hour: 1e-320 }],
  ['kills_per_hour -5e-324 (the smallest subnormal)', '"kills_per_hour":-5e-324', { kills_per_hour: -5e-324 }],
  ['mem_mb 1.7976931348623157e308 (the largest double)', '"mem_mb":1.7976931348623157e308', { mem_mb: Number.MAX_VALUE }],
  ['z -0', '"z":-0', { z: 0 }],
  ['kills "-0"', '"kills":"-0"', { kills: 0 }],
  ['kills 12.000000000000000001 (JSON reads 12)', '"kills":12.000000000000000001', { kills: 12 }],
];
for (const [name, member, expected] of numbersStored) {
  add(`${name} is stored`, (c) => ({ raw: `{"type":"telemetry","character_name":"${c}","timestamp":"${T}","ew":1,"ns":2,"z":3,${member}}` }), { sql: TELEMETRY_NUMBERS, rows: [{ z: 3, kills: null, kills_per_hour: null, mem_mb: null, ...expected }] });
}

// Prototype keys where the protocol keys by name: kept as data, or refused where validation would lose them.
add('a monster named "constructor" is counted', (c) => ({ type: 'combat_stats', character_name: c, session: { monsters: { constructor: { kills: 3 }, toString: { kills: 1 } } } }), { sql: 'SELECT monster, kills FROM combat_lifetime_monsters WHERE character_name = $1 ORDER BY monster', rows: [{ monster: 'constructor', kills: 3 }, { monster: 'toString', kills: 1 }] });
add('a monster named "__proto__"', (c) => ({ raw: `{"type":"combat_stats","character_name":"${c}","session":{"monsters":{"__proto__":{"kills":3}}}}` }), refused('INVALID_FRAME'));
add('an attribute named "constructor" is kept', (c) => ({ type: 'character_stats', character_name: c, level: 5, attributes: { constructor: { base: 10 } } }), { sql: 'SELECT level, attributes FROM character_stats WHERE character_name = $1', rows: [{ level: 5, attributes: { constructor: { base: 10, creation: null } } }] });
add('a quest named "__proto__" is kept', (c) => ({ type: 'quest', character_name: c, quests: [{ name: '__proto__' }] }), { sql: 'SELECT quest_name FROM quests WHERE character_name = $1', rows: [{ quest_name: '__proto__' }] });

// Text PostgreSQL cannot hold, where the protocol keys by name.
for (const [what, text] of unicodeRefused.slice(0, 2)) {
  add(`${what} in a monster's name`, (c) => ({ type: 'combat_stats', character_name: c, session: { monsters: { [text]: { kills: 1 } } } }), refused('INVALID_FRAME'));
  add(`${what} in a quest's name`, (c) => ({ type: 'quest', character_name: c, quests: [{ name: text }] }), refused('INVALID_FRAME'));
  add(`${what} in a session id`, (c) => telemetry(c, { session_id: text }), refused('INVALID_FRAME'));
}

/** Sends a case's frame as its kind of WebSocket frame. */
function sendWire(plugin: TestPlugin, wire: Wire): void {
  if ('raw' in wire && typeof wire.raw === 'string') plugin.send(wire.raw);
  else if ('binary' in wire && Buffer.isBuffer(wire.binary)) plugin.socket.send(wire.binary, { binary: true });
  else if ('textBytes' in wire && Buffer.isBuffer(wire.textBytes)) plugin.socket.send(wire.textBytes, { binary: false });
  else plugin.send(JSON.stringify(wire));
}

describe.each([
  { threads: 2, label: 'on decode threads' },
  { threads: 0, label: 'on the main thread' },
])('hostile frames $label', ({ threads }) => {
  let stack: TestIngest;
  let plugin: TestPlugin;

  beforeAll(async () => {
    // One connection is refused every case: the allowance must not close it.
    stack = await startTestIngest({
      decodeThreads: threads, maxFrameBytes: MAX_FRAME_BYTES,
      rateLimit: 1_000_000, rateBurst: 1_000_000, byteRateLimit: 1e12, byteRateBurst: 1e12, refusalAllowance: 1_000_000,
    });
    plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
  });
  afterAll(async () => {
    await plugin.close();
    await stack.close();
  });

  it(`stores or refuses each of ${cases.length} cases, keeping the socket and the frames around each`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(220);
    for (const [index, testCase] of cases.entries()) {
      plugin.send(chat('Marker', { text: `before ${index}` }));
      sendWire(plugin, testCase.wire(`fuzz-${index}`));
      plugin.send(chat('Marker', { text: `after ${index}` }));
    }
    const refusals = cases.filter((testCase) => 'code' in testCase.outcome);
    const expectedCodes = refusals.map((testCase) => `${testCase.name}: ${(testCase.outcome as { code: string }).code}`);
    await expect.poll(async () => plugin.received.filter((frame) => frame.type === 'error').length, { ...INGEST_WAIT, timeout: 60_000 }).toBeGreaterThanOrEqual(expectedCodes.length);
    const markers = 'SELECT count(*)::int AS n FROM chat_messages WHERE character_name = $1';
    await expect.poll(async () => (await stack.db.query(markers, ['Marker'])).rows[0].n as number, { ...INGEST_WAIT, timeout: 60_000 }).toBeGreaterThanOrEqual(2 * cases.length);
    await stack.ingest.flush();

    // Error frames come in the order of the frames they refuse.
    const errors = plugin.received.filter((frame) => frame.type === 'error');
    expect(errors.map((frame, i) => `${refusals[i]?.name ?? 'more than expected'}: ${String(frame.code)}`)).toStrictEqual(expectedCodes);
    expect(errors.every((frame) => typeof frame.message === 'string' && frame.message.length > 10)).toBe(true);

    const mismatches: string[] = [];
    for (const [index, testCase] of cases.entries()) {
      if ('code' in testCase.outcome) continue;
      const { rows } = await stack.db.query(testCase.outcome.sql, [`fuzz-${index}`]);
      try {
        expect(rows).toEqual(testCase.outcome.rows);
      } catch {
        mismatches.push(`${testCase.name}: ${JSON.stringify(rows).slice(0, 300)}`);
      }
    }
    expect(mismatches).toStrictEqual([]);

    const { rows: markerRows } = await stack.db.query('SELECT text FROM chat_messages WHERE character_name = $1', ['Marker']);
    expect(new Set(markerRows.map((row) => row.text)).size).toBe(2 * cases.length);
    expect((await stack.db.query('SELECT count(*)::int AS n FROM undeliverable_events')).rows[0].n).toBe(0);
    expect(plugin.socket.readyState).toBe(plugin.socket.OPEN);
    const health = await fetch(`${stack.ingest.url}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);
});

/** Ingest still serves: a new plugin's chat line for `character` is stored, and `/healthz` answers 200. */
async function expectStillServing(stack: TestIngest, character: string): Promise<void> {
  const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
  plugin.send(chat(character, { text: '0 stored' }));
  await expect.poll(() => chatLines(stack, character), INGEST_WAIT).toHaveLength(1);
  await plugin.close();
  expect((await fetch(`${stack.ingest.url}/healthz`)).status).toBe(200);
}

/** The texts of the chat lines stored for `character`, in the order sent (each text starts with its number). */
async function chatLines(stack: TestIngest, character: string): Promise<string[]> {
  const { rows } = await stack.db.query('SELECT text FROM chat_messages WHERE character_name = $1 ORDER BY split_part(text, \' \', 1)::int', [character]);
  return rows.map((row) => String(row.text).split(' ')[0] as string);
}

const errorCodes = (plugin: TestPlugin) => plugin.received.filter((frame) => frame.type === 'error').map((frame) => frame.code);

describe.each([
  { threads: 2, label: 'on decode threads' },
  { threads: 0, label: 'on the main thread' },
])('rate limits and failures inside ingest $label', ({ threads }) => {
  it('refuses frames past the frame rate, stores those before, and takes them again once the bucket refills', async () => {
    const stack = await startTestIngest({ decodeThreads: threads, rateLimit: 5, rateBurst: 10 });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    try {
      for (let n = 0; n < 15; n++) plugin.send(chat('Frames', { text: `${n} hi` }));
      await expect.poll(async () => errorCodes(plugin).length, INGEST_WAIT).toBeGreaterThanOrEqual(5);
      await new Promise((resolve) => setTimeout(resolve, 400));
      plugin.send(chat('Frames', { text: '15 hi' }));
      await expect.poll(() => chatLines(stack, 'Frames'), INGEST_WAIT).toContain('15');
      expect(await chatLines(stack, 'Frames')).toStrictEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '15']);
      expect(errorCodes(plugin)).toStrictEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
      expect(String(plugin.received[0]?.message)).toContain('5 frames per second (bursts of 10)');
      expect(plugin.socket.readyState).toBe(plugin.socket.OPEN);
      expect((await fetch(`${stack.ingest.url}/healthz`)).status).toBe(200);
    } finally {
      await plugin.close();
      await stack.close();
    }
  });

  it('refuses frames past the byte rate, and takes them again once the bucket refills', async () => {
    const stack = await startTestIngest({ decodeThreads: threads, byteRateLimit: 10_000, byteRateBurst: 20_000 });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    try {
      const big = (n: number) => chat('Bytes', { text: `${n} ${'x'.repeat(8_000)}` });
      for (let n = 0; n < 4; n++) plugin.send(big(n));
      const refusal = await plugin.waitFor((frame) => frame.type === 'error');
      expect(refusal).toMatchObject({ code: 'RATE_LIMITED', ref: { type: 'chat', character_name: 'Bytes' } });
      expect(String(refusal.message)).toContain('10000 bytes per second');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      plugin.send(big(4));
      await expect.poll(() => chatLines(stack, 'Bytes'), INGEST_WAIT).toContain('4');
      expect(await chatLines(stack, 'Bytes')).toStrictEqual(['0', '1', '4']);
      expect(errorCodes(plugin)).toStrictEqual(['RATE_LIMITED', 'RATE_LIMITED']);
      expect(plugin.socket.readyState).toBe(plugin.socket.OPEN);
    } finally {
      await plugin.close();
      await stack.close();
    }
  });

  it('counts the bytes of a frame over the size limit against the byte rate: what follows waits until they are paid off', async () => {
    // A frame limit of 25 KB: the 40 KB frame is under twice it, so it is read and refused rather than closing the connection.
    const stack = await startTestIngest({ decodeThreads: threads, maxFrameBytes: 25_000, byteRateLimit: 10_000, byteRateBurst: 20_000 });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    try {
      const sentAt = Date.now();
      // 40 KB read against a bucket of 20 KB: 20 KB owed, two seconds at 10 KB/s.
      plugin.send(chat('Oversize', { text: `0 ${'x'.repeat(40_000)}` }));
      plugin.send(chat('Oversize', { text: '1 right after' }));
      await expect.poll(async () => errorCodes(plugin).length, INGEST_WAIT).toBeGreaterThanOrEqual(2);
      expect(errorCodes(plugin)).toStrictEqual(['FRAME_TOO_LARGE', 'RATE_LIMITED']);
      // Once the debt is paid (and the frame's own 500 bytes have flowed in), frames pass again.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + 2_300 - Date.now())));
      plugin.send(chat('Oversize', { text: '2 later' }));
      await expect.poll(() => chatLines(stack, 'Oversize'), INGEST_WAIT).toContain('2');
      expect(await chatLines(stack, 'Oversize')).toStrictEqual(['2']);
      expect(errorCodes(plugin)).toStrictEqual(['FRAME_TOO_LARGE', 'RATE_LIMITED']);
    } finally {
      await plugin.close();
      await stack.close();
    }
  });

  it('stops queueing error frames for a plugin that reads none of them, and stores what it sends after', async () => {
    const stack = await startTestIngest({ decodeThreads: threads, rateLimit: 1_000_000, rateBurst: 1_000_000, refusalAllowance: 1_000_000 });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    try {
      // A plugin that sends garbage and never reads: each frame is refused, and the refusals pile up on ingest's side.
      plugin.socket.pause();
      const flood = 100_000;
      for (let n = 0; n < flood; n++) plugin.send('x');
      plugin.send(chat('Deaf', { text: '0 after the flood' }));
      await expect.poll(() => chatLines(stack, 'Deaf'), { ...INGEST_WAIT, timeout: 60_000 }).toHaveLength(1);
      expect((await fetch(`${stack.ingest.url}/healthz`)).status).toBe(200);
      plugin.socket.resume();
      // What was queued arrives; the rest was never queued (about 1 MiB of error frames beyond what the kernel buffers).
      let heard = -1;
      while (heard !== errorCodes(plugin).length) {
        heard = errorCodes(plugin).length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(heard).toBeGreaterThan(0);
      expect(heard).toBeLessThan(flood / 2);
      expect(plugin.socket.readyState).toBe(plugin.socket.OPEN);
      // Once it reads again, it hears of its refused frames again.
      plugin.send('y');
      await expect.poll(async () => errorCodes(plugin).length, INGEST_WAIT).toBe(heard + 1);
    } finally {
      await plugin.close();
      await stack.close();
    }
  }, 90_000);

  it('stores every frame and keeps serving when publishing throws instead of rejecting', async () => {
    const memory = createMemoryPubSub();
    const throwing: PubSub = {
      ...memory,
      publishMany: () => {
        throw new Error('the pubsub failed synchronously');
      },
    };
    const stack = await startTestIngest({ decodeThreads: threads, pubsub: throwing });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    try {
      plugin.send(telemetry('Unpublished'));
      plugin.send(chat('Unpublished', { text: '0 stored' }));
      plugin.send(telemetry('Unpublished', { timestamp: '2026-11-21T10:00:02.000Z' }));
      await expect.poll(async () => (await stack.db.query(`SELECT count(*)::int AS n FROM telemetry_events WHERE character_name = 'Unpublished'`)).rows[0].n as number, INGEST_WAIT).toBe(2);
      await expect.poll(() => chatLines(stack, 'Unpublished'), INGEST_WAIT).toHaveLength(1);
      await stack.ingest.flush();
      expect(errorCodes(plugin)).toStrictEqual([]);
      expect((await fetch(`${stack.ingest.url}/healthz`)).status).toBe(200);
    } finally {
      await plugin.close();
      await stack.close();
      await memory.close();
    }
  });
});

describe('pubsub failures around a connection', () => {
  it('keeps running when subscribing for a plugin failed and the plugin then leaves', async () => {
    const memory = createMemoryPubSub();
    const refusing: PubSub = { ...memory, subscribe: () => Promise.reject(new Error('the pubsub refused the subscription')) };
    const stack = await startTestIngest({ pubsub: refusing });
    try {
      const leaving = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      leaving.send(telemetry('Leaving'));
      leaving.send({ type: 'share_vitals', character_name: 'Leaving', timestamp: T, health_pct: 50, stamina_pct: 50, mana_pct: 50, group: 'Fellows' });
      await expect.poll(async () => (await stack.db.query(`SELECT count(*)::int AS n FROM vitals_events WHERE character_name = 'Leaving'`)).rows[0].n as number, INGEST_WAIT).toBe(1);
      await leaving.close();
      await expectStillServing(stack, 'Staying');
    } finally {
      await stack.close();
      await memory.close();
    }
  });
});

/** Sends `request` as is on a new TCP connection to `port`; resolves with the answer's status line ('' when none came). */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => (text += String(chunk)));
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('plugins that reset the connection during the upgrade', () => {
  it('keeps running when a refused or still-authenticating upgrade is reset, and keeps serving', async () => {
    const stack = await startTestIngest();
    try {
      const { port } = stack.ingest;
      const upgrade = (credential: string): string =>
        `GET /ws/position HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${credential}\r\n\r\n`;
      // A wrong secret is refused at once, an unknown key once ingest has read its row, protocol 2 without a stream id at once.
      const requests = [upgrade('X-Plugin-Secret: wrong'), upgrade('X-Plugin-Key: lsk_unknown'), upgrade(`X-Plugin-Secret: ${TEST_SECRET}\r\nX-Lifestone-Protocol: 2`)];
      for (let round = 0; round < 20; round++) {
        await Promise.all(requests.map((request) => resetAfterSending(port, request, round % 2 === 0 ? 0 : 5)));
      }
      await expectStillServing(stack, 'AfterResets');
    } finally {
      await stack.close();
    }
  });
});

/** Sends `request` on a new TCP connection to `port` and resets the connection (RST) `afterMs` later, without reading the answer. */
function resetAfterSending(port: number, request: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.write(request, () => setTimeout(() => socket.resetAndDestroy(), afterMs));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

describe('requests whose target is not a URL', () => {
  it.each(['http://[', 'http://[::1', 'http://:99999/'])('answers %s with 400, on HTTP and on an upgrade, and keeps serving', async (target) => {
    const stack = await startTestIngest();
    try {
      const { port } = stack.ingest;
      expect(await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
      const upgrade = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Plugin-Secret: ${TEST_SECRET}\r\n\r\n`;
      expect(await rawRequest(port, upgrade)).toBe('HTTP/1.1 400 Bad Request');
      await expectStillServing(stack, 'AfterBadUrl');
    } finally {
      await stack.close();
    }
  });
});

describe('connection limit', () => {
  it('refuses connections past the limit per secret with 503, and takes one again when another closes', async () => {
    const stack = await startTestIngest({ maxConnectionsPerSecret: 2 });
    try {
      const first = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      const second = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      await expect(connectPlugin(stack.ingest.pluginUrl, TEST_SECRET)).rejects.toThrow('refused with HTTP 503');
      await first.close();
      // The slot the first one left frees up once ingest has seen it close.
      const third = await vi.waitFor(() => connectPlugin(stack.ingest.pluginUrl, TEST_SECRET), INGEST_WAIT);
      await second.close();
      await third?.close();
    } finally {
      await stack.close();
    }
  });

  it('counts only upgrades that succeed: malformed handshakes with the right secret take no place', async () => {
    const stack = await startTestIngest({ maxConnectionsPerSecret: 2 });
    try {
      // The right secret, but no Sec-WebSocket-Key: ws answers 400 and the connection never opens.
      const malformed = `GET /ws/position HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nX-Plugin-Secret: ${TEST_SECRET}\r\n\r\n`;
      for (let n = 0; n < 5; n++) expect(await rawRequest(stack.ingest.port, malformed)).toBe('HTTP/1.1 400 Bad Request');
      const first = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      const second = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      await expect(connectPlugin(stack.ingest.pluginUrl, TEST_SECRET)).rejects.toThrow('refused with HTTP 503');
      await first.close();
      await second.close();
    } finally {
      await stack.close();
    }
  });
});

/**
 * Opens a plugin connection by hand and sends the header of one text frame
 * announcing `length` bytes, and nothing of its payload; resolves with the
 * close code ingest answers with once it closes the connection.
 */
function announceFrame(port: number, length: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(
      `GET /ws/position HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Plugin-Secret: ${TEST_SECRET}\r\n\r\n`,
    ));
    let received = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (upgraded || end < 0) return;
      upgraded = true;
      if (!received.subarray(0, end).toString().startsWith('HTTP/1.1 101')) return reject(new Error(`not upgraded: ${received.toString()}`));
      received = received.subarray(end + 4);
      // FIN + text, masked, 64-bit length, then the mask: the payload never follows.
      const header = Buffer.alloc(14);
      header[0] = 0x81;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(length), 2);
      socket.write(header);
    });
    // The close frame: 0x88, its length, then the code.
    socket.on('close', () => resolve(received[0] === 0x88 && received.length >= 4 ? received.readUInt16BE(2) : undefined));
    socket.on('error', reject);
  });
}

describe('plugins that keep sending what is refused', () => {
  it('closes a connection with 4429 at the refusal past its allowance; its neighbour\'s frames are stored', async () => {
    const stack = await startTestIngest({ refusalAllowance: 5, refusalWindowMs: 60_000 });
    const noisy = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    const neighbour = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    try {
      const closed = new Promise<{ code: number; reason: string }>((resolve) => noisy.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
      // Five refusals are within the allowance: the connection stays and its next frame is stored.
      for (let n = 0; n < 5; n++) noisy.send('not json');
      noisy.send(chat('Noisy', { text: '0 within the allowance' }));
      await expect.poll(() => chatLines(stack, 'Noisy'), INGEST_WAIT).toStrictEqual(['0']);
      expect(noisy.socket.readyState).toBe(noisy.socket.OPEN);
      neighbour.send(chat('Neighbour', { text: '0 before' }));
      noisy.send('not json');
      expect(await closed).toStrictEqual({ code: 4429, reason: 'more frames refused than the allowance of 5 per 60 s' });
      expect(errorCodes(noisy)).toStrictEqual(Array.from({ length: 6 }, () => 'INVALID_JSON'));
      neighbour.send(chat('Neighbour', { text: '1 after' }));
      await expect.poll(() => chatLines(stack, 'Neighbour'), INGEST_WAIT).toStrictEqual(['0', '1']);
      expect(neighbour.socket.readyState).toBe(neighbour.socket.OPEN);
      expect(await (await fetch(`${stack.ingest.url}/metrics`)).text()).toContain('lifestone_plugin_connections_closed_total{code="4429"} 1');
    } finally {
      await neighbour.close();
      await stack.close();
    }
  });

  it('closes a connection (1009) on the header of a 16 MiB frame, without waiting for its bytes; its neighbour is stored', async () => {
    const stack = await startTestIngest({ maxFrameBytes: 1_048_576 });
    const neighbour = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    try {
      expect(await announceFrame(stack.ingest.port, 16 * 1_048_576)).toBe(1009);
      // Twice the limit is the most ingest reads before refusing: one byte more closes too.
      expect(await announceFrame(stack.ingest.port, 2 * 1_048_576 + 1)).toBe(1009);
      neighbour.send(chat('Beside', { text: '0 stored' }));
      await expect.poll(() => chatLines(stack, 'Beside'), INGEST_WAIT).toStrictEqual(['0']);
      expect(neighbour.socket.readyState).toBe(neighbour.socket.OPEN);
    } finally {
      await neighbour.close();
      await stack.close();
    }
  });
});
