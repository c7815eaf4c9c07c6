import { describe, expect, it } from 'vitest';
import { traceId } from './index.js';

describe('traceId', () => {
  it('is a W3C trace id, unique, spread evenly enough for a sampler that judges by the id', () => {
    const ids = Array.from({ length: 10_000 }, () => traceId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // What OpenTelemetry's traceidratio sampler compares: the XOR of the id's four 32-bit words, against ratio × 2^32.
    const word = (id: string): number => [0, 8, 16, 24].reduce((xor, at) => (xor ^ parseInt(id.slice(at, at + 8), 16)) >>> 0, 0);
    const sampled = ids.filter((id) => word(id) < 0.1 * 2 ** 32).length;
    expect(sampled).toBeGreaterThan(800);
    expect(sampled).toBeLessThan(1200);
  });
});
