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

/**
 * Marks the generated operation documents side-effect free, so that each one
 * lands in the chunk of the window that imports it rather than all of them
 * in the initial page.
 */
function pureOperationDocuments(): Plugin {
  return {
    name: 'lifestone:pure-operation-documents',
    transform(code, id) {
      if (!id.endsWith('/graph/generated/graphql.ts')) return undefined;
      return { code: code.replaceAll('= new TypedDocumentString(', '= /*#__PURE__*/ new TypedDocumentString('), map: null };
    },
  };
}

export default defineConfig({
  plugins: [vue(), pureOperationDocuments()],
  define: { __LIFESTONE_VERSION__: JSON.stringify(buildVersion()) },
  // Source maps would publish the dashboard's source from every gateway; `npm run dev:web` has them anyway.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: {
    port: 5173,
    // The gateway refuses pages of other origins (gateway/src/origin.ts): the dev server's requests are sent as its own.
    proxy: { '/graphql': { target: gateway, ws: true, changeOrigin: true, headers: { origin: new URL(gateway).origin } } },
  },
});
