import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

/** The gateway `npm run dev -w web` talks to (`LIFESTONE_GATEWAY_URL`). @default http://127.0.0.1:4000 */
const gateway = process.env.LIFESTONE_GATEWAY_URL ?? 'http://127.0.0.1:4000';

/** What the version badge shows: the package version and the commit it was built from. */
function buildVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${version}+${commit}`;
  } catch {
    return version;
  }
}

/** Where the dashboard's typed operations are generated (`npm run codegen`). */
const GENERATED_OPERATIONS = '/graph/generated/graphql.ts';
/** Virtual modules: one per operation document, and one for their class. */
const OPERATION_PREFIX = '\0lifestone-operation:';
const DOCUMENT_PATTERN = /^export const (\w+) = new TypedDocumentString\((`[^`]*`)(, \{[^}]*\})?\)/gm;

/**
 * Serves each generated operation document as a module of its own, which the
 * generated module only re-exports: a document then lands in the chunk of the
 * window that imports it, not with every other one in the initial page (a
 * bundler never splits one module across chunks). The documents are inlined
 * strings, fragments included, so each stands alone.
 */
function operationDocumentsPerChunk(): Plugin {
  const documents = new Map<string, string>();
  return {
    name: 'lifestone:operation-documents-per-chunk',
    enforce: 'pre',
    resolveId: (id) => (id.startsWith(OPERATION_PREFIX) ? id : undefined),
    load(id) {
      if (id.endsWith(GENERATED_OPERATIONS)) {
        documents.clear();
        for (const [, name, text, meta] of readFileSync(id, 'utf8').matchAll(DOCUMENT_PATTERN)) documents.set(name!, `${text}${meta ?? ''}`);
        if (!documents.size) throw new Error(`${id}: no operation document found; has the codegen output changed?`);
        return [...[...documents.keys()].map((name) => `export { ${name} } from '${OPERATION_PREFIX}${name}';`), `export { TypedDocumentString } from '${OPERATION_PREFIX}class';`].join('\n');
      }
      if (!id.startsWith(OPERATION_PREFIX)) return undefined;
      const name = id.slice(OPERATION_PREFIX.length);
      if (name === 'class') {
        return 'export class TypedDocumentString extends String { constructor(value, meta) { super(value); this.value = value; this.__meta__ = meta; } toString() { return this.value; } }';
      }
      return `import { TypedDocumentString } from '${OPERATION_PREFIX}class';\nexport const ${name} = /*#__PURE__*/ new TypedDocumentString(${documents.get(name)});`;
    },
  };
}

export default defineConfig({
  plugins: [vue(), operationDocumentsPerChunk()],
  define: { __LIFESTONE_VERSION__: JSON.stringify(buildVersion()) },
  // Source maps would publish the dashboard's source from every gateway; `npm run dev:web` has them anyway.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: {
    port: 5173,
    // The gateway refuses pages of other origins (gateway/src/plugins/origin.ts): the dev server's requests are sent as its own.
    proxy: { '/graphql': { target: gateway, ws: true, changeOrigin: true, headers: { origin: new URL(gateway).origin } } },
  },
});
