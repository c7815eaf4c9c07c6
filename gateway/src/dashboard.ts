import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built dashboard (web/dist) as static files: GET and HEAD only,
 * nothing outside the folder, and `index.html` for any path without a file
 * extension (the dashboard routes in the browser); only the kinds of file in
 * CONTENT_TYPES (a source map is not one). Resolves `false` when it
 * has nothing to serve, so the caller answers 404.
 */
export async function serveDashboard(directory: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://gateway').pathname);
  const root = path.resolve(directory);
  let file = path.resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + path.sep)) return false;
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory() || (!info && path.extname(file) === '')) {
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  // Only what the dashboard is made of: not source maps or anything else left in the folder.
  if (!info?.isFile() || !(path.extname(file) in CONTENT_TYPES)) return false;
  // Vite fingerprints assets; index.html must be fetched fresh to pick up new ones.
  sendFile(file, info.size, file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache', request, response);
  return true;
}

/** Where the dashboard finds the operator's map image, which the telemetry subgraph serves (`LIFESTONE_MAP_IMAGE`). */
export const MAP_IMAGE_PATH = '/map/image';

/**
 * Answers a GET or HEAD of {@link MAP_IMAGE_PATH} with the telemetry
 * subgraph's answer (its address from the supergraph); resolves `false` when
 * it has none (no image configured), so the caller answers 404.
 */
export async function forwardMapImage(supergraph: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const telemetry = /@join__graph\(name: "telemetry", url: "([^"]+)"\)/.exec(supergraph)?.[1];
  if (!telemetry || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const image = await fetch(new URL(MAP_IMAGE_PATH, telemetry), { method: request.method });
  if (!image.ok) return false;
  response.writeHead(200, Object.fromEntries(['content-type', 'content-length', 'cache-control'].flatMap((name) => {
    const value = image.headers.get(name);
    return value === null ? [] : [[name, value]];
  })));
  response.end(Buffer.from(await image.arrayBuffer()));
  return true;
}

function sendFile(file: string, size: number, cacheControl: string, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': cacheControl,
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}
