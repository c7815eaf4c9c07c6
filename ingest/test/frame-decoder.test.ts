import { describe, expect, it } from 'vitest';
import { createLogger } from '@lifestone/lib/log';
import { parseFrame, type FrameError } from '@lifestone/lib/protocol';
import { createFleet } from '@lifestone/simulator';
import { frameJsonOf } from '@lifestone/lib/published';
import { SUMMARISED_TYPES, type EventOf } from '../src/accepted-event.js';
import { acceptedEventAt, decodeFrames } from '../src/frame-decoder/decode-frames.js';
import { FRAMES_PER_MESSAGE, FrameDecoder, HEAVY_FRAME_CHARS, HEAVY_MESSAGE_CHARS, HEAVY_MESSAGES_IN_FLIGHT, type DecodeOutcome } from '../src/frame-decoder/frame-decoder.js';

const receivedAt = new Date('2026-11-21T12:00:00.250Z');

/** Every kind of frame the simulator sends (a login, then an hour of play), and a few it does not. */
function sampleTexts(): string[] {
  const start = receivedAt.getTime();
  const frames: object[] = createFleet({ characters: 3, seed: 11, start }).flatMap((character) => [
    ...character.loginFrames(start),
    ...character.framesUntil(start + 3_600_000),
  ]);
  frames.push(
    {
      type: 'quest', character_name: 'Thorn', timestamp: '2026-11-21T11:00:00Z',
      quests: [{ name: 'Stipend', solves: 3, completed_at: 1_763_700_000_000, note: 'kept' }, { name: 'Bounty', completed_at: null }],
    },
    { type: 'telemetry', character_name: 'Thorn', ew: '12.5', ns: -3, z: 0, bench: { nested: [1, 'two'] }, ['__proto__']: { kept: true } },
    // Several bytes to a character: the lines after it must still be cut where they end.
    { type: 'chat', character_name: 'Æthelwyn', channel: 'fellowship', sender: 'Æthelwyn', text: 'über “loot” ☃\tdone' },
    // What JSON and COPY escape: quotes, backslashes, control characters, a lone surrogate.
    { type: 'chat', character_name: 'Thorn', channel: 'say', sender: 'Q "the" \\ one', text: 'line\nnext\r\u0001 \ud800 end', color: 3 },
  );
  return [...frames.map((frame) => JSON.stringify(frame)), '{"type":"telemetry"', '{"type":"teleport","character_name":"Thorn"}', '{"type":"vitals","character_name":"Thorn","health_pct":"lots"}'];
}

describe('decodeFrames', () => {
  it('accepts what the protocol parser accepts, publishing the parsed frame as JSON with received_at first', () => {
    const texts = sampleTexts();
    expect(new Set(texts.map((text) => /"type":"(\w+)"/.exec(text)?.[1])).size).toBeGreaterThanOrEqual(14);
    const decoded = decodeFrames({ texts, receivedAt: texts.map(() => receivedAt.getTime()) });
    texts.forEach((text, i) => {
      const parsed = parseFrame(text, receivedAt);
      const outcome = decoded.outcomes[i];
      if (!parsed.ok) return expect(outcome).toEqual(parsed.error);
      if (typeof outcome !== 'string') throw new Error(`refused by the decoder only: ${JSON.stringify(outcome)}`);
      // Each value is formatted once for the payload, the COPY line and the live values: the payload must still be the frame's JSON, exactly.
      expect(frameJsonOf(outcome)).toBe(JSON.stringify(parsed.frame));
      expect(outcome.startsWith(`{"received_at":"${receivedAt.toISOString()}",`)).toBe(true);
      const event = acceptedEventAt(decoded, i, receivedAt, 't');
      expect([event.type, event.character, event.session]).toEqual([parsed.frame.type, parsed.frame.character_name, parsed.frame.session_id]);
      expect('frame' in event && event.frame !== undefined).toBe(!SUMMARISED_TYPES.has(parsed.frame.type));
    });
  });

  it('hands on telemetry as its COPY line, live values, counters and observation, the frame left behind', () => {
    const text = JSON.stringify({
      type: 'telemetry', character_name: 'Thorn', session_id: 's1', timestamp: '2026-11-21T11:59:59Z', ew: '12.5', ns: -3, z: 0,
      landblock: 'a9b40019', kills: 4, deaths: null, vt_state: 'Idle', note: 'kept',
    });
    const decoded = decodeFrames({ texts: [null, text], receivedAt: [0, receivedAt.getTime()] });
    expect(decoded.outcomes[0]).toBeNull();
    const event = acceptedEventAt(structuredClone(decoded), 1, receivedAt, 't') as EventOf<'telemetry'>;
    expect(Buffer.from(event.row).toString()).toBe(
      '2026-11-21T12:00:00.250Z\t2026-11-21T11:59:59.000Z\tThorn\ts1\t12.5\t-3\t0\t\\N\t0xA9B40019\t4\t\\N\t\\N\t\\N\t\\N\t\\N\tIdle\t\\N\t\\N\t\\N\t{"note":"kept"}\n',
    );
    // position_at, ew, ns, z, heading, landblock, vt_state, kills, deaths, rares, tapers, kills/h, online time, memory, cpu, latency; game, server, dimension.
    expect(event.live.split('\u0000')).toEqual([
      '2026-11-21T11:59:59.000Z', '12.5', '-3', '0', 'NULL', '"0xA9B40019"', '"Idle"', '4', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL',
      'ASHERONS_CALL', 'NULL', 'NULL',
    ]);
    expect(event.counters).toEqual({ kills: 4, deaths: null, rares: null, tapers: null });
    expect(event.observation).toEqual({ kind: 'position', at: Date.parse('2026-11-21T11:59:59Z'), ew: 12.5, ns: -3, z: 0, landblock: '0xA9B40019', kills: 4, deaths: null, idle: true });
    expect('frame' in event && event.frame !== undefined).toBe(false);
  });
});

