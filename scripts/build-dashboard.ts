/**
 * Builds the dashboard (`web/dist`, which the gateway serves at `/`) when it
 * is missing or older than its sources, so that `npm start` on a fresh clone
 * serves the current dashboard without a separate build step.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('../web/', import.meta.url));
const builtIndex = path.join(webRoot, 'dist', 'index.html');

async function newestChange(entry: string): Promise<number> {
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  return Math.max(info.mtimeMs, ...(await Promise.all(children.map((child) => newestChange(path.join(entry, child))))));
}

/** True when `web/dist` is missing or older than anything it is built from. */
export async function dashboardIsStale(): Promise<boolean> {
  const built = await stat(builtIndex).then((info) => info.mtimeMs, () => undefined);
  if (built === undefined) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((name) => path.join(webRoot, name));
  const newest = Math.max(...(await Promise.all(sources.map((source) => newestChange(source).catch(() => 0)))));
  return newest > built;
}

/** Builds the dashboard with Vite when it is stale; resolves whether it built. */
export async function buildDashboardIfStale(): Promise<boolean> {
  if (!(await dashboardIsStale())) return false;
  const { build } = await import('vite');
  await build({ root: webRoot, configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
