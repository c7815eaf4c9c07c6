import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PUBLIC_SCHEMA_FILE, publicSchemaSdl, readSubgraphServices } from '../src/compose.js';

const urls = { telemetry: 'http://t/graphql', inventory: 'http://i/graphql', combat: 'http://c/graphql', assistant: 'http://a/graphql', accounts: 'http://u/graphql' };

describe('the public schema', () => {
  it('is committed current in web/schema.graphql (run `npm run compose`, then `npm run codegen`, after an SDL change)', async () => {
    const expected = publicSchemaSdl(await readSubgraphServices(urls));
    expect(await readFile(PUBLIC_SCHEMA_FILE, 'utf8')).toBe(expected);
  });

  it('holds the contract operations and the accounts subgraph’s, without federation machinery', async () => {
    const sdl = publicSchemaSdl(await readSubgraphServices(urls));
    for (const field of ['livePlayers(game: Game): [Character!]!', 'signIn(password: String!, username: String!): User!', 'positions(characters: [String!], region: MapRegion): PositionBatch!']) {
      expect(sdl).toContain(field);
    }
    expect(sdl).not.toMatch(/@join__|@key|_Entity|_service/);
  });
});
