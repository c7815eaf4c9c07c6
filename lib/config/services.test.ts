import { describe, expect, it } from 'vitest';
import { SUBGRAPHS, subgraphDatabaseUrl } from './services.js';

describe('subgraphDatabaseUrl', () => {
  const primary = 'postgres://primary/lifestone';
  const replica = 'postgres://replica/lifestone';

  it('sends the subgraphs that only read to the replica, the ones that write to the primary', () => {
    expect(Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphDatabaseUrl(name, primary, replica)]))).toEqual({
      telemetry: replica,
      inventory: replica,
      combat: replica,
      assistant: primary,
      accounts: primary,
    });
  });

  it('uses the primary for everyone without a replica', () => {
    for (const { name } of SUBGRAPHS) expect(subgraphDatabaseUrl(name, primary, undefined)).toBe(primary);
  });
});
