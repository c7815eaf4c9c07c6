/**
 * The live characters on one canvas: a dot per character coloured by its
 * state, a heading tick when zoomed in, a ring on the selected and hovered
 * ones, and names wherever they fit (always for the selected and hovered
 * ones). A thousand DOM markers would stutter; this stamps the dots
 * (dotStamps.ts) and paints only when something changed.
 */
import type { FleetCharacter } from '../fleet/fleet';
import { STATE_CATEGORIES, stateCategory, type StateCategory } from '../fleet/states';
import { projectionOf, ViewportCanvasLayer, type ViewProjection } from './canvasLayer';
import { DotStamps } from './dotStamps';
import { LabelSpace } from './labelSpace';

/** A click or hover within this many pixels of a dot is on it. */
export const HIT_RADIUS_PX = 8;

/** Heading ticks from this zoom on (one coordinate unit is 2^zoom pixels). */
const HEADING_ZOOM = 6;

const NAME_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const NAME_HEIGHT = 14;
/** Space kept clear around a name so that neighbours stay readable. */
const NAME_MARGIN = 3;

/** What the layer reads: the characters to draw (the live fleet's, or a replay's), who is selected, and who else must be named. */
export interface FleetLayerSource {
  readonly characters: ReadonlyMap<string, FleetCharacter>;
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
  /** The characters on screen in this paint (kept between paints: no garbage per paint). */
  private readonly onScreen: FleetCharacter[] = [];
  /** Each reported state's place in {@link STATE_CATEGORIES}, worked out once. */
  private readonly looks = new Map<string | null, number>();
  /** The names drawn in the last paint, in the order drawn (the browser tests read it: the canvas has no DOM per name). */
  names: DrawnName[] = [];

  constructor(
    pane: string,
    private readonly source: FleetLayerSource,
  ) {
    super(pane);
    this.colours = Object.fromEntries(STATE_CATEGORIES.map((category) => [category, cssColour(`--state-${category}`, '#46c2a8')])) as Record<StateCategory, string>;
  }

  /** The character nearest to a container point, within {@link HIT_RADIUS_PX}. */
  characterAt(x: number, y: number): string | undefined {
    if (!this.map) return undefined;
    const { originX, originY, scale } = projectionOf(this.map);
    let nearest: string | undefined;
    let best = HIT_RADIUS_PX * HIT_RADIUS_PX;
    for (const character of this.source.characters.values()) {
      const dx = originX + character.ew * scale - x;
      const dy = originY - character.ns * scale - y;
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

  protected override draw(context: CanvasRenderingContext2D, view: ViewProjection, ratio: number): void {
    const { originX, originY, scale, width, height, zoom } = view;
    const radius = zoom >= HEADING_ZOOM ? 5 : 4;
    const { stamps, onScreen, space } = this;
    stamps.clear(STATE_CATEGORIES.length);
    onScreen.length = 0;
    space.clear();
    const headings = zoom >= HEADING_ZOOM ? new Path2D() : undefined;
    for (const character of this.source.characters.values()) {
      const atX = originX + character.ew * scale;
      const atY = originY - character.ns * scale;
      if (atX < -radius || atY < -radius || atX > width + radius || atY > height + radius) continue;
      onScreen.push(character);
      // The dot is stamped on a whole device pixel: everything else about it goes there too.
      const deviceX = Math.round(atX * ratio);
      const deviceY = Math.round(atY * ratio);
      const x = deviceX / ratio;
      const y = deviceY / ratio;
      if (headings && character.heading !== null) {
        const angle = (character.heading * Math.PI) / 180;
        headings.moveTo(x + Math.sin(angle) * radius, y - Math.cos(angle) * radius);
        headings.lineTo(x + Math.sin(angle) * (radius + 7), y - Math.cos(angle) * (radius + 7));
      }
      if (stamps.add(this.lookOf(character.state), deviceX, deviceY)) space.take(x - radius, y - radius, radius * 2, radius * 2);
    }

    STATE_CATEGORIES.forEach((category, look) => stamps.stamp(context, look, { radius, fill: this.colours[category], outline: DOT_OUTLINE, outlineWidth: 1 }, ratio));
    if (headings) {
      context.strokeStyle = 'rgb(230 237 243 / 70%)';
      context.lineWidth = 1.5;
      context.stroke(headings);
    }

    const selected = this.source.selected();
    const highlighted = [selected, this.hovered].filter((name): name is string => name !== undefined);
    const named = new Map(highlighted.map((name) => [name, BRIGHT]));
    for (const [name, colour] of this.source.named?.() ?? []) if (!named.has(name)) named.set(name, colour);
    for (const name of highlighted) {
      const character = this.source.characters.get(name);
      if (!character) continue;
      const x = originX + character.ew * scale;
      const y = originY - character.ns * scale;
      context.beginPath();
      context.arc(x, y, radius + (name === selected ? 4 : 2.5), 0, Math.PI * 2);
      context.lineWidth = name === selected ? 2.5 : 1.5;
      context.strokeStyle = name === selected ? '#ffffff' : 'rgb(230 237 243 / 75%)';
      context.stroke();
    }

    this.source.reserve?.(space, view);
    this.drawNames(context, view, radius, onScreen, named);
  }

  /** Names: `named` always, in their colours, then every other one on screen where it fits. */
  private drawNames(context: CanvasRenderingContext2D, view: ViewProjection, radius: number, onScreen: readonly FleetCharacter[], named: ReadonlyMap<string, string>): void {
    const { originX, originY, scale } = view;
    context.font = NAME_FONT;
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = 'rgb(13 17 23 / 85%)';
    this.names = [];
    /** Draws one name; `colour` given: always, right of the dot; else where it fits, plain. */
    const label = (character: FleetCharacter, colour?: string) => {
      const dotX = originX + character.ew * scale;
      const y = originY - character.ns * scale;
      let textWidth = this.nameWidths.get(character.name);
      if (textWidth === undefined) this.nameWidths.set(character.name, (textWidth = context.measureText(character.name).width));
      const box = (left: number) => [left - NAME_MARGIN, y - NAME_HEIGHT / 2 - NAME_MARGIN, textWidth + NAME_MARGIN * 2, NAME_HEIGHT + NAME_MARGIN * 2] as const;
      // Right of the dot; else (a town's name or a neighbour's there) left of it.
      let x = dotX + radius + 4;
      let side: DrawnName['side'] = 'right';
      if (colour) this.space.take(...box(x));
      else if (!this.space.claim(...box(x))) {
        x = dotX - radius - 4 - textWidth;
        side = 'left';
        if (!this.space.claim(...box(x))) return;
      }
      context.fillStyle = colour ?? PLAIN;
      context.strokeText(character.name, x, y);
      context.fillText(character.name, x, y);
      this.names.push({ name: character.name, side, colour: colour ?? PLAIN });
    };
    for (const [name, colour] of named) {
      const character = this.source.characters.get(name);
      if (character) label(character, colour);
    }
    for (const character of onScreen) if (!named.has(character.name)) label(character);
  }
}
