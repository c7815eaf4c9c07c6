/**
 * Dots that glide: each report of a character starts a glide from where its
 * dot is drawn to where it was reported, over the interval that character
 * reports at (an exponential moving average of the gaps between its
 * reports), eased in and out, its heading turning the shortest way round.
 * A first fix snaps into place, and so does a jump no one could walk in the
 * time (a recall, a portal). The dot then arrives as the next report comes
 * in, one interval behind the character, moving all the time.
 *
 * Every character's glide lives in typed arrays indexed by a slot, so that
 * the map's frame loop reads thousands of them without allocating.
 */
import type { FleetCharacter } from '../fleet/fleet';

/** The interval assumed before a character's second report: the plugins' telemetry period. @default 2000 */
export const DEFAULT_REPORT_INTERVAL_MS = 2_000;
/** Glides last at least this long… */
export const MIN_GLIDE_MS = 100;
/** …and at most this long. */
export const MAX_GLIDE_MS = 10_000;
/** The weight of the newest gap in the moving average of a character's reporting interval. */
export const INTERVAL_SMOOTHING = 0.3;
/** A gap longer than this many intervals is a pause (standing still sends nothing), not the cadence. */
const PAUSE_FACTOR = 4;
/** A move is a jump (snapped, not walked) beyond this distance… (coordinate units, 240 m each) */
export const TELEPORT_FLOOR_UNITS = 0.5;
/** …plus this far per second between the two reports: five times the fastest runner. */
export const TELEPORT_UNITS_PER_SECOND = 0.25;

/** Ease-in-out (cubic) of `t` in [0, 1]; 0 below, 1 above. */
export function easeInOut(t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return t < 0.5 ? 4 * t * t * t : 1 - ((2 - 2 * t) ** 3) / 2;
}

/** The turn from heading `from` to `to` (compass degrees) the shortest way round, in (-180, 180]. */
export function headingTurn(from: number, to: number): number {
  const turn = (((to - from) % 360) + 540) % 360 - 180;
  return turn === -180 ? 180 : turn;
}

/** The heading a fraction `t` of the way from `from` to `to`, turning the shortest way round, in [0, 360). */
export function headingBetween(from: number, to: number, t: number): number {
  return (((from + headingTurn(from, to) * t) % 360) + 360) % 360;
}

/**
 * A character's reporting interval after a gap of `gapMs` between two of its
 * reports: the moving average moved {@link INTERVAL_SMOOTHING} of the way to
 * the gap; gaps of a pause (longer than four intervals) or out of order are
 * left out. Kept within [{@link MIN_GLIDE_MS}, {@link MAX_GLIDE_MS}].
 */
export function nextReportInterval(intervalMs: number, gapMs: number): number {
  if (!(gapMs > 0) || gapMs > intervalMs * PAUSE_FACTOR) return intervalMs;
  const next = intervalMs + (gapMs - intervalMs) * INTERVAL_SMOOTHING;
  return Math.min(MAX_GLIDE_MS, Math.max(MIN_GLIDE_MS, next));
}

/** Whether a move of `distance` units between two reports `gapMs` apart is a jump (a recall, a portal) rather than a walk. */
export function isTeleport(distance: number, gapMs: number): boolean {
  return distance > TELEPORT_FLOOR_UNITS + (TELEPORT_UNITS_PER_SECOND * Math.max(gapMs, 0)) / 1000;
}

const NO_HEADING = Number.NaN;

/**
 * The glides of a fleet, by character. Per frame: {@link track} each
 * character (which starts a glide when it was reported somewhere new), then
 * read {@link ns}, {@link ew} and {@link heading}; `track` says whether the
 * glide is still under way (the map then paints the next frame).
 */
export class Glides {
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private capacity = 0;
  private fromNs = new Float64Array(0);
  private fromEw = new Float64Array(0);
  private fromHeading = new Float64Array(0);
  private toNs = new Float64Array(0);
  private toEw = new Float64Array(0);
  private toHeading = new Float64Array(0);
  /** When the glide started and how long it lasts (this page's `performance.now()` clock). */
  private start = new Float64Array(0);
  private duration = new Float64Array(0);
  /** The moving average of the gaps between reports. */
  private interval = new Float64Array(0);
  /** When the character observed its last report's position (server clock, 0 when unknown). */
  private reportTime = new Float64Array(0);

  /** Where the last {@link track} or {@link read} put the character. */
  ns = 0;
  ew = 0;
  /** Compass degrees, or null when not reported. */
  heading: number | null = null;

  /** How many characters have a glide. */
  get size(): number {
    return this.slots.size;
  }

  /** Forgets every glide: the next report of each character snaps. */
  clear(): void {
    this.slots.clear();
    this.free.length = 0;
  }

