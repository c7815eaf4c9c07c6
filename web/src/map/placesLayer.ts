/**
 * Dereth's towns, outposts and landmarks (`lib/game/dereth-places.json`) on a
 * canvas of their own under the characters, named where names fit
 * (`placeLabels.ts`), so that the map reads at the default zoom and fills in
 * as you zoom in.
 */
import { DERETH_PLACES, type DerethPlace } from '@lifestone/lib/game/places';
import { ViewportCanvasLayer, type ViewProjection } from './canvasLayer';
import type { LabelSpace } from './labelSpace';
import { layOutPlaces, PLACE_MARKER_PX, PLACE_STYLES } from './placeLabels';

export class PlacesLayer extends ViewportCanvasLayer {
  private readonly widths = new Map<string, number>();
  private shown = '';

  constructor(
    pane: string,
    private readonly places: readonly DerethPlace[] = DERETH_PLACES,
  ) {
    super(pane);
  }

  /** Marks in `space` where this layer's names stand in `view` (names not measured yet are left out). */
  reserve(space: LabelSpace, view: ViewProjection): void {
    if (!this.map) return;
    const measured = (place: DerethPlace) => this.widths.get(`${place.kind}:${place.name}`) ?? 0;
    for (const { label } of layOutPlaces(this.places, view, measured)) if (label) space.take(label.x, label.y, label.width, label.height);
  }

  override onRemove(): this {
    this.getPane()?.removeAttribute('data-place-labels');
    this.shown = '';
    return super.onRemove();
  }

  protected override draw(context: CanvasRenderingContext2D, view: ViewProjection): void {
    const measure = (place: DerethPlace) => {
      const key = `${place.kind}:${place.name}`;
      let known = this.widths.get(key);
      if (known === undefined) {
        context.font = PLACE_STYLES[place.kind].font;
        this.widths.set(key, (known = Math.ceil(context.measureText(place.name).width)));
      }
      return known;
    };
    const placed = layOutPlaces(this.places, view, measure);

    context.lineWidth = 1;
    context.strokeStyle = 'rgb(13 17 23 / 90%)';
    for (const { place, x, y } of placed) {
      context.fillStyle = PLACE_STYLES[place.kind].colour;
      context.beginPath();
      if (place.kind === 'town') context.rect(x - PLACE_MARKER_PX, y - PLACE_MARKER_PX, PLACE_MARKER_PX * 2, PLACE_MARKER_PX * 2);
      else if (place.kind === 'outpost') context.arc(x, y, PLACE_MARKER_PX, 0, Math.PI * 2);
      else {
        context.moveTo(x, y - PLACE_MARKER_PX - 1);
        context.lineTo(x + PLACE_MARKER_PX + 1, y);
        context.lineTo(x, y + PLACE_MARKER_PX + 1);
        context.lineTo(x - PLACE_MARKER_PX - 1, y);
        context.closePath();
      }
      context.fill();
      context.stroke();
    }

    context.textBaseline = 'top';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    for (const { place, label } of placed) {
      if (!label) continue;
      const style = PLACE_STYLES[place.kind];
      context.font = style.font;
      context.fillStyle = style.colour;
      context.strokeText(place.name, label.x, label.y + 1);
      context.fillText(place.name, label.x, label.y + 1);
    }
    this.report(placed.filter((entry) => entry.label).map((entry) => entry.place.name));
  }

  /** `data-place-labels` on the pane: the names drawn, `|`-separated (the browser tests' hook; the canvas has no DOM per name). */
  private report(names: readonly string[]): void {
    const shown = names.join('|');
    if (shown === this.shown) return;
    this.shown = shown;
    this.getPane()?.setAttribute('data-place-labels', shown);
  }
}
