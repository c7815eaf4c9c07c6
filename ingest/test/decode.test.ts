import { describe, expect, it } from 'vitest';
import { createLogger } from '@lifestone/lib/log';
import { parseFrame, type FrameError } from '@lifestone/lib/protocol';
import { createFleet } from '@lifestone/simulator';
import { acceptedEvent, decodeFrame } from '../src/decode/decode.js';
import { FrameDecoder, type DecodeOutcome } from '../src/decode/decoder.js';
import { eventPayload } from '../src/published.js';
import { appendRow } from '../src/store/events.js';

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
  );
  return [...frames.map((frame) => JSON.stringify(frame)), '{"type":"telemetry"', '{"type":"teleport","character_name":"Thorn"}', '{"type":"vitals","character_name":"Thorn","health_pct":"lots"}'];
}

describe('decoding off the main thread', () => {
  it('gives back the very frame, payload and COPY line of decoding on the main thread', () => {
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
      const inline = { frame: here.frame, receivedAt, traceId: 't' };
      const event = acceptedEvent(decoded.payload, decoded.row === undefined ? undefined : Buffer.from(decoded.row), receivedAt, 't');
      expect(event.frame).toEqual(here.frame);
      expect(event.payload).toBe(eventPayload(inline));
      expect(decoded.row).toBe(appendRow(inline));
    }
  });
});

describe('FrameDecoder', () => {
  const log = createLogger('decode-test', 'silent');

  /** Runs `texts` (and a refusal after the first) through a decoder; the outcomes in the order told. */
  async function decodeAll(options: { threads: number; workerUrl?: URL }): Promise<Array<[number, DecodeOutcome]>> {
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
    for (const of of [0, 1, 2]) expect(lane(threaded, of)).toEqual(lane(inline, of));
    expect(inline.slice(0, 2).map(comparable)[1]).toEqual([-1, 'FRAME_TOO_LARGE']);
    const accepted = threaded.flatMap(([, outcome]) => (outcome.ok ? [outcome.event] : []));
    expect(accepted.every((event) => typeof event.payload === 'string')).toBe(true);
    for (const event of accepted) expect(event.row && Buffer.from(event.row).toString()).toBe(appendRow({ frame: event.frame, receivedAt, traceId: '' }));
    expect(accepted.filter((event) => event.row).length).toBeGreaterThan(100);
  });

  it('decodes on the main thread, losing nothing, when its thread fails', async () => {
    const inline = await decodeAll({ threads: 0 });
    const failing = await decodeAll({ threads: 1, workerUrl: new URL('./fixtures/failing-decode-worker.mjs', import.meta.url) });
    expect(failing.map(comparable)).toEqual(inline.map(comparable));
  });
});
