/**
 * Screen space already taken by dots and names, so that a name is drawn only
 * where it covers neither another name nor another dot: at low zoom most
 * names give way instead of piling into an unreadable smear. The map asks
 * it about every name on every frame while the fleet glides, so it keeps
 * its arrays between frames and allocates nothing once warm.
 */

/** Side of the square buckets rectangles are filed under, in pixels. */
const BUCKET = 32;
/** Buckets kept between frames before the index is dropped (a long session panned all over Dereth). */
const MAX_BUCKETS = 20_000;

export class LabelSpace {
  /** x, y, width, height of every rectangle taken, four numbers each. */
  private rectangles = new Float64Array(1_024);
  private length = 0;
  /** Per bucket, the offsets in {@link rectangles} of the rectangles touching it. */
  private readonly buckets = new Map<number, number[]>();
  /** The buckets filled since the last clear (emptied by it). */
  private readonly filled: number[][] = [];

  /** Forgets everything taken (a new frame). */
  clear(): void {
    for (const bucket of this.filled) bucket.length = 0;
    this.filled.length = 0;
    this.length = 0;
    if (this.buckets.size > MAX_BUCKETS) this.buckets.clear();
  }

  /** Marks a rectangle as taken. */
  take(x: number, y: number, width: number, height: number): void {
    const offset = this.length;
    if (offset + 4 > this.rectangles.length) {
      const grown = new Float64Array(this.rectangles.length * 2);
      grown.set(this.rectangles);
      this.rectangles = grown;
    }
    this.rectangles[offset] = x;
    this.rectangles[offset + 1] = y;
    this.rectangles[offset + 2] = width;
    this.rectangles[offset + 3] = height;
    this.length = offset + 4;
    const lastColumn = Math.floor((x + width) / BUCKET);
    const lastRow = Math.floor((y + height) / BUCKET);
    for (let column = Math.floor(x / BUCKET); column <= lastColumn; column += 1) {
      for (let row = Math.floor(y / BUCKET); row <= lastRow; row += 1) {
        const key = column * 65_536 + row;
        let bucket = this.buckets.get(key);
        if (!bucket) this.buckets.set(key, (bucket = []));
        if (bucket.length === 0) this.filled.push(bucket);
        bucket.push(offset);
      }
    }
  }

  /** Whether a rectangle overlaps nothing taken. */
  isFree(x: number, y: number, width: number, height: number): boolean {
    const { rectangles } = this;
    const lastColumn = Math.floor((x + width) / BUCKET);
    const lastRow = Math.floor((y + height) / BUCKET);
    for (let column = Math.floor(x / BUCKET); column <= lastColumn; column += 1) {
      for (let row = Math.floor(y / BUCKET); row <= lastRow; row += 1) {
        const bucket = this.buckets.get(column * 65_536 + row);
        if (!bucket) continue;
        for (const offset of bucket) {
          if (
            x < (rectangles[offset] as number) + (rectangles[offset + 2] as number) &&
            (rectangles[offset] as number) < x + width &&
            y < (rectangles[offset + 1] as number) + (rectangles[offset + 3] as number) &&
            (rectangles[offset + 1] as number) < y + height
          ) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Takes a rectangle if it is free; says whether it did. */
  claim(x: number, y: number, width: number, height: number): boolean {
    if (!this.isFree(x, y, width, height)) return false;
    this.take(x, y, width, height);
    return true;
  }
}
