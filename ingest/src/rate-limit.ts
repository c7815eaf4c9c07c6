/**
 * A token bucket: `ratePerSecond` tokens flow in, at most `burst` are held.
 * A frame costs its tokens (one, or its bytes); a frame that finds too few is refused.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes `cost` tokens if there are as many; `now` in milliseconds. A refused frame takes none. */
  take(now: number, cost = 1): boolean {
    this.refill(now);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /**
   * Takes `cost` tokens however few there are, leaving a debt that the rate
   * pays off before anything passes again: for what was read and refused
   * anyway (a frame over the size limit still cost its bytes to receive).
   */
  spend(now: number, cost: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
  }
}

