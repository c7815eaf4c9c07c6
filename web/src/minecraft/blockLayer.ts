/**
 * The blocks of a Minecraft world as a Leaflet tile layer: each 256-pixel
 * tile is a canvas on which the blocks under it are filled in their
 * colours (`blockColors.ts`), one square per block. Tiles are drawn again
 * (`redraw`) when blocks change.
 */
import { GridLayer, Point, type Coords, type GridLayerOptions } from 'leaflet';
import { blockColour } from './blockColors';
import type { BlockIndex } from './blockIndex';

export class BlockLayer extends GridLayer {
  constructor(
    private readonly blocks: BlockIndex,
    options: GridLayerOptions = {},
  ) {
    super({ tileSize: 256, ...options });
  }

  override createTile(coords: Coords): HTMLElement {
    const canvas = document.createElement('canvas');
    const size = this.getTileSize();
    canvas.width = size.x;
    canvas.height = size.y;
    const map = this._map;
    const context = canvas.getContext('2d');
    if (!map || !context) return canvas;
    const scale = 2 ** coords.z;
    const northWest = map.unproject(new Point(coords.x * size.x, coords.y * size.y), coords.z);
    const west = northWest.lng;
    const north = northWest.lat;
    const east = west + size.x / scale;
    const south = north - size.y / scale;
    // A block is at least a pixel, so that a zoomed-out world still shows.
    const side = Math.max(1, scale);
    for (const tile of this.blocks.within(west, south, east, north)) {
      context.fillStyle = blockColour(tile.kind);
      context.fillRect(Math.floor((tile.x - west) * scale), Math.floor((north - tile.y) * scale), Math.ceil(side), Math.ceil(side));
    }
    return canvas;
  }
}
