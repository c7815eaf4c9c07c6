import { describe, expect, it } from 'vitest';
import { ErrorCode, parseFrameObject, parseSequencedFrame } from './index.js';
import { parsed, receivedAt, refusal } from '@lifestone/test-kit/protocol';

const knownTypes =
  'telemetry, vitals, character_stats, full_inventory, inventory_delta, equipment_cantrip_state, portal, spawn, chat, quest, ' +
  'rare, nearby_objects, combat_stats, share_vitals, dungeon_map, inventory (= full_inventory)';

const noRef = { type: null, character_name: null };

describe('INVALID_JSON', () => {
  it('refuses text that is not JSON, saying why', () => {
    const error = refusal('{"type": "telemetry",');
    expect(error).toMatchObject({ code: ErrorCode.INVALID_JSON, ref: noRef, details: [] });
    expect(error.message).toMatch(/^frame is not valid JSON: ./);
  });

  it.each([
    ['[{"type":"telemetry"}]', 'an array'],
    ['42', '42'],
    ['null', 'null'],
    ['"telemetry"', '"telemetry"'],
  ])('refuses %s, which is JSON but not an object', (text, got) => {
    expect(refusal(text)).toStrictEqual({
      code: ErrorCode.INVALID_JSON,
      message: `expected a JSON object, got ${got}`,
      ref: noRef,
      details: [],
    });
  });
});

describe('UNKNOWN_TYPE', () => {
  it('refuses a frame without type, listing the known types', () => {
    expect(refusal({ character_name: 'Thorn', ew: 1 })).toStrictEqual({
      code: ErrorCode.UNKNOWN_TYPE,
      message: `frame has no "type"; known types: ${knownTypes}`,
      ref: { type: null, character_name: 'Thorn' },
      details: [{ path: 'type', message: 'required' }],
    });
  });

  it('refuses a type this protocol version does not know', () => {
    expect(refusal({ type: 'teleport', character_name: 'Thorn' })).toStrictEqual({
      code: ErrorCode.UNKNOWN_TYPE,
      message: `unknown frame type "teleport"; known types: ${knownTypes}`,
      ref: { type: 'teleport', character_name: 'Thorn' },
      details: [{ path: 'type', message: 'expected a known frame type, got "teleport"' }],
    });
  });

  it('refuses names inherited from Object.prototype and types that are not strings', () => {
    expect(refusal({ type: 'constructor' })).toMatchObject({ code: ErrorCode.UNKNOWN_TYPE, ref: { type: 'constructor', character_name: null } });
    expect(refusal({ type: 3, character_name: 4 })).toStrictEqual({
      code: ErrorCode.UNKNOWN_TYPE,
      message: `unknown frame type 3; known types: ${knownTypes}`,
      ref: noRef,
      details: [{ path: 'type', message: 'expected a known frame type, got 3' }],
    });
  });
});

describe('INVALID_FRAME', () => {
  it('has one detail per refused field and spells out the first three in the message', () => {
    const wire = { type: 'telemetry', character_name: 'Thorn', ew: 'west', ns: null, kills: 1.5, deaths: -2, heading: 'up' };
    expect(refusal(wire)).toStrictEqual({
      code: ErrorCode.INVALID_FRAME,
      message:
        'invalid telemetry frame: ew: expected a number, got "west"; ns: expected a number, got null; z: required; and 3 more',
      ref: { type: 'telemetry', character_name: 'Thorn' },
      details: [
        { path: 'ew', message: 'expected a number, got "west"' },
        { path: 'ns', message: 'expected a number, got null' },
        { path: 'z', message: 'required' },
        { path: 'heading', message: 'expected a number, got "up"' },
        { path: 'kills', message: 'expected a non-negative integer, got 1.5' },
        { path: 'deaths', message: 'expected a non-negative integer, got -2' },
      ],
    });
  });

  it('gives the path into nested maps and lists', () => {
    const wire = {
      type: 'combat_stats',
      character_name: 'Thorn',
      session: { monsters: { 'Drudge Ravager': { offense: { fire: { hits: 'many' } } }, Olthoi: [] } },
    };
    expect(refusal(wire).details).toStrictEqual([
      { path: 'session.monsters.Drudge Ravager.offense.fire.hits', message: 'expected a non-negative integer, got "many"' },
      { path: 'session.monsters.Olthoi', message: 'expected an object, got an array' },
    ]);
  });

  it('names missing and wrongly shaped lists and objects', () => {
    expect(refusal({ type: 'quest', character_name: 'Thorn' }).details).toStrictEqual([{ path: 'quests', message: 'required' }]);
    expect(refusal({ type: 'quest', character_name: 'Thorn', quests: {} }).details).toStrictEqual([
      { path: 'quests', message: 'expected an array, got an object' },
    ]);
    expect(refusal({ type: 'combat_stats', character_name: 'Thorn', session: 'none' }).details).toStrictEqual([
      { path: 'session', message: 'expected an object, got "none"' },
    ]);
  });

  it('checks the inventory_delta action and, for add and update, the whole item', () => {
    const delta = { type: 'inventory_delta', character_name: 'Thorn' };
    expect(refusal({ ...delta, action: 'delete', item: { id: 1 } })).toStrictEqual({
      code: ErrorCode.INVALID_FRAME,
      message: 'invalid inventory_delta frame: action: expected "add" or "update" or "remove", got "delete"',
      ref: { type: 'inventory_delta', character_name: 'Thorn' },
      details: [{ path: 'action', message: 'expected "add" or "update" or "remove", got "delete"' }],
    });
    expect(refusal({ ...delta, item: { id: 1 } }).details).toStrictEqual([{ path: 'action', message: 'required' }]);
    expect(refusal({ ...delta, action: 'add', item: { id: 1 } }).details).toStrictEqual([{ path: 'item.name', message: 'required' }]);
    expect(refusal({ ...delta, action: 'remove', item: { name: 'Cap' } }).details).toStrictEqual([{ path: 'item.id', message: 'required' }]);
  });

  it('refers to the frame by the type it was sent as', () => {
    expect(refusal({ type: 'inventory', character_name: 'Thorn', items: [{ id: 'x', name: 'Cap' }] })).toStrictEqual({
      code: ErrorCode.INVALID_FRAME,
      message: 'invalid full_inventory frame: items.0.id: expected an integer, got "x"',
      ref: { type: 'inventory', character_name: 'Thorn' },
      details: [{ path: 'items.0.id', message: 'expected an integer, got "x"' }],
    });
  });

  it('leaves character_name out of ref when it is not a string', () => {
    expect(refusal({ type: 'chat', character_name: ['Thorn'], channel: 'Local', text: 'hi' })).toStrictEqual({
      code: ErrorCode.INVALID_FRAME,
      message: 'invalid chat frame: character_name: expected a string, got an array',
      ref: { type: 'chat', character_name: null },
      details: [{ path: 'character_name', message: 'expected a string, got an array' }],
    });
  });
});

