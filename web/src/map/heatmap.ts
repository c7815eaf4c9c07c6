/**
 * The spawn heatmap: monster spawns of the last few hours counted per square
 * cell of {@link HEAT_CELL} units, each cell a square shaded from yellow to
 * red on a canvas of its own (at least a few pixels wide, so that busy spots
 * still show with the whole world in view). Shade follows the log of the
 * count, so that a few camped spots do not wash out the rest.
 */
import { shallowRef, watch, type ShallowRef } from 'vue';
import { MapSpawnHeatmapDocument, type MapSpawnHeatmapQuery } from '../graph/generated/graphql';
import { useQuery } from '../graph/use';
import { ViewportCanvasLayer, type ViewProjection } from './canvasLayer';
import type { MapLayerSettings } from './mapLayers';
import { showLayer, type MapRef } from './showLayer';

/** The heatmap's cell, in coordinate units (1.25 landblocks). */
export const HEAT_CELL = 1;

/** How often the heatmap is read again. */
export const HEATMAP_REFRESH_MS = 60_000;

/** The smallest a cell is drawn, in pixels. */
const MIN_CELL_PX = 6;

type HeatCell = MapSpawnHeatmapQuery['spawnHeatmap'][number];

/** What the heatmap knows of one place. */
export interface HeatAt {
  count: number;
  topMonster: string;
}

/** The shade of a cell whose count is `heat` (0..1) of the busiest one's, on a log scale; the legend draws the same. */
export function heatShade(heat: number): string {
  return `hsl(${Math.round(55 - 55 * heat)} 100% ${Math.round(50 + 5 * heat)}% / ${(0.4 + 0.4 * heat).toFixed(2)})`;
}

class HeatmapLayer extends ViewportCanvasLayer {
  private cells: readonly HeatCell[] = [];

  show(cells: readonly HeatCell[]): void {
    this.cells = cells;
    this.redraw();
  }

  protected override draw(context: CanvasRenderingContext2D, { originX, originY, scale, width, height }: ViewProjection): void {
    const most = Math.log1p(Math.max(0, ...this.cells.map((cell) => cell.count)));
    for (const cell of this.cells) {
      const side = Math.max(cell.size * scale, MIN_CELL_PX);
      const x = originX + (cell.ew + cell.size / 2) * scale - side / 2;
      const y = originY - (cell.ns + cell.size / 2) * scale - side / 2;
      if (x > width || y > height || x + side < 0 || y + side < 0) continue;
      context.fillStyle = heatShade(most > 0 ? Math.log1p(cell.count) / most : 1);
      context.fillRect(x, y, side, side);
    }
  }
}

const cellKey = (column: number, row: number) => `${column}:${row}`;

/** Draws the heatmap as `settings` say, in `pane`; `heatAt` reads the cell under a place, `busiest` the highest count shown (the legend's top). */
export function useHeatmapLayer(map: MapRef, settings: MapLayerSettings, pane: string): { heatAt(ns: number, ew: number): HeatAt | undefined; busiest: ShallowRef<number> } {
  const heatmap = useQuery(MapSpawnHeatmapDocument, () => ({ hours: settings.heatmapHours, cell: HEAT_CELL }), {
    pollMs: HEATMAP_REFRESH_MS,
    pause: () => !settings.heatmap,
  });
  const layer = new HeatmapLayer(pane);
  const cellsByPlace = shallowRef(new Map<string, HeatCell>());
  const busiest = shallowRef(0);
  showLayer(map, layer, () => settings.heatmap);

  watch(heatmap.data, (data) => {
    const cells = data?.spawnHeatmap ?? [];
    layer.show(cells);
    busiest.value = Math.max(0, ...cells.map((cell) => cell.count));
    cellsByPlace.value = new Map(cells.map((cell) => [cellKey(Math.round(cell.ew / HEAT_CELL), Math.round(cell.ns / HEAT_CELL)), cell]));
  });

  return {
    busiest,
    heatAt(ns, ew) {
      if (!settings.heatmap) return undefined;
      const cell = cellsByPlace.value.get(cellKey(Math.floor(ew / HEAT_CELL), Math.floor(ns / HEAT_CELL)));
      return cell && { count: cell.count, topMonster: cell.topMonster };
    },
  };
}