  /** Forgets the characters `live` no longer has (cheap when none left). */
  prune(live: ReadonlyMap<string, unknown>): void {
    if (this.slots.size <= live.size) return;
    for (const [name, slot] of this.slots) {
      if (!live.has(name)) {
        this.slots.delete(name);
        this.free.push(slot);
      }
    }
  }

  /**
   * Where `character` is drawn at `now`: starts a glide there when it was
   * reported somewhere new (snapping a first fix or a jump), then sets
   * {@link ns}, {@link ew}, {@link heading}; returns whether the glide is
   * still under way.
   */
  track(character: FleetCharacter, now: number): boolean {
    let slot = this.slots.get(character.name);
    if (slot === undefined) {
      slot = this.allocate(character.name);
      this.snap(slot, character, now);
      this.interval[slot] = DEFAULT_REPORT_INTERVAL_MS;
    } else if (character.ns !== this.toNs[slot] || character.ew !== this.toEw[slot] || !Object.is(character.heading ?? NO_HEADING, this.toHeading[slot])) {
      this.report(slot, character, now);
    }
    this.evaluate(slot, now);
    return now < (this.start[slot] as number) + (this.duration[slot] as number);
  }

  /** Sets {@link ns}, {@link ew}, {@link heading} to where `name` is drawn at `now` without taking in a new report; false when it has no glide. */
  read(name: string, now: number): boolean {
    const slot = this.slots.get(name);
    if (slot === undefined) return false;
    this.evaluate(slot, now);
    return true;
  }

  /** Where a glide to `character`'s report ends (the report, not yet reached): [ns, ew], or undefined without a glide. */
  target(name: string): [number, number] | undefined {
    const slot = this.slots.get(name);
    return slot === undefined ? undefined : [this.toNs[slot] as number, this.toEw[slot] as number];
  }

  private report(slot: number, character: FleetCharacter, now: number): void {
    const reported = this.reportTime[slot] as number;
    const gap = character.positionTime > 0 && reported > 0 ? character.positionTime - reported : Number.NaN;
    const interval = nextReportInterval(this.interval[slot] as number, gap);
    this.interval[slot] = interval;
    const distance = Math.hypot(character.ns - (this.toNs[slot] as number), character.ew - (this.toEw[slot] as number));
    if (isTeleport(distance, Number.isNaN(gap) ? interval : gap)) {
      this.snap(slot, character, now);
      return;
    }
    this.evaluate(slot, now);
    this.fromNs[slot] = this.ns;
    this.fromEw[slot] = this.ew;
    this.fromHeading[slot] = this.heading ?? NO_HEADING;
    this.toNs[slot] = character.ns;
    this.toEw[slot] = character.ew;
    this.toHeading[slot] = character.heading ?? NO_HEADING;
    this.start[slot] = now;
    this.duration[slot] = interval;
    this.reportTime[slot] = character.positionTime;
  }

  private snap(slot: number, character: FleetCharacter, now: number): void {
    this.fromNs[slot] = this.toNs[slot] = character.ns;
    this.fromEw[slot] = this.toEw[slot] = character.ew;
    this.fromHeading[slot] = this.toHeading[slot] = character.heading ?? NO_HEADING;
    this.start[slot] = now;
    this.duration[slot] = 0;
    this.reportTime[slot] = character.positionTime;
  }

  private evaluate(slot: number, now: number): void {
    const duration = this.duration[slot] as number;
    const t = duration > 0 ? easeInOut((now - (this.start[slot] as number)) / duration) : 1;
    const fromNs = this.fromNs[slot] as number;
    const fromEw = this.fromEw[slot] as number;
    this.ns = fromNs + ((this.toNs[slot] as number) - fromNs) * t;
    this.ew = fromEw + ((this.toEw[slot] as number) - fromEw) * t;
    const from = this.fromHeading[slot] as number;
    const to = this.toHeading[slot] as number;
    this.heading = Number.isNaN(to) ? null : Number.isNaN(from) ? to : headingBetween(from, to, t);
  }

  private allocate(name: string): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot >= this.capacity) this.grow(Math.max(64, this.capacity * 2));
    }
    this.slots.set(name, slot);
    return slot;
  }

  private grow(capacity: number): void {
    const grown = (array: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(array);
      return next;
    };
    this.fromNs = grown(this.fromNs);
    this.fromEw = grown(this.fromEw);
    this.fromHeading = grown(this.fromHeading);
    this.toNs = grown(this.toNs);
    this.toEw = grown(this.toEw);
    this.toHeading = grown(this.toHeading);
    this.start = grown(this.start);
    this.duration = grown(this.duration);
    this.interval = grown(this.interval);
    this.reportTime = grown(this.reportTime);
    this.capacity = capacity;
  }
}
