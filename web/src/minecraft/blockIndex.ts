/**
 * The blocks of one Minecraft world the map draws, seen from above, indexed
 * by 32 x 32 region so that a map tile reads only the regions under it.
 * Tiles are at map coordinates (`x` = ew, `y` = ns, north up); a tile of
 * kind `air` removes the block stored at its place (the bridge sends only
 * what changed).
 */

/** One block seen from above. */
export interface BlockTile {
  x: number;
  y: number;
  /** Its height; null when not said. */
  z: number | null;
  kind: string | null;
}

const REGION = 32;

export class BlockIndex {
  private readonly regions = new Map<string, Map<string, BlockTile>>();
  private count = 0;

  /** How many blocks are held. */
  get size(): number {
    return this.count;
  }

  /** Takes tiles in: each replaces the block at its place, `air` removes it. */
  apply(tiles: readonly BlockTile[]): void {
    for (const tile of tiles) {
      const regionKey = `${Math.floor(tile.x / REGION)},${Math.floor(tile.y / REGION)}`;
      let region = this.regions.get(regionKey);
      const key = `${tile.x},${tile.y}`;
      if (tile.kind === 'air') {
        if (region?.delete(key)) this.count -= 1;
        continue;
      }
      if (!region) this.regions.set(regionKey, (region = new Map()));
      if (!region.has(key)) this.count += 1;
      region.set(key, tile);
    }
  }

  /** The block at a map position (the block whose square holds it), if known. */
  at(ew: number, ns: number): BlockTile | undefined {
    const x = Math.floor(ew);
    const y = Math.ceil(ns);
    return this.regions.get(`${Math.floor(x / REGION)},${Math.floor(y / REGION)}`)?.get(`${x},${y}`);
  }

  /** Every block whose square meets the box (map coordinates). */
  *within(west: number, south: number, east: number, north: number): Generator<BlockTile> {
    for (let rx = Math.floor(west / REGION); rx <= Math.floor(east / REGION); rx++) {
      for (let ry = Math.floor(south / REGION); ry <= Math.floor(north / REGION); ry++) {
        const region = this.regions.get(`${rx},${ry}`);
        if (!region) continue;
        for (const tile of region.values()) {
          if (tile.x + 1 >= west && tile.x <= east && tile.y >= south && tile.y - 1 <= north) yield tile;
        }
      }
    }
  }

  clear(): void {
    this.regions.clear();
    this.count = 0;
  }
}
