/**
 * The operator's map image: the gateway serves it at `/map/image` when one is
 * configured, covering the whole of Dereth. The graph's `mapImage` says
 * whether it is, so that a map without one asks for nothing (a 404 would be
 * logged in the browser's console on every load).
 */
import { request } from '../graph/client';
import { MapImageDocument } from '../graph/generated/graphql';

/**
 * Asks the graph where the image is, fetches it once and resolves an object
 * URL of it; `undefined` when none is configured, or on any answer but a 200
 * with an image (a page served in its place is not one) or a network failure.
 */
export async function loadMapImage(signal?: AbortSignal): Promise<string | undefined> {
  try {
    const { mapImage } = await request(MapImageDocument, {}, signal);
    if (!mapImage) return undefined;
    const response = await fetch(mapImage, { credentials: 'same-origin', signal: signal ?? null });
    if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('image/')) return undefined;
    return URL.createObjectURL(await response.blob());
  } catch {
    return undefined;
  }
}
