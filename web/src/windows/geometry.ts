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

/** A rectangle of the page other windows should not open over (the map's layer panel), in CSS pixels. */
export interface Obstacle {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room kept between a window and the viewport's edges or an obstacle. */
const MARGIN = 8;
/** How far each new window opens down and right of the last one opened. */
export const CASCADE_STEP = 32;

/**
 * The window moved and then shrunk so that all of it is in the viewport below
 * `top` (a window from a bigger screen, or one opened on a small one), never
 * below its minimum size; a window that fits stays as it is.
 */
export function fitGeometry(geometry: WindowGeometry, viewport: { width: number; height: number }, top = 0): WindowGeometry {
  const roomWidth = viewport.width - 2 * MARGIN;
  const roomHeight = viewport.height - top - 2 * MARGIN;
  const width = Math.round(Math.max(MIN_WINDOW.width, Math.min(geometry.width, roomWidth)));
  const height = Math.round(Math.max(MIN_WINDOW.height, Math.min(geometry.height, roomHeight)));
  const x = Math.round(Math.max(Math.min(geometry.x, viewport.width - MARGIN - width), Math.min(MARGIN, geometry.x), 0));
  const y = Math.round(Math.max(Math.min(geometry.y, viewport.height - MARGIN - height), top));
  return { x, y, width, height };
}

function overlaps(a: WindowGeometry, b: Obstacle): boolean {
  return a.x < b.right && a.x + a.width > b.left && a.y < b.bottom && a.y + a.height > b.top;
}

/**
 * Where a window of `size` opens: down and right of `last` (the window opened
 * before it, if any is open), back at the top left when that would leave the
 * viewport; fitted in the viewport below `top`; and kept off `obstacles`
 * by ending above or left of each, whichever leaves the larger window (when
 * neither leaves its minimum size, it overlaps).
 */
export function placeWindow(
  size: { width: number; height: number },
  options: { viewport: { width: number; height: number }; top: number; last?: WindowGeometry | undefined; obstacles?: readonly Obstacle[] },
): WindowGeometry {
  const { viewport, top, last, obstacles = [] } = options;
  const origin = { x: MARGIN + 4, y: top + MARGIN };
  let start = last ? { x: last.x + CASCADE_STEP, y: last.y + CASCADE_STEP } : origin;
  const fitsFrom = (point: { x: number; y: number }) =>
    point.x + Math.min(size.width, viewport.width / 2) <= viewport.width - MARGIN && point.y + Math.min(size.height, (viewport.height - top) / 2) <= viewport.height - MARGIN;
  if (!fitsFrom(start)) start = origin;
  let placed = fitGeometry({ ...start, ...size }, viewport, top);
  for (const obstacle of obstacles) {
    if (!overlaps(placed, obstacle)) continue;
    const above = obstacle.top - MARGIN - placed.y;
    const leftOf = obstacle.left - MARGIN - placed.x;
    const areaAbove = above >= MIN_WINDOW.height ? above * placed.width : 0;
    const areaLeft = leftOf >= MIN_WINDOW.width ? leftOf * placed.height : 0;
    if (areaAbove === 0 && areaLeft === 0) continue;
    placed = areaAbove >= areaLeft ? { ...placed, height: Math.round(above) } : { ...placed, width: Math.round(leftOf) };
  }
  return placed;
}
