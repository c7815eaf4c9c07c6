/**
 * Where Dereth's places go on screen and which of them are named: a marker
 * at each, and its name wherever it fits beside the marker (right, left,
 * above, below) without covering another name or marker, towns before
 * outposts before landmarks. Pure: `placesLayer.ts` draws the result.
 */
import type { DerethPlace, PlaceKind } from '@lifestone/lib/game/places';
import type { ViewProjection } from './canvasLayer';
import { LabelSpace } from './labelSpace';

/** Half the side of a place's marker, in pixels. */
export const PLACE_MARKER_PX = 3;
/** Gap between a marker and its name. */
const LABEL_GAP_PX = 4;
/** Space kept clear around a name. */
const LABEL_MARGIN_PX = 2;

/** How each kind of place is drawn. */
export const PLACE_STYLES: Record<PlaceKind, { font: string; height: number; colour: string }> = {
  town: { font: '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', height: 14, colour: '#f0d9a0' },
  outpost: { font: '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', height: 13, colour: '#c9d4a3' },
  landmark: { font: 'italic 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', height: 13, colour: '#b8c4d6' },
};
const KIND_ORDER: readonly PlaceKind[] = ['town', 'outpost', 'landmark'];

/** One place on screen: its marker, and its name's box when it fits. */
export interface PlacedPlace {
  place: DerethPlace;
  x: number;
  y: number;
  /** The name's top-left corner and size; absent when no side of the marker had room. */
  label?: { x: number; y: number; width: number; height: number };
}

/**
 * Where the places in view go on screen and which of them are named: every
 * marker first (names never cover one), then each name, by kind (towns
 * first) and then in the given order, on the first side of its marker with
 * room. `measure` gives a name's width in pixels.
 */
export function layOutPlaces(places: readonly DerethPlace[], view: ViewProjection, measure: (place: DerethPlace) => number, space = new LabelSpace()): PlacedPlace[] {
  const { originX, originY, scale, width, height } = view;
  const placed: PlacedPlace[] = [];
  for (const place of places) {
    const x = originX + place.ew * scale;
    const y = originY - place.ns * scale;
    if (x < -PLACE_MARKER_PX || y < -PLACE_MARKER_PX || x > width + PLACE_MARKER_PX || y > height + PLACE_MARKER_PX) continue;
    space.take(x - PLACE_MARKER_PX, y - PLACE_MARKER_PX, PLACE_MARKER_PX * 2, PLACE_MARKER_PX * 2);
    placed.push({ place, x, y });
  }
  const byKind = [...placed].sort((a, b) => KIND_ORDER.indexOf(a.place.kind) - KIND_ORDER.indexOf(b.place.kind));
  for (const entry of byKind) {
    const labelWidth = measure(entry.place);
    const labelHeight = PLACE_STYLES[entry.place.kind].height;
    const { x, y } = entry;
    const offset = PLACE_MARKER_PX + LABEL_GAP_PX;
    const sides: [number, number][] = [
      [x + offset, y - labelHeight / 2],
      [x - offset - labelWidth, y - labelHeight / 2],
      [x - labelWidth / 2, y - offset - labelHeight],
      [x - labelWidth / 2, y + offset],
    ];
    for (const [left, top] of sides) {
      if (space.claim(left - LABEL_MARGIN_PX, top - LABEL_MARGIN_PX, labelWidth + LABEL_MARGIN_PX * 2, labelHeight + LABEL_MARGIN_PX * 2)) {
        entry.label = { x: left, y: top, width: labelWidth, height: labelHeight };
        break;
      }
    }
  }
  return placed;
}

