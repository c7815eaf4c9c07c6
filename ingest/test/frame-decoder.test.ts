import { describe, expect, it } from 'vitest';
import { createLogger } from '@lifestone/lib/log';
import { parseFrame, type FrameError } from '@lifestone/lib/protocol';
import { createFleet } from '@lifestone/simulator';
import { acceptedEvent, decodeBatch, decodeFrame, eventOf } from '../src/decode/decode.js';
import { FRAMES_PER_MESSAGE, FrameDecoder, type DecodeOutcome } from '../src/decode/decoder.js';
import { frameJsonOf, framePayload } from '../src/published.js';
import { telemetryCounters } from '../src/store/counters.js';
import { appendRow } from '../src/store/events.js';
import { liveMembers } from '../src/store/live.js';

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

describe('decoding off the main thread', () => {
  it('makes the frame, payload, COPY line, live members and counters that the writer would make of the parsed frame', () => {
    const texts = sampleTexts();
    expect(new Set(texts.map((text) => /"type":"(\w+)"/.exec(text)?.[1])).size).toBeGreaterThanOrEqual(14);
    for (const text of texts) {
      const here = parseFrame(text, receivedAt);
      const decoded = decodeFrame(text, receivedAt);
      if (!here.ok) {
        expect(decoded).toEqual({ error: here.error });
        continue;
      }
      if ('error' in decoded) throw new Error(`refused off the main thread only: ${decoded.error.message}`);
      const { frame } = here;
      expect(decoded.frame).toEqual(frame);
      expect(decoded.payload).toBe(framePayload(frame, receivedAt));
      // Each value is formatted once for all three texts: the payload must still be the frame's JSON, exactly.
      expect(frameJsonOf(decoded.payload)).toBe(JSON.stringify(frame));
      expect(decoded.payload.startsWith(`{"received_at":"${receivedAt.toISOString()}",`)).toBe(true);
      expect(decoded.row).toBe(appendRow(frame, receivedAt));
      expect(decoded.live).toBe(liveMembers(frame));
      expect(decoded.counters).toEqual(frame.type === 'telemetry' ? telemetryCounters(frame) : undefined);
    }
  });

  it('hands a batch back in flat lists from which the main thread makes the same events, reading no frame back', () => {
    const texts = sampleTexts();
    const reply = decodeBatch({ texts: [...texts, null], receivedAt: [...texts, null].map(() => receivedAt.getTime()) });
    expect(reply.payloads.at(-1)).toBeNull();
    // Worker replies are structured clones: the lists must survive one.
    const crossed = structuredClone(reply);
    texts.forEach((text, i) => {
      const decoded = decodeFrame(text, receivedAt);
      if ('error' in decoded) return expect(crossed.payloads[i]).toEqual(decoded.error);
      const event = acceptedEvent(crossed, i, receivedAt, 't');
      const expected = eventOf(decoded, receivedAt, 't');
      // Rows compare as the bytes PostgreSQL receives (a lone surrogate is U+FFFD in UTF-8 either way).
      const bytes = (row: string | Uint8Array | undefined) => row && Buffer.from(row as Uint8Array).toString('hex');
      expect({ ...event.facts, row: bytes(event.facts.row) }).toEqual({ ...expected.facts, row: bytes(expected.facts.row) });
      expect([event.type, event.character, event.session, event.payload]).toEqual([expected.type, expected.character, expected.session, expected.payload]);
      expect(event.frame).toEqual(decoded.frame);
    });
    const telemetry = texts.map((text) => decodeFrame(text, receivedAt)).filter((decoded) => 'frame' in decoded && decoded.frame.type === 'telemetry');
    expect(telemetry.some((decoded) => 'counters' in decoded && decoded.counters?.kills === null)).toBe(true);
    expect(telemetry.some((decoded) => 'counters' in decoded && typeof decoded.counters?.kills === 'number')).toBe(true);
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
  const comparable = ([index, outcome]: [number, DecodeOutcome]) => [index, outcome.ok ? outcome.event.frame : outcome.error.code] as const;
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
    const accepted = threaded.flatMap(([, outcome]) => (outcome.ok ? [outcome.event] : []));
    expect(accepted.every((event) => typeof event.payload === 'string')).toBe(true);
    for (const event of accepted) {
      const row = appendRow(event.frame, receivedAt);
      expect(event.facts.row && Buffer.from(event.facts.row).toString('hex')).toBe(row && Buffer.from(row).toString('hex'));
    }
    expect(accepted.filter((event) => event.facts.row).length).toBeGreaterThan(100);
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

  it('decodes on the main thread, losing nothing, when its thread fails', async () => {
    const inline = await decodeAll({ threads: 0 });
    const failing = await decodeAll({ threads: 1, workerUrl: new URL('./fixtures/failing-decode-worker.mjs', import.meta.url) });
    expect(failing.map(comparable)).toEqual(inline.map(comparable));
  });
});
