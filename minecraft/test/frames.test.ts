import { describe, expect, it } from 'vitest';
import { chatFrame, headingOf, leftPlayerOf, mapPosition, parseCommand, reasonText, telemetryFrame, vitalsFrame } from '../src/frames.js';

const context = { server: 'survival', session: 'survival-1700000000000', at: new Date('2026-11-24T18:00:00.000Z') };
const envelope = { character_name: 'Alice', timestamp: '2026-11-24T18:00:00.000Z', session_id: 'survival-1700000000000', game: 'MINECRAFT', server: 'survival' };

describe('mapPosition', () => {
  it('maps block coordinates with north up: ew = x, ns = -z, z = y', () => {
    expect(mapPosition({ x: 17.3, y: 64.9, z: -120.5 })).toEqual({ ew: 17, ns: 121, z: 64 });
    expect(mapPosition({ x: -0.5, y: -3.2, z: 0.7 })).toEqual({ ew: -1, ns: 0, z: -4 });
  });

  it('leaves out what the protocol cannot carry (beyond ±9999)', () => {
    expect(mapPosition({ x: 9_999.9, y: 70, z: -9_998.5 })).toEqual({ ew: 9_999, ns: 9_999, z: 70 });
    expect(mapPosition({ x: 10_000, y: 70, z: 0 })).toBeUndefined();
    expect(mapPosition({ x: 0, y: 70, z: -10_001 })).toBeUndefined();
    expect(mapPosition({ x: Number.NaN, y: 70, z: 0 })).toBeUndefined();
  });
});

describe('headingOf', () => {
  it('turns mineflayer yaw (counter-clockwise from north) into a compass heading', () => {
    expect(headingOf(0)).toBe(0);
    expect(headingOf(Math.PI / 2)).toBe(270);
    expect(headingOf(-Math.PI / 2)).toBe(90);
    expect(headingOf(Math.PI)).toBe(180);
    expect(headingOf(4 * Math.PI)).toBe(0);
  });
});

describe('frames', () => {
  it('telemetry carries the mapped position, the deaths seen this session and the world', () => {
    expect(
      telemetryFrame({ name: 'Alice', position: { x: 10.5, y: 5, z: 20.2 }, yaw: Math.PI, dimension: 'overworld', deaths: 2, onlineSeconds: 61.8 }, context),
    ).toEqual({ type: 'telemetry', ...envelope, ew: 10, ns: -20, z: 5, heading: 180, deaths: 2, onlinetime: 61, dimension: 'overworld' });
  });

  it('telemetry is not made for a position outside the protocol', () => {
    expect(telemetryFrame({ name: 'Alice', position: { x: 20_000, y: 5, z: 0 }, yaw: 0, dimension: 'overworld', deaths: 0, onlineSeconds: 0 }, context)).toBeUndefined();
  });

  it('vitals map health 0-20 to health_pct; stamina and mana, which Minecraft lacks, are full', () => {
    expect(vitalsFrame('Alice', 13, context)).toEqual({
      type: 'vitals', ...envelope, health_pct: 65, stamina_pct: 100, mana_pct: 100, health_current: 13, health_max: 20,
    });
    expect(vitalsFrame('Alice', 0.5, context)).toMatchObject({ health_pct: 2.5, health_current: 1 });
    expect(vitalsFrame('Alice', 0, context)).toMatchObject({ health_pct: 0, health_current: 0 });
    expect(vitalsFrame('Alice', 40, context)).toMatchObject({ health_pct: 100, health_current: 20 });
  });

  it('a chat line is the speaker\'s, on the General channel', () => {
    expect(chatFrame('Alice', 'hello <b>there</b>', context)).toEqual({ type: 'chat', ...envelope, channel: 'General', text: 'hello <b>there</b>', sender: 'Alice' });
  });
});

describe('parseCommand', () => {
  it.each([
    ['follow Bob', { kind: 'follow', player: 'Bob' }],
    ['/follow  Bob ', { kind: 'follow', player: 'Bob' }],
    ['follow', { kind: 'follow', player: 'Alice' }],
    ['FOLLOW bob', { kind: 'follow', player: 'bob' }],
    ['unfollow', { kind: 'unfollow' }],
    ['follow Bob now', { kind: 'unknown', text: 'follow Bob now' }],
    ['/radar start', { kind: 'unknown', text: '/radar start' }],
    ['follow @a', { kind: 'unknown', text: 'follow @a' }],
    ['follow ~ ~10 ~', { kind: 'unknown', text: 'follow ~ ~10 ~' }],
    ['follow Abcdefghijklmnopq', { kind: 'unknown', text: 'follow Abcdefghijklmnopq' }],
    ['scan 120 -40 16', { kind: 'scan', x: 120, z: -40, radius: 16 }],
    ['/SCAN -9999 9999 64', { kind: 'scan', x: -9999, z: 9999, radius: 64 }],
    ['scan 120 -40 65', { kind: 'unknown', text: 'scan 120 -40 65' }],
    ['scan 120 -40 0', { kind: 'unknown', text: 'scan 120 -40 0' }],
    ['scan 10000 0 8', { kind: 'unknown', text: 'scan 10000 0 8' }],
    ['scan ~ ~ 8', { kind: 'unknown', text: 'scan ~ ~ 8' }],
    ['scan 1.5 2 8', { kind: 'unknown', text: 'scan 1.5 2 8' }],
    ['scan 1 2', { kind: 'unknown', text: 'scan 1 2' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text, 'Alice')).toEqual(expected);
  });
});

describe('leftPlayerOf', () => {
  const plain = (text: string) => ({ toString: () => text });

  it("reads vanilla's translated leave message", () => {
    expect(leftPlayerOf({ translate: 'multiplayer.player.left', with: [plain('Alice')], toString: () => 'Alice left the game' })).toBe('Alice');
  });

  it('reads the plain-text leave message, colour codes and all', () => {
    expect(leftPlayerOf(plain('&eAlice left the game.'))).toBe('Alice');
    expect(leftPlayerOf(plain('§eBob_2 left the game'))).toBe('Bob_2');
  });

  it('is not fooled by chat or other messages', () => {
    expect(leftPlayerOf(plain('<Mallory> Alice left the game.'))).toBeUndefined();
    expect(leftPlayerOf(plain('Alice joined the game.'))).toBeUndefined();
    expect(leftPlayerOf({ translate: 'chat.type.text', with: [plain('Alice'), plain('Alice left the game.')], toString: () => '<Alice> Alice left the game.' })).toBeUndefined();
  });
});

describe('reasonText', () => {
  it.each([
    ['Server closed', 'Server closed'],
    ['{"text":"You are banned"}', 'You are banned'],
    ['{"text":"Kicked: ","extra":[{"text":"flying"}]}', 'Kicked: flying'],
    ['{"translate":"multiplayer.disconnect.server_shutdown"}', 'multiplayer.disconnect.server_shutdown'],
    [{ type: 'compound', value: { text: { type: 'string', value: 'Server closed' } } }, 'Server closed'],
    [{ type: 'compound', value: { text: { type: 'string', value: 'a ' }, extra: { type: 'list', value: { type: 'string', value: ['b', 'c'] } } } }, 'a bc'],
    [{}, '{}'],
    ['{not json', '{not json'],
  ])('%j reads %j', (reason, text) => {
    expect(reasonText(reason)).toBe(text);
  });
});
