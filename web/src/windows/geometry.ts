import type { WindowGeometry } from './registry';

/** Smallest size a window can be resized to. */
export const MIN_WINDOW = { width: 220, height: 140 } as const;
/** How much of a window's title bar must stay on screen so it can be dragged back. */
const GRIP = 48;

/**
 * Keeps a window reachable in a viewport of `width` x `height`: at least its
 * minimum size, no larger than the viewport, and its title bar on screen (a
 * remembered position from a bigger screen must not lose the window).
 */
export function clampGeometry(geometry: WindowGeometry, viewport: { width: number; height: number }, top = 0): WindowGeometry {
  const width = Math.round(Math.max(MIN_WINDOW.width, Math.min(geometry.width, viewport.width)));
  const height = Math.round(Math.max(MIN_WINDOW.height, Math.min(geometry.height, viewport.height - top)));
  const x = Math.round(Math.min(Math.max(geometry.x, GRIP - width), viewport.width - GRIP));
  const y = Math.round(Math.min(Math.max(geometry.y, top), viewport.height - GRIP));
  return { x, y, width, height };
}
