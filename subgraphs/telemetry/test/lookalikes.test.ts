/**
 * Characters whose names look alike, as the graph names them: frames sent by
 * a real plugin through ingest, read back through the schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameSkeleton } from '../lookalikes.js';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const BOB = 'Bob';
/** Cyrillic В and о: `\u0412\u043eb`. */
const CYRILLIC_BOB = '\u0412\u043eb';
/** A Cyrillic о only. */
const HALF_CYRILLIC_BOB = 'B\u043eb';
const MIKE = 'mike';
const RNIKE = 'rnike';
const ALICE = 'Alice';

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, seconds)).toISOString();
const telemetry = (name: string, seconds: number) => ({ type: 'telemetry', character_name: name, timestamp: at(seconds), ew: 1, ns: 2, z: 3 });

describe('look-alike character names', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    await harness.send(telemetry(BOB, 0), telemetry(ALICE, 1), telemetry(MIKE, 2));
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('have one confusables skeleton (Unicode TS #39)', () => {
    expect(nameSkeleton(CYRILLIC_BOB)).toBe(nameSkeleton(BOB));
    expect(nameSkeleton(HALF_CYRILLIC_BOB)).toBe(nameSkeleton(BOB));
    expect(nameSkeleton(RNIKE)).toBe(nameSkeleton(MIKE));
    expect(nameSkeleton('Bob ')).toBe(nameSkeleton(BOB));
    expect(nameSkeleton('B\u200bob')).toBe(nameSkeleton(BOB));
    expect(nameSkeleton('Be\u0301b')).toBe(nameSkeleton('B\u00e9b'));
    expect(nameSkeleton('bob')).not.toBe(nameSkeleton(BOB));
    expect(nameSkeleton(ALICE)).not.toBe(nameSkeleton(BOB));
  });

  it('are named on each character, and none while a name has no look-alike', async () => {
    const before = await harness.query<{ characters: { name: string; lookalikes: string[] }[] }>('{ characters { name lookalikes } }');
    expect(before.characters).toEqual([
      { name: ALICE, lookalikes: [] },
      { name: BOB, lookalikes: [] },
      { name: MIKE, lookalikes: [] },
    ]);

    await harness.send(telemetry(CYRILLIC_BOB, 3), telemetry(HALF_CYRILLIC_BOB, 4), telemetry(RNIKE, 5));
    const after = await harness.query<{ characters: { name: string; lookalikes: string[] }[] }>('{ characters { name lookalikes } }');
    expect(after.characters).toEqual([
      { name: ALICE, lookalikes: [] },
      { name: BOB, lookalikes: [HALF_CYRILLIC_BOB, CYRILLIC_BOB] },
      { name: HALF_CYRILLIC_BOB, lookalikes: [BOB, CYRILLIC_BOB] },
      { name: MIKE, lookalikes: [RNIKE] },
      { name: RNIKE, lookalikes: [MIKE] },
      { name: CYRILLIC_BOB, lookalikes: [BOB, HALF_CYRILLIC_BOB] },
    ]);
    const one = await harness.query<{ character: { lookalikes: string[] } }>('query ($name: String!) { character(name: $name) { lookalikes } }', { name: CYRILLIC_BOB });
    expect(one.character.lookalikes).toEqual([BOB, HALF_CYRILLIC_BOB]);
  });

  it("are named on an alert about one, for the Discord bot's embeds", async () => {
    await harness.send({ type: 'rare', character_name: CYRILLIC_BOB, timestamp: at(6), name: 'Ancient Falchion', ew: 1, ns: 2, z: 3 });
    const { alerts } = await harness.query<{ alerts: { edges: { node: { character: string; characterLookalikes: string[] } }[] } }>(
      '{ alerts(types: [RARE], first: 5) { edges { node { character characterLookalikes } } } }',
    );
    expect(alerts.edges.map((edge) => edge.node)).toEqual([{ character: CYRILLIC_BOB, characterLookalikes: [BOB, HALF_CYRILLIC_BOB] }]);
  });

  it('cost one query of one row for every character of a request, and every name only when one was added', async () => {
    const counted = harness.countingPool();
    const read = async () => {
      counted.queries.length = 0;
      await harness.query('{ characters { name lookalikes } }', undefined, { pool: counted.pool });
      return counted.queries.slice(1).map((query) => (query.includes('hashtextextended') ? 'fingerprint' : query));
    };
    // The list, its fingerprint, then every name: the first time on this pool.
    expect(await read()).toStrictEqual(['fingerprint', 'SELECT character_name FROM live_characters']);
    expect(await read()).toStrictEqual(['fingerprint']);
    await harness.send(telemetry('Carol', 7));
    expect(await read()).toStrictEqual(['fingerprint', 'SELECT character_name FROM live_characters']);
  });
});
