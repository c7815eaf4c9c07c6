/**
 * Seeded pseudo-random numbers: the simulator's only source of chance, so that
 * the same seed gives the same fleet and the same frames.
 */

/** Mixes numbers into one well-spread 32-bit seed (murmur3's finaliser over each part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Fractions and numbers beyond 32 bits still count: fold the high part in.
    h = Math.imul(h ^ Math.floor(part / 0x1_0000_0000), 0x27d4eb2f);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** sfc32: small, fast, and good enough for simulation; seeded from a 32-bit value. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform integer in [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform number in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** An index into `weights`, each chosen in proportion to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A waiting time with the given mean, exponentially distributed (events at a steady rate). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A roughly normal number (sum of three uniforms): cheap and bounded to mean ± 3·spread. */
  around(mean: number, spread: number): number {
    return mean + (this.next() + this.next() + this.next() - 1.5) * 2 * spread;
  }

  /** `count` distinct elements of `list` (all of it when `count` >= its length), in random order. */
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = list.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const swap = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = swap;
    }
    copy.length = n;
    return copy;
  }

  /** 32 lowercase hex digits, e.g. a session id. */
  hex128(): string {
    let out = '';
    for (let i = 0; i < 4; i++) out += this.uint32().toString(16).padStart(8, '0');
    return out;
  }
}
