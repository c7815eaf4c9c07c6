/**
 * The operator's map image: the gateway serves it at `/map/image` when one is
 * configured (404 otherwise), covering the whole of Dereth.
 */

/** Where the gateway serves the image. */
export const MAP_IMAGE_PATH = '/map/image';

/**
 * Fetches the image once and resolves an object URL of it, or `undefined`
 * when none is configured: any answer but a 200 with an image (a page served
 * in its place is not one) or a network failure.
 */
export async function loadMapImage(signal?: AbortSignal): Promise<string | undefined> {
  try {
    const response = await fetch(MAP_IMAGE_PATH, { credentials: 'same-origin', signal: signal ?? null });
    if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('image/')) return undefined;
    return URL.createObjectURL(await response.blob());
  } catch {
    return undefined;
  }
}