describe('unknown fields', () => {
  const chat = { type: 'chat', character_name: 'Thorn', channel: 'Local', text: 'hi' };

  it('are kept in extra at the top level, which is empty when there are none', () => {
    expect(parsed(chat)).toMatchObject({ extra: {} });
    const frame = parsed({ ...chat, plugin_version: '2.1.0', flags: { afk: true }, extra: 5 });
    expect(frame.extra).toStrictEqual({ plugin_version: '2.1.0', flags: { afk: true }, extra: 5 });
    expect(frame).not.toHaveProperty('plugin_version');
  });

  it('stay in place inside nested objects', () => {
    const frame = parsed({ type: 'quest', character_name: 'Thorn', quests: [{ name: 'Stipend', flag: 'x' }], note: 1 });
    expect(frame).toMatchObject({ quests: [{ name: 'Stipend', flag: 'x' }], extra: { note: 1 } });
  });

  it('keep a __proto__ key from the wire as an own field', () => {
    const frame = parsed(`{"type":"chat","character_name":"Thorn","channel":"Local","text":"hi","__proto__":{"admin":true}}`);
    expect(Object.keys(frame.extra)).toStrictEqual(['__proto__']);
    expect(Object.getPrototypeOf(frame.extra)).toBe(Object.prototype);
  });
});

describe('parseFrameObject', () => {
  it('parses an object already decoded, leaving it untouched', () => {
    const wire = { type: 'chat', character_name: 'Thorn', channel: 'Local', text: 'hi', kills: '3' };
    const snapshot = structuredClone(wire);
    const result = parseFrameObject(wire, receivedAt);
    expect(result).toStrictEqual({
      ok: true,
      frame: {
        type: 'chat',
        character_name: 'Thorn',
        timestamp: receivedAt,
        session_id: null,
        channel: 'Local',
        text: 'hi',
        color: null,
        sender: null,
        extra: { kills: '3' },
      },
    });
    expect(wire).toStrictEqual(snapshot);
    expect(result.ok && result.frame).not.toBe(wire);
  });

  it('refuses what is not an object', () => {
    expect(parseFrameObject(undefined, receivedAt)).toStrictEqual({
      ok: false,
      error: { code: ErrorCode.INVALID_JSON, message: 'expected a JSON object, got nothing', ref: noRef, details: [] },
    });
  });
});

describe('protocol 2 frames (parseSequencedFrame)', () => {
  const at = new Date('2025-11-21T00:00:00Z');
  const telemetry = { type: 'telemetry', character_name: 'Seq', ew: 1, ns: 2, z: 3 };

  it('reads seq beside the frame, coerced like any integer, and keeps it out of extra', () => {
    const result = parseSequencedFrame(JSON.stringify({ seq: '12', ...telemetry, other: 1 }), at);
    expect(result.ok && result.seq).toBe(12);
    expect(result.ok && result.frame.extra).toStrictEqual({ other: 1 });
  });

  it.each([
    [{ ...telemetry }, 'required'],
    [{ seq: 0, ...telemetry }, 'expected a whole number from 1 to 9007199254740991, got 0'],
    [{ seq: 1.5, ...telemetry }, 'expected a whole number, got 1.5'],
    [{ seq: null, ...telemetry }, 'expected a whole number, got null'],
  ])('refuses %j as INVALID_SEQ', (frame, problem) => {
    const result = parseSequencedFrame(JSON.stringify(frame), at);
    expect(result).toStrictEqual({
      ok: false,
      error: {
        code: ErrorCode.INVALID_SEQ,
        message: `protocol 2 frames carry "seq", a whole number from 1, one more per frame of the stream: ${problem}`,
        ref: { type: 'telemetry', character_name: 'Seq' },
        details: [{ path: 'seq', message: problem }],
        seq: null,
      },
    });
  });

  it('names the seq of a frame refused for anything else', () => {
    const result = parseSequencedFrame(JSON.stringify({ seq: 7, type: 'telemetry', character_name: 'Seq' }), at);
    expect(result.ok).toBe(false);
    expect(!result.ok && [result.error.code, result.error.seq]).toStrictEqual([ErrorCode.INVALID_FRAME, 7]);
  });
});
