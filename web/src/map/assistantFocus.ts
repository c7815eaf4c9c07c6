/**
 * What the assistant is looking at, on the map: each character its sessions'
 * tool calls named ringed in the session's colour where it is now (with a
 * halo while the session works), each place they named marked with a
 * diamond; all of it fading out once the session goes idle
 * (`assistant/activity.ts`). One canvas of its own above the characters,
 * painted when a trace arrives, when characters move while something is
 * highlighted, and in {@link FADE_STEPS} steps as it fades: never on every
 * frame (a full-viewport canvas repainted 60 times a second costs a software
 * compositor a third of its frame rate), and never the character canvas.
 */
import { onScopeDispose, watch } from 'vue';
import { FADE_MS, focusOpacity } from '../assistant/activity';
import { anyFocus, focusMarks, type FocusMark, type SessionLook } from '../assistant/focus';
import { useMindsEyeStore } from '../assistant/mindsEye';
import { useFleetStore } from '../fleet/fleet';
import { ViewportCanvasLayer, type ViewProjection } from './canvasLayer';
import { showLayer, type MapRef } from './showLayer';

/** The ring around a highlighted character's dot, and its halo while the session works. */
const RING_PX = 9;
const HALO_PX = 14;
/** Repaints while a session's highlights fade out. */
const FADE_STEPS = 10;
/** Half the diagonal of a place's diamond. */
const DIAMOND_PX = 6;
const LABEL_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** What the layer reads: the marks to draw at a time (this page's clock, ms). */
export interface FocusSource {
  marks(now: number): FocusMark[];
}

export class AssistantFocusLayer extends ViewportCanvasLayer {
  private shown = -1;

  constructor(
    pane: string,
    private readonly source: FocusSource,
  ) {
    super(pane);
  }

  protected override draw(context: CanvasRenderingContext2D, view: ViewProjection): void {
    const now = Date.now();
    const marks = this.source.marks(now);
    // Marks come grouped by session (one colour and opacity each): a handful of paths per session, however many marks.
    for (let from = 0; from < marks.length; ) {
      let to = from + 1;
      while (to < marks.length && (marks[to] as FocusMark).sessionId === (marks[from] as FocusMark).sessionId) to += 1;
      this.drawSession(context, view, marks.slice(from, to));
      from = to;
    }
    context.globalAlpha = 1;
    this.report(marks.length);
  }

  private drawSession(context: CanvasRenderingContext2D, view: ViewProjection, marks: readonly FocusMark[]): void {
    const { originX, originY, scale, width, height } = view;
    const { colour, opacity } = marks[0] as FocusMark;
    const rings = new Path2D();
    const halos = new Path2D();
    const diamonds = new Path2D();
    const labels: { name: string; x: number; y: number }[] = [];
    for (const mark of marks) {
      const x = originX + mark.ew * scale;
      const y = originY - mark.ns * scale;
      if (x < -40 || y < -40 || x > width + 40 || y > height + 40) continue;
      if (mark.kind === 'character') {
        rings.moveTo(x + RING_PX, y);
        rings.arc(x, y, RING_PX, 0, Math.PI * 2);
        halos.moveTo(x + HALO_PX, y);
        halos.arc(x, y, HALO_PX, 0, Math.PI * 2);
      } else {
        diamonds.moveTo(x, y - DIAMOND_PX);
        diamonds.lineTo(x + DIAMOND_PX, y);
        diamonds.lineTo(x, y + DIAMOND_PX);
        diamonds.lineTo(x - DIAMOND_PX, y);
        diamonds.closePath();
        // A place's character is not live (else it would be ringed where it is): say whose place it was.
        if (mark.name) labels.push({ name: mark.name, x: x + DIAMOND_PX + 4, y });
      }
    }
    context.fillStyle = colour;
    context.strokeStyle = colour;
    context.globalAlpha = opacity * 0.22;
    context.fill(rings);
    context.fill(diamonds);
    context.globalAlpha = opacity;
    context.lineWidth = 2.5;
    context.stroke(rings);
    context.lineWidth = 2;
    context.stroke(diamonds);
    if (opacity === 1) {
      context.globalAlpha = 0.45;
      context.lineWidth = 1.5;
      context.stroke(halos);
    }
    if (!labels.length) return;
    context.globalAlpha = opacity;
    context.font = LABEL_FONT;
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = 'rgb(13 17 23 / 85%)';
    for (const { name, x, y } of labels) {
      context.strokeText(name, x, y);
      context.fillText(name, x, y);
    }
  }

  /** `data-assistant-focus` on the pane: how many marks show (the browser tests' hook; the canvas has no DOM per mark). */
  private report(count: number): void {
    if (count === this.shown) return;
    this.shown = count;
    this.getPane()?.setAttribute('data-assistant-focus', String(count));
  }
}

/** How far each session's highlights have faded, in {@link FADE_STEPS} steps: the layer repaints when this changes. */
function fadeLevels(looks: ReadonlyMap<string, SessionLook>, now: number): string {
  return [...looks.values()].map((look) => Math.ceil(focusOpacity(look.lastTraceAt, now) * FADE_STEPS)).join();
}

/**
 * Adds the assistant's focus to the map in `pane` while the calling scope
 * lives, keeping the Mind's Eye feed live for it.
 */
export function useAssistantFocusLayer(map: MapRef, pane: string): void {
  const mindsEye = useMindsEyeStore();
  const fleet = useFleetStore();
  // A Minecraft player's places are on its world's map (minecraft/), not Dereth's.
  const marks = (now: number) => focusMarks(mindsEye.looks, (name) => fleet.characters.get(name), now).filter((mark) => mark.name === null || !fleet.isElsewhere(mark.name));
  const layer = new AssistantFocusLayer(pane, { marks });
  showLayer(map, layer, () => true);

  // While anything shows: a cheap check every fade step, a repaint only when a fade moved on (or ended).
  let timer: ReturnType<typeof setInterval> | undefined;
  let levels = '';
  function watchFades(): void {
    if (timer) return;
    timer = setInterval(() => {
      const now = Date.now();
      const next = fadeLevels(mindsEye.looks, now);
      if (next !== levels) layer.redraw();
      levels = next;
      if (!anyFocus(mindsEye.looks, now)) {
        clearInterval(timer);
        timer = undefined;
      }
    }, FADE_MS / FADE_STEPS);
  }
  watch(
    () => mindsEye.looks,
    (looks) => {
      levels = fadeLevels(looks, Date.now());
      layer.redraw();
      watchFades();
    },
  );
  watch(
    () => fleet.version,
    () => {
      if (timer) layer.redraw();
    },
  );
  onScopeDispose(() => clearInterval(timer));
  onScopeDispose(mindsEye.start());
}