describe('FrameDecoder', () => {
  const log = createLogger('decode-test', 'silent');

  /** Runs `texts` (and a refusal after the first) through a decoder; the outcomes in the order told. */
  async function decodeAll(options: { threads: number; workerUrl?: URL; framesPerMessage?: number }): Promise<Array<[number, DecodeOutcome]>> {
    const told: Array<[number, DecodeOutcome]> = [];
    const decoder = new FrameDecoder<number>({ ...options, log, maxPending: 1_000, onBehind: () => {}, onDecoded: (index, outcome) => told.push([index, outcome]) });
    const texts = sampleTexts();
    const tooLarge: FrameError = { code: 'FRAME_TOO_LARGE', message: 'too large', ref: { type: null, character_name: null }, details: [] };
    texts.forEach((text, index) => {
      decoder.decode(index % 3, index, text, receivedAt);
      if (index === 0) decoder.refuse(0, -1, tooLarge, receivedAt);
    });
    await decoder.close();
    return told;
  }

  /** What a test compares: the frame or the refusal's code, without the per-event trace ids. */
  const comparable = ([index, outcome]: [number, DecodeOutcome]) => [index, outcome.ok ? outcome.event.payload : outcome.error.code] as const;
  const lane = (told: Array<[number, DecodeOutcome]>, of: number) => told.filter(([index]) => (index === -1 ? 0 : index % 3) === of).map(comparable);

  it('tells every frame, each lane in the order given, as decoding on the main thread does', async () => {
    const inline = await decodeAll({ threads: 0 });
    const threaded = await decodeAll({ threads: 2 });
    expect(threaded).toHaveLength(inline.length);
    // Each lane's frames of one turn go to its thread in several messages (FRAMES_PER_MESSAGE), one of them a part.
    expect(inline.length / 3).toBeGreaterThan(5 * FRAMES_PER_MESSAGE);
    const inSevens = await decodeAll({ threads: 2, framesPerMessage: 7 });
    for (const of of [0, 1, 2]) {
      expect(lane(threaded, of)).toEqual(lane(inline, of));
      expect(lane(inSevens, of)).toEqual(lane(inline, of));
    }
    expect(inline.slice(0, 2).map(comparable)[1]).toEqual([-1, 'FRAME_TOO_LARGE']);
    // Rows compare as the bytes PostgreSQL receives, cut where each frame's ends (multi-byte characters included).
    const rows = (told: Array<[number, DecodeOutcome]>) => told.flatMap(([, outcome]) => {
      const row = outcome.ok ? (outcome.event as { row?: Uint8Array }).row : undefined;
      return row ? [Buffer.from(row).toString('hex')] : [];
    });
    expect(rows(threaded)).toHaveLength(rows(inline).length);
    expect(new Set(rows(threaded))).toEqual(new Set(rows(inline)));
    expect(rows(threaded).length).toBeGreaterThan(100);
  });

  it('is ready once its threads have loaded, or after a timeout when one never says so', async () => {
    const make = (workerUrl?: URL) => new FrameDecoder<number>({ threads: 1, log, maxPending: 10, onBehind: () => {}, onDecoded: () => {}, workerUrl });
    const loading = make();
    let started = performance.now();
    await loading.ready(20_000);
    expect(performance.now() - started).toBeLessThan(19_000);
    await loading.close();
    // The fixture takes messages but never reports that it has loaded.
    const silent = make(new URL('./fixtures/failing-decode-worker.mjs', import.meta.url));
    started = performance.now();
    await silent.ready(300);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    await silent.close();
  });

  it.each([0, 2])('refuses alone a frame whose handling throws, telling the frames after it (%i threads)', async (threads) => {
    const told: Array<[number, string]> = [];
    const decoder = new FrameDecoder<number>({
      threads, log, maxPending: 1_000, onBehind: () => {},
      onDecoded: (index, outcome) => {
        if (index === 1 && outcome.ok) throw new Error('handling failed');
        told.push([index, outcome.ok ? outcome.event.type : outcome.error.code]);
      },
    });
    const chat = (text: string) => JSON.stringify({ type: 'chat', character_name: 'Thorn', channel: 'General', text });
    for (const [index, text] of [chat('before'), chat('fails'), chat('after')].entries()) decoder.decode(0, index, text, receivedAt);
    await decoder.close();
    expect(told).toEqual([[0, 'chat'], [1, 'FRAME_FAILED'], [2, 'chat']]);
  });

  it('sends the frames that trickle in over its gather time to a thread together', async () => {
    const told: Array<[number, number]> = [];
    const decoder = new FrameDecoder<number>({ threads: 1, gatherMs: 60, log, maxPending: 1_000, onBehind: () => {}, onDecoded: (index) => told.push([index, performance.now()]) });
    await decoder.ready();
    const chat = (index: number) => JSON.stringify({ type: 'chat', character_name: 'Thorn', channel: 'General', text: `line ${index}` });
    const first = performance.now();
    for (let index = 0; index < 3; index++) {
      decoder.decode(0, index, chat(index), receivedAt);
      // Each frame in a turn of its own, as one plugin's after another's.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect.poll(() => told.length).toBe(3);
    expect(told.map(([index]) => index)).toEqual([0, 1, 2]);
    // One message: told in one go, once the first frame had waited its gather time.
    expect(told[0]![1] - first).toBeGreaterThanOrEqual(55);
    expect(told[2]![1] - told[0]![1]).toBeLessThan(5);
    await decoder.close();
  });

  it('holds a lane\'s heavy frames back, so that the other lanes\' frames do not wait behind them all', async () => {
    const start = receivedAt.getTime();
    const inventories = createFleet({ characters: 12, seed: 5, start })
      .flatMap((character) => character.loginFrames(start))
      .filter((frame) => (frame as { type: string }).type === 'full_inventory')
      .map((frame) => JSON.stringify(frame));
    expect(inventories).toHaveLength(12);
    expect(Math.min(...inventories.map((text) => text.length))).toBeGreaterThanOrEqual(HEAVY_FRAME_CHARS);
    const chat = (text: string) => JSON.stringify({ type: 'chat', character_name: 'Thorn', channel: 'General', text });
    const told: string[] = [];
    const decoder = new FrameDecoder<string>({ threads: 1, log, maxPending: 1_000, onBehind: () => {}, onDecoded: (label, outcome) => told.push(outcome.ok ? label : `refused ${label}`) });
    await decoder.ready();
    // A login storm on lane 0, then a line of chat from another plugin (lane 1), then one from lane 0's.
    inventories.forEach((text, i) => decoder.decode(0, `inventory ${i}`, text, receivedAt));
    decoder.decode(1, 'other lane', chat('hello'), receivedAt);
    decoder.decode(0, 'same lane', chat('after my inventory'), receivedAt);
    await decoder.close();
    expect(told.filter((label) => label !== 'other lane')).toEqual([...inventories.map((_, i) => `inventory ${i}`), 'same lane']);
    // What went to the thread before it: at most HEAVY_MESSAGES_IN_FLIGHT messages of about HEAVY_MESSAGE_CHARS.
    const before = told.indexOf('other lane');
    const charsBefore = inventories.slice(0, before).reduce((sum, text) => sum + text.length, 0);
    expect(before).toBeLessThan(inventories.length);
    expect(charsBefore).toBeLessThanOrEqual(HEAVY_MESSAGES_IN_FLIGHT * (HEAVY_MESSAGE_CHARS + Math.max(...inventories.map((text) => text.length))));
  });

  it('decodes on the main thread, losing nothing, when its thread fails', async () => {
    const inline = await decodeAll({ threads: 0 });
    const failing = await decodeAll({ threads: 1, workerUrl: new URL('./fixtures/failing-decode-worker.mjs', import.meta.url) });
    expect(failing).toHaveLength(inline.length);
    // Each lane in its order (heavy frames held back let other lanes' frames go first).
    for (const of of [0, 1, 2]) expect(lane(failing, of)).toEqual(lane(inline, of));
  });
});
