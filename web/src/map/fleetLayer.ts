/**
 * The live characters on one canvas: a dot per character coloured by its
 * state, a heading tick when zoomed in, a ring on the selected and hovered
 * ones, and names wherever they fit (always for the selected and hovered
 * ones). A thousand DOM markers would stutter; this stamps the dots
 * (dotStamps.ts). Live dots glide from report to report (glide.ts): the
 * layer paints every frame while one on screen glides, and otherwise only
 * when something changed. Names keep their side and priority from paint to
 * paint, so that neighbours' names do not swap places as they move.
 */
import type { FleetCharacter } from '../fleet/fleet';
import { STATE_CATEGORIES, stateCategory, type StateCategory } from '../fleet/states';
import { projectionOf, ViewportCanvasLayer, type ViewProjection } from './canvasLayer';
import { DotStamps } from './dotStamps';
import { Glides } from './glide';
import { LabelSpace } from './labelSpace';
import { NameSprites } from './nameSprites';

/** A click or hover within this many pixels of a dot is on it. */
export const HIT_RADIUS_PX = 8;

/**
 * A paint that took longer than this (ms) while dots glide skips a frame
 * before the next, and one more for every further multiple, three at most:
 * tens of thousands of dots then glide at a lower rate rather than starving
 * the page's frames.
 */
const GLIDE_PAINT_BUDGET_MS = 8;
const MAX_SKIPPED_FRAMES = 3;

/**
 * Up to this many characters, dots are placed to a quarter of a device pixel
 * (drawn filtered), so that a slow walk glides rather than steps from pixel
 * to pixel; beyond it, on whole device pixels, where crowds share them (see
 * dotStamps.ts).
 */
const SUBPIXEL_FLEET = 2_000;
const SUBPIXEL_STEPS = 4;

/** Heading ticks from this zoom on (one coordinate unit is 2^zoom pixels). */
const HEADING_ZOOM = 6;

const NAME_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const NAME_HEIGHT = 14;
/** Space kept clear around a name so that neighbours stay readable. */
const NAME_MARGIN = 3;

/** What the layer reads: the characters to draw (the live fleet's, or a replay's), who is selected, and who else must be named. */
export interface FleetLayerSource {
  readonly characters: ReadonlyMap<string, FleetCharacter>;
  /** Whether the dots glide from report to report (the live fleet) or stand where the characters are (a replay, which moves them itself). */
  glide(): boolean;
  selected(): string | undefined;
  /**
   * Characters named whatever else is near (after the selected and hovered
   * ones), right of their dot, in the colour given: those the assistant's
   * rings mark, in the ring's colour, so that a ring never reads as a
   * neighbour's.
   */
  named?(): ReadonlyMap<string, string>;
  /** Marks screen space names of other layers hold (the towns'), which other characters' names then keep clear of. */
  reserve?(space: LabelSpace, view: ViewProjection): void;
}

/** A name as drawn: which side of its dot, in which colour. */
export interface DrawnName {
  name: string;
  side: 'right' | 'left';
  colour: string;
}

/** A name's side: right of its dot, or left of it. */
const RIGHT = 1;
const LEFT = 2;
const SIDES = ['right', 'right', 'left'] as const;

const BRIGHT = '#ffffff';
const DOT_OUTLINE = 'rgb(0 0 0 / 65%)';
const PLAIN = 'rgb(230 237 243 / 90%)';

function cssColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export class FleetLayer extends ViewportCanvasLayer {
  private hovered: string | undefined;
  private readonly colours: Record<StateCategory, string>;
  private readonly nameWidths = new Map<string, number>();
  private readonly space = new LabelSpace();
  private readonly stamps = new DotStamps();
  private readonly glides = new Glides();
  private gliding = false;
  /** The characters on screen in this paint, and where (container pixels, on whole device pixels): kept between paints, no garbage per paint. */
  private readonly onScreen: FleetCharacter[] = [];
  private screenX = new Float64Array(1_024);
  private screenY = new Float64Array(1_024);
  private deviceXs = new Int32Array(1_024);
  private deviceYs = new Int32Array(1_024);
  private dotLooks = new Uint8Array(1_024);
  /** Compass degrees, NaN when not reported. */
  private dotHeadings = new Float64Array(1_024);
  /** The last {@link layout}: its frame time, the dots' fingerprint, whether a glide on screen is under way. */
  private laidOut = { frame: Number.NaN, hash: 0, moving: false, steps: 1 };
  /** The dots' fingerprint of the last paint, and whether something besides the glides asked for a paint since. */
  private dotsFingerprint = 0;
  private forced = true;
  private readonly nameSprites = new NameSprites({ font: NAME_FONT, height: NAME_HEIGHT, halo: 'rgb(13 17 23 / 85%)', haloWidth: 3 });
  /** Each reported state's place in {@link STATE_CATEGORIES}, worked out once. */
  private readonly looks = new Map<string | null, number>();
  /** Which side of its dot each name was drawn on in the last paint ({@link RIGHT}, {@link LEFT}), and in this one. */
  private sides = new Map<string, number>();
  private nextSides = new Map<string, number>();
  /** The names drawn in the last paint, their sides and colours, in the order drawn. */
  private readonly drawnNames: string[] = [];
  private readonly drawnSides: number[] = [];
  private readonly drawnColours: string[] = [];
  /** What the last paint showed, hashed: dots' pixels and looks, names' places. */
  private fingerprint = 0;
  /** How many paints changed what the canvas shows (the web bench's canvas changes per second). */
  changes = 0;
  /** The frame waiting to paint the next step of the glides, and how many frames it still lets pass. */
  private glideFrame = 0;
  private framesToSkip = 0;
  /** Called on every frame before the canvas is painted, with the frame's time (follow mode pans here, trails follow their dot). */
  onFrame: ((now: number) => void) | undefined;
  /** The time of the last frame painted (the glides' place and the followed view are those of this moment). */
  private frameAt: number | undefined;

  constructor(
    pane: string,
    private readonly source: FleetLayerSource,
  ) {
    super(pane);
    this.colours = Object.fromEntries(STATE_CATEGORIES.map((category) => [category, cssColour(`--state-${category}`, '#46c2a8')])) as Record<StateCategory, string>;
  }

  /** The names drawn in the last paint, in the order drawn (the browser tests read it: the canvas has no DOM per name). */
  get names(): DrawnName[] {
    return this.drawnNames.map((name, index) => ({ name, side: SIDES[this.drawnSides[index] as number] ?? 'right', colour: this.drawnColours[index] as string }));
  }

  /** Where `name`'s dot is drawn at `now` (its glide's place, or where it is when the dots do not glide): [ns, ew]. */
  drawnAt(name: string, now = performance.now()): [number, number] | undefined {
    if (this.gliding && this.glides.read(name, now)) return [this.glides.ns, this.glides.ew];
    const character = this.source.characters.get(name);
    return character && [character.ns, character.ew];
  }

  /** Where `name`'s dot glides to (its last report, not reached yet while it glides): [ns, ew]. */
  glidesTo(name: string): [number, number] | undefined {
    return this.gliding ? this.glides.target(name) : undefined;
  }

  /** Every character's dot as drawn at `now`: `{name: {ns, ew}}` (the diagnostics handle's `drawn()`). */
  drawnPositions(now = performance.now()): Record<string, { ns: number; ew: number }> {
    const result: Record<string, { ns: number; ew: number }> = {};
    for (const name of this.source.characters.keys()) {
      const at = this.drawnAt(name, now);
      if (at) result[name] = { ns: at[0], ew: at[1] };
    }
    return result;
  }

  /** Where `name`'s dot is on screen in the last frame painted (the view as that frame left it), in container pixels. */
  drawnOnScreen(name: string): { x: number; y: number } | undefined {
    const at = this.map && this.drawnAt(name, this.frameAt ?? performance.now());
    if (!at || !this.map) return undefined;
    const { originX, originY, scale } = projectionOf(this.map);
    return { x: originX + at[1] * scale, y: originY - at[0] * scale };
  }

  /** The character nearest to a container point, within {@link HIT_RADIUS_PX}, where its dot is drawn. */
  characterAt(x: number, y: number): string | undefined {
    if (!this.map) return undefined;
    const { originX, originY, scale } = projectionOf(this.map);
    const now = performance.now();
    let nearest: string | undefined;
    let best = HIT_RADIUS_PX * HIT_RADIUS_PX;
    for (const character of this.source.characters.values()) {
      const gliding = this.gliding && this.glides.read(character.name, now);
      const dx = originX + (gliding ? this.glides.ew : character.ew) * scale - x;
      const dy = originY - (gliding ? this.glides.ns : character.ns) * scale - y;
      const distance = dx * dx + dy * dy;
      if (distance <= best) {
        best = distance;
        nearest = character.name;
      }
    }
    return nearest;
  }

  private lookOf(state: string | null): number {
    let look = this.looks.get(state);
    if (look === undefined) this.looks.set(state, (look = STATE_CATEGORIES.indexOf(stateCategory(state))));
    return look;
  }

  /** Sets the character under the pointer (ringed and named); returns whether it changed. */
  hover(name: string | undefined): boolean {
    if (name === this.hovered) return false;
    this.hovered = name;
    this.redraw();
    return true;
  }

  protected override beforePaint(now: number): void {
    this.frameAt = now;
    const gliding = this.source.glide();
    if (gliding !== this.gliding) {
      this.glides.clear();
      this.gliding = gliding;
    }
    this.onFrame?.(now);
  }

  override onRemove(): this {
    cancelAnimationFrame(this.glideFrame);
    this.glideFrame = 0;
    return super.onRemove();
  }

  /** Paints the glides' next step: on the next frame, or later after a paint over {@link GLIDE_PAINT_BUDGET_MS}. */
  private glideOn(paintMs: number): void {
    this.framesToSkip = Math.min(MAX_SKIPPED_FRAMES, Math.floor(paintMs / GLIDE_PAINT_BUDGET_MS));
    if (this.framesToSkip === 0) {
      super.redraw();
      return;
    }
    const wait = () => {
      this.glideFrame = 0;
      if (--this.framesToSkip > 0) this.glideFrame = requestAnimationFrame(wait);
      else super.redraw();
    };
    if (!this.glideFrame) this.glideFrame = requestAnimationFrame(wait);
  }

  override redraw(): void {
    // Something besides the glides changed (a batch, the view, a selection): paint even if no dot moved a pixel.
    this.forced = true;
    super.redraw();
  }

  /**
   * Where every dot on screen is this frame (glides advanced), into the
   * layer's arrays, and into {@link laidOut} the dots' fingerprint (device
   * pixels, looks, headings) and whether a glide on screen is under way.
   */
  private layout(view: ViewProjection, ratio: number, now: number): void {
    const { originX, originY, scale, width, height, zoom } = view;
    const radius = zoom >= HEADING_ZOOM ? 5 : 4;
    const { onScreen, glides, gliding } = this;
    const steps = this.source.characters.size <= SUBPIXEL_FLEET ? SUBPIXEL_STEPS : 1;
    onScreen.length = 0;
    if (gliding) glides.prune(this.source.characters);
    let moving = false;
    let hash = Math.imul(Math.round(originX * ratio) ^ 0x2545f491, 0x9e3779b1) ^ Math.round(originY * ratio) ^ Math.imul(zoom * 4, 0x85ebca6b);
    for (const character of this.source.characters.values()) {
      let { ns, ew, heading } = character;
      const under = gliding && glides.track(character, now);
      if (gliding) ({ ns, ew, heading } = glides);
      const atX = originX + ew * scale;
      const atY = originY - ns * scale;
      if (atX < -radius || atY < -radius || atX > width + radius || atY > height + radius) continue;
      if (under) moving = true;
      // Dots sit on a grid of `steps` per device pixel (`deviceX` counts its cells): everything else about a dot goes there too.
      const deviceX = Math.round(atX * ratio * steps);
      const deviceY = Math.round(atY * ratio * steps);
      const look = this.lookOf(character.state);
      this.keepOnScreen(character, deviceX, deviceY, ratio * steps, look, heading);
      hash = Math.imul(hash ^ deviceX, 0x9e3779b1) ^ Math.imul(deviceY * 16 + look, 0x85ebca6b);
      if (heading !== null && zoom >= HEADING_ZOOM) hash ^= Math.round(heading);
    }
    this.laidOut = { frame: now, hash, moving, steps };
  }

  protected override wantsPaint(view: ViewProjection, ratio: number, now: number): boolean {
    if (this.forced) return true;
    // A glide's frame: paint only when a dot moved a device pixel (most frames of a slow walk at a low zoom do not).
    this.layout(view, ratio, now);
    if (this.laidOut.hash !== this.dotsFingerprint) return true;
    if (this.laidOut.moving) this.glideOn(0);
    return false;
  }

  protected override draw(context: CanvasRenderingContext2D, view: ViewProjection, ratio: number, now: number): void {
    const began = performance.now();
    if (this.forced || this.laidOut.frame !== now) this.layout(view, ratio, now);
    this.forced = false;
    const { originX, originY, scale, zoom } = view;
    const radius = zoom >= HEADING_ZOOM ? 5 : 4;
    const { stamps, onScreen, space, screenX, screenY, deviceXs, deviceYs, dotLooks, dotHeadings } = this;
    stamps.clear(STATE_CATEGORIES.length);
    space.clear();
    const headings = zoom >= HEADING_ZOOM ? new Path2D() : undefined;
    for (let index = 0; index < onScreen.length; index += 1) {
      const x = screenX[index] as number;
      const y = screenY[index] as number;
      const heading = dotHeadings[index] as number;
      if (headings && !Number.isNaN(heading)) {
        const angle = (heading * Math.PI) / 180;
        headings.moveTo(x + Math.sin(angle) * radius, y - Math.cos(angle) * radius);
        headings.lineTo(x + Math.sin(angle) * (radius + 7), y - Math.cos(angle) * (radius + 7));
      }
      if (stamps.add(dotLooks[index] as number, deviceXs[index] as number, deviceYs[index] as number)) space.take(x - radius, y - radius, radius * 2, radius * 2);
    }

    STATE_CATEGORIES.forEach((category, look) => stamps.stamp(context, look, { radius, fill: this.colours[category], outline: DOT_OUTLINE, outlineWidth: 1 }, ratio, this.laidOut.steps));
    if (headings) {
      context.strokeStyle = 'rgb(230 237 243 / 70%)';
      context.lineWidth = 1.5;
      context.stroke(headings);
    }

    const selected = this.source.selected();
    const named = new Map<string, string>();
    for (const name of [selected, this.hovered]) if (name !== undefined) named.set(name, BRIGHT);
    for (const [name, colour] of this.source.named?.() ?? []) if (!named.has(name)) named.set(name, colour);
    for (const name of [selected, this.hovered]) {
      const at = name === undefined ? undefined : this.drawnAt(name, now);
      if (!at) continue;
      context.beginPath();
      context.arc(originX + at[1] * scale, originY - at[0] * scale, radius + (name === selected ? 4 : 2.5), 0, Math.PI * 2);
      context.lineWidth = name === selected ? 2.5 : 1.5;
      context.strokeStyle = name === selected ? '#ffffff' : 'rgb(230 237 243 / 75%)';
      context.stroke();
    }

    this.source.reserve?.(space, view);
    this.dotsFingerprint = this.laidOut.hash;
    const hash = this.drawNames(context, view, radius, named, now, this.laidOut.hash, ratio);
    if (hash !== this.fingerprint) this.changes += 1;
    this.fingerprint = hash;
    if (this.laidOut.moving) this.glideOn(performance.now() - began);
  }

  /**
   * Takes a name's box (text at `textX`) if it is free, looking past the
   * `inset` pixels next to the dot (positive: on the box's left, negative:
   * on its right); says whether it did.
   */
  private fitName(textX: number, top: number, width: number, height: number, inset: number): boolean {
    const x = textX - NAME_MARGIN;
    if (!this.space.isFree(inset > 0 ? x + inset : x, top, width - Math.abs(inset), height)) return false;
    this.space.take(x, top, width, height);
    return true;
  }

  /** Keeps a dot of this paint: at (`deviceX`, `deviceY`) cells of `cellsPerPixel` per CSS pixel. */
  private keepOnScreen(character: FleetCharacter, deviceX: number, deviceY: number, cellsPerPixel: number, look: number, heading: number | null): void {
    const index = this.onScreen.length;
    if (index >= this.screenX.length) {
      const size = this.screenX.length * 2;
      const grow = <T extends Float64Array | Int32Array | Uint8Array>(array: T, next: T): T => {
        next.set(array);
        return next;
      };
      this.screenX = grow(this.screenX, new Float64Array(size));
      this.screenY = grow(this.screenY, new Float64Array(size));
      this.deviceXs = grow(this.deviceXs, new Int32Array(size));
      this.deviceYs = grow(this.deviceYs, new Int32Array(size));
      this.dotLooks = grow(this.dotLooks, new Uint8Array(size));
      this.dotHeadings = grow(this.dotHeadings, new Float64Array(size));
    }
    this.onScreen.push(character);
    this.screenX[index] = deviceX / cellsPerPixel;
    this.screenY[index] = deviceY / cellsPerPixel;
    this.deviceXs[index] = deviceX;
    this.deviceYs[index] = deviceY;
    this.dotLooks[index] = look;
    this.dotHeadings[index] = heading ?? Number.NaN;
  }

  /**
   * Names: `named` always, right of the dot in their colours; then every
   * other one on screen where it fits, those named in the last paint first
   * and on the side they had, so that a name keeps its place while there is
   * room for it. Returns `hash` with the names' places mixed in.
   */
  private drawNames(context: CanvasRenderingContext2D, view: ViewProjection, radius: number, named: ReadonlyMap<string, string>, now: number, hash: number, ratio: number): number {
    const { originX, originY, scale } = view;
    context.font = NAME_FONT;
    this.drawnNames.length = 0;
    this.drawnSides.length = 0;
    this.drawnColours.length = 0;
    this.nextSides.clear();
    for (const [name, colour] of named) {
      const at = this.drawnAt(name, now);
      if (at) hash = this.label(context, name, originX + at[1] * scale, originY - at[0] * scale, radius, RIGHT, colour, hash, ratio);
    }
    const { onScreen, screenX, screenY, sides } = this;
    for (const keeping of [true, false]) {
      for (let index = 0; index < onScreen.length; index += 1) {
        const { name } = onScreen[index] as FleetCharacter;
        const side = sides.get(name);
        if (named.has(name) || (side !== undefined) !== keeping) continue;
        hash = this.label(context, name, screenX[index] as number, screenY[index] as number, radius, side ?? RIGHT, undefined, hash, ratio);
      }
    }
    this.nameSprites.flush(context);
    [this.sides, this.nextSides] = [this.nextSides, this.sides];
    return hash;
  }

  /** Places one name by its dot at (`dotX`, `y`), drawn when the paint's names are flushed: `colour` given, always on side `side`; else plain on `side` if it fits there, or on the other. */
  private label(context: CanvasRenderingContext2D, name: string, dotX: number, y: number, radius: number, side: number, colour: string | undefined, hash: number, ratio: number): number {
    let textWidth = this.nameWidths.get(name);
    if (textWidth === undefined) this.nameWidths.set(name, (textWidth = context.measureText(name).width));
    const rightX = dotX + radius + 4;
    const leftX = dotX - radius - 4 - textWidth;
    const top = y - NAME_HEIGHT / 2 - NAME_MARGIN;
    const boxWidth = textWidth + NAME_MARGIN * 2;
    const boxHeight = NAME_HEIGHT + NAME_MARGIN * 2;
    // A name drawn last paint stays on its side even where a neighbour's dot came up beside its own (two characters in
    // one spot would swap names at every pixel of jitter otherwise): it yields only to what lies beyond a dot's width.
    const kept = colour === undefined && this.sides.get(name) === side;
    let placed = side;
    if (colour) this.space.take(rightX - NAME_MARGIN, top, boxWidth, boxHeight);
    else if (!this.fitName(placed === RIGHT ? rightX : leftX, top, boxWidth, boxHeight, kept ? (placed === RIGHT ? radius * 2 : -radius * 2) : 0)) {
      placed = side === RIGHT ? LEFT : RIGHT;
      if (!this.fitName(placed === RIGHT ? rightX : leftX, top, boxWidth, boxHeight, 0)) return hash;
    }
    const x = placed === RIGHT ? rightX : leftX;
    this.nameSprites.queue(name, colour ?? PLAIN, textWidth, x, y, ratio);
    this.nextSides.set(name, placed);
    this.drawnNames.push(name);
    this.drawnSides.push(placed);
    this.drawnColours.push(colour ?? PLAIN);
    return Math.imul(hash ^ Math.round(x * 4), 0x9e3779b1) ^ placed;
  }
}
