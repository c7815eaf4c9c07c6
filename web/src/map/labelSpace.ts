/**
 * Screen space already taken by dots and names, so that a name is drawn only
 * where it covers neither another name nor another dot: at low zoom most
 * names give way instead of piling into an unreadable smear.
 */

/** Side of the square buckets rectangles are filed under, in pixels. */
const BUCKET = 32;

export class LabelSpace {
  /** x, y, width, height of every rectangle taken, four numbers each. */
  private readonly rectangles: number[] = [];
  private readonly buckets = new Map<number, number[]>();

  /** Forgets everything taken (a new frame). */
  clear(): void {
    this.rectangles.length = 0;
    this.buckets.clear();
  }

  /** Marks a rectangle as taken. */
  take(x: number, y: number, width: number, height: number): void {
    const index = this.rectangles.length;
    this.rectangles.push(x, y, width, height);
    this.forBuckets(x, y, width, height, (key) => {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(index);
      else this.buckets.set(key, [index]);
      return false;
    });
  }

  /** Whether a rectangle overlaps nothing taken. */
  isFree(x: number, y: number, width: number, height: number): boolean {
    const { rectangles } = this;
    return !this.forBuckets(x, y, width, height, (key) =>
      (this.buckets.get(key) ?? []).some(
        (index) =>
          x < (rectangles[index] as number) + (rectangles[index + 2] as number) &&
          (rectangles[index] as number) < x + width &&
          y < (rectangles[index + 1] as number) + (rectangles[index + 3] as number) &&
          (rectangles[index + 1] as number) < y + height,
      ),
    );
  }

  /** Takes a rectangle if it is free; says whether it did. */
  claim(x: number, y: number, width: number, height: number): boolean {
    if (!this.isFree(x, y, width, height)) return false;
    this.take(x, y, width, height);
    return true;
  }

  /** Calls `visit` with the key of each bucket the rectangle touches until it returns true; returns whether it did. */
  private forBuckets(x: number, y: number, width: number, height: number, visit: (key: number) => boolean): boolean {
    const firstColumn = Math.floor(x / BUCKET);
    const lastColumn = Math.floor((x + width) / BUCKET);
    const firstRow = Math.floor(y / BUCKET);
    const lastRow = Math.floor((y + height) / BUCKET);
    for (let column = firstColumn; column <= lastColumn; column += 1) {
      for (let row = firstRow; row <= lastRow; row += 1) {
        if (visit(column * 65_536 + row)) return true;
      }
    }
    return false;
  }
}
