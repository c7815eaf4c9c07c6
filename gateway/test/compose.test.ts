import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeSupergraph, CompositionError } from '../src/compose.js';

const urls = { telemetry: 'http://127.0.0.1:4201/graphql', inventory: 'http://127.0.0.1:4202/graphql', combat: 'http://127.0.0.1:4203/graphql', assistant: 'http://127.0.0.1:4204/graphql', accounts: 'http://127.0.0.1:4205/graphql' };

describe('composition', () => {
  it('composes the real subgraph SDL files into one supergraph routing to each URL', async () => {
    const supergraph = await composeSupergraph(urls);
    for (const [name, url] of Object.entries(urls)) expect(supergraph).toContain(`@join__graph(name: "${name}", url: "${url}")`);
    // Character is the entity every subgraph contributes to.
    const character = /type Character\b[^{]*\{([^}]*)\}/.exec(supergraph)?.[1] ?? '';
    for (const field of ['position', 'vitals', 'lastSeen', 'inventory', 'combat']) expect(character).toMatch(new RegExp(`\\b${field}\\b`));
  });

  describe('when the subgraphs do not compose', () => {
    const roots: string[] = [];
    afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

    async function repository(files: Record<string, string>): Promise<string> {
      const root = await mkdtemp(path.join(tmpdir(), 'lifestone-compose-'));
      roots.push(root);
      for (const [name, sdl] of Object.entries(files)) {
        await mkdir(path.join(root, 'subgraphs', name), { recursive: true });
        await writeFile(path.join(root, 'subgraphs', name, `${name}.graphql`), sdl);
      }
      return root;
    }

    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])';

    it('lists every error: a missing file, a file that does not parse', async () => {
      const root = await repository({ telemetry: `${link} type Query { a: Int }`, inventory: 'type Query {' });
      const failure = await composeSupergraph(urls, root).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CompositionError);
      expect((failure as CompositionError).errors).toEqual([
        expect.stringMatching(/^inventory: subgraphs\/inventory\/inventory\.graphql is not valid GraphQL: Syntax Error/),
        expect.stringMatching(/^combat: cannot read subgraphs\/combat\/combat\.graphql: ENOENT/),
        expect.stringMatching(/^assistant: cannot read subgraphs\/assistant\/assistant\.graphql: ENOENT/),
        expect.stringMatching(/^accounts: cannot read subgraphs\/accounts\/accounts\.graphql: ENOENT/),
      ]);
    });

    it("lists composition's own errors, such as a field typed differently in two subgraphs", async () => {
      const root = await repository({
        telemetry: `${link} type Character @key(fields: "name") { name: String! level: Int! } type Query { a: Int }`,
        inventory: `${link} type Character @key(fields: "name") { name: String! level: String! } type Query { b: Int }`,
        combat: `${link} type Query { c: Int }`,
        assistant: `${link} type Query { d: Int }`,
        accounts: `${link} type Query { e: Int }`,
      });
      const failure = await composeSupergraph(urls, root).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CompositionError);
      expect((failure as CompositionError).message).toMatch(/^the subgraphs do not compose:\n {2}- .*"Character\.level"/);
    });
  });
});
