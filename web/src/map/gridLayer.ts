/**
 * The landblock grid: a line every landblock when they are far enough apart
 * on screen, every 2, 4, 8 ... otherwise, brighter and labelled every eighth
 * line, and the edge of the world.
 */
import type { ViewProjection } from './canvasLayer';
import { ViewportCanvasLayer } from './canvasLayer';
import { DERETH_EXTENT, formatEastWest, formatNorthSouth, LANDBLOCK_SIZE } from '@lifestone/lib/game/coordinates';
import { gridLines, gridSpacing } from './grid';

/** Labels of vertical lines sit below the toolbar. */
const TOP_INSET = 44;

export class LandblockGridLayer extends ViewportCanvasLayer {
  protected override draw(context: CanvasRenderingContext2D, view: ViewProjection): void {
    const { originX, originY, scale, width, height } = view;
    const toX = (ew: number) => Math.round(originX + ew * scale) + 0.5;
    const toY = (ns: number) => Math.round(originY - ns * scale) + 0.5;
    const west = -originX / scale;
    const east = (width - originX) / scale;
    const north = originY / scale;
    const south = (originY - height) / scale;
    const every = gridSpacing(scale);
    const major = every * 8;

    const minor = new Path2D();
    const majorPath = new Path2D();
    const left = Math.max(0, toX(-DERETH_EXTENT));
    const right = Math.min(width, toX(DERETH_EXTENT));
    const top = Math.max(0, toY(DERETH_EXTENT));
    const bottom = Math.min(height, toY(-DERETH_EXTENT));
    const isMajor = (coordinate: number) => Math.round((coordinate + DERETH_EXTENT) / LANDBLOCK_SIZE) % major === 0;
    const eastWest = gridLines(west, east, every);
    const northSouth = gridLines(south, north, every);
    for (const ew of eastWest) {
      const path = isMajor(ew) ? majorPath : minor;
      path.moveTo(toX(ew), top);
      path.lineTo(toX(ew), bottom);
    }
    for (const ns of northSouth) {
      const path = isMajor(ns) ? majorPath : minor;
      path.moveTo(left, toY(ns));
      path.lineTo(right, toY(ns));
    }
    context.lineWidth = 1;
    context.strokeStyle = 'rgb(139 148 158 / 12%)';
    context.stroke(minor);
    context.strokeStyle = 'rgb(139 148 158 / 30%)';
    context.stroke(majorPath);
    context.strokeStyle = 'rgb(70 194 168 / 45%)';
    context.strokeRect(toX(-DERETH_EXTENT), toY(DERETH_EXTENT), DERETH_EXTENT * 2 * scale, DERETH_EXTENT * 2 * scale);

    context.font = '10px system-ui, sans-serif';
    context.fillStyle = 'rgb(139 148 158 / 80%)';
    context.textBaseline = 'top';
    for (const ew of eastWest.filter(isMajor)) context.fillText(formatEastWest(ew), toX(ew) + 3, Math.max(top, TOP_INSET) + 3);
    context.textBaseline = 'bottom';
    for (const ns of northSouth.filter(isMajor)) context.fillText(formatNorthSouth(ns), left + 3, toY(ns) - 2);
  }
}
