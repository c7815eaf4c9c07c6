import { existsSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types for each subgraph, generated from its SDL (the source of
 * truth): `npm run codegen` writes `subgraphs/<name>/generated/resolvers.ts`;
 * `npm run codegen:check` fails when one is stale.
 */
const subgraphs = ['telemetry', 'inventory', 'combat'].filter((name) => existsSync(`subgraphs/${name}/${name}.graphql`));

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    subgraphs.map((name) => [
      `subgraphs/${name}/generated/resolvers.ts`,
      {
        schema: [`subgraphs/${name}/${name}.graphql`, 'lib/graph/federation.graphql'],
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useIndexSignature: true,
          useTypeImports: true,
          emitLegacyCommonJSImports: false,
          contextType: '@lifestone/lib/graph#SubgraphContext',
          scalars: { DateTime: 'Date | string', JSON: 'unknown' },
          enumsAsTypes: true,
        },
      },
    ]),
  ),
};

export default config;
