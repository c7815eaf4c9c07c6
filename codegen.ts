import { existsSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SUBGRAPHS } from './lib/config/services.js';

/**
 * Resolver types for each subgraph, generated from its SDL (the source of
 * truth): `npm run codegen` writes `subgraphs/<name>/generated/resolvers.ts`;
 * and the dashboard's typed operations (client preset) from the public schema
 * that `npm run compose` writes (`web/schema.graphql`) and every `graphql()`
 * call under `web/src`, into `web/src/graph/generated/`.
 * `npm run codegen:check` fails when any of them is stale.
 */
const subgraphs = SUBGRAPHS.filter(({ schema }) => existsSync(schema));

/** Resolvers' parent types that are not the SDL's own (codegen `mappers`), per subgraph, relative to its `generated/`. */
const mappers: Record<string, Record<string, string>> = {
  // The generated Role itself: without a mapper, an enum with `enumValues` gets `null` as its resolver type (graphql-code-generator#10204).
  accounts: { Role: 'Role' },
  assistant: { AssistantSession: '../assistant.js#SessionValue' },
  telemetry: { ServerStatus: '../resolvers/server-status.js#ServerStatusValue', Alert: '../alerts.js#AlertValue' },
};

/** Enums whose resolvers see other values than the SDL's names (codegen `enumValues`), per subgraph. */
const enumValues: Record<string, Record<string, Record<string, string>>> = {
  // lib/graph's Role: what identities carry and the database stores.
  accounts: { Role: { VIEWER: 'viewer', OPERATOR: 'operator', ADMIN: 'admin' } },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...Object.fromEntries(
      subgraphs.map(({ name, folder, schema }) => [
        `${folder}/generated/resolvers.ts`,
        {
          schema: [schema, 'lib/graph/federation.graphql'],
          plugins: ['typescript', 'typescript-resolvers'],
          config: {
            federation: true,
            useIndexSignature: true,
            useTypeImports: true,
            emitLegacyCommonJSImports: false,
            contextType: '@lifestone/lib/graph#SubgraphContext',
            scalars: { DateTime: 'Date | string', JSON: 'unknown' },
            enumsAsTypes: true,
            mappers: mappers[name] ?? {},
            enumValues: enumValues[name] ?? {},
          },
        },
      ]),
    ),
    'web/src/graph/generated/': {
      schema: 'web/schema.graphql',
      // Operations live in `.graphql` files beside the components that use
      // them, which import each `...Document` from `generated/graphql.ts`
      // (tree-shaken per window chunk; see web/vite.config.ts).
      documents: ['web/src/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Operations travel as plain strings: the dashboard ships no GraphQL parser.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
