import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** Where the map image is served: by this subgraph, and by the gateway, which forwards the path here. */
export const MAP_IMAGE_PATH = '/map/image';

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** Whether `file` (`LIFESTONE_MAP_IMAGE`) is set and is a file: {@link serveMapImage} would serve it. */
export async function mapImageAvailable(file: string | undefined): Promise<boolean> {
  return Boolean(file && (await stat(file).catch(() => undefined))?.isFile());
}

/**
 * Serves the operator's map of Dereth (`LIFESTONE_MAP_IMAGE`: a PNG, JPEG or
 * WebP covering -101.95..101.95 on both axes) to GET and HEAD; resolves
 * `false` when none is configured or the file is missing, so the caller
 * answers 404 and the dashboard's map shows its grid alone.
 */
export async function serveMapImage(file: string | undefined, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  response.writeHead(200, {
    'content-type': IMAGE_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'public, max-age=300',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
  return true;
}
