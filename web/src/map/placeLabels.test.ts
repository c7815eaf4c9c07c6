import { describe, expect, it } from 'vitest';
import type { DerethPlace } from '@lifestone/lib/game/places';
import { DERETH_PLACES } from '@lifestone/lib/game/places';
import type { ViewProjection } from './canvasLayer';
import { layOutPlaces } from './placeLabels';

const view = (scale: number, width = 800, height = 600): ViewProjection => ({ originX: width / 2, originY: height / 2, scale, zoom: Math.log2(scale), width, height });
/** Every name 7 px a character wide. */
const measure = (place: DerethPlace) => place.name.length * 7;

describe('layOutPlaces', () => {
  it('names a lone place to the right of its marker, where the map puts it', () => {
    const [placed] = layOutPlaces([{ name: 'Holtburg', kind: 'town', ns: 10, ew: 20 }], view(4), measure);
    expect(placed).toEqual({ place: { name: 'Holtburg', kind: 'town', ns: 10, ew: 20 }, x: 480, y: 260, label: { x: 487, y: 253, width: 56, height: 14 } });
  });

  it('tries the left, then above, then below, when the right is taken (by a marker or a name), and leaves unnamed what fits nowhere', () => {
    const crowd: DerethPlace[] = [
      { name: 'Aaaa', kind: 'town', ns: 0, ew: 0 },
      { name: 'Bbbb', kind: 'town', ns: 0, ew: 1 },
      { name: 'Cccc', kind: 'town', ns: 0, ew: 2 },
      { name: 'Dddd', kind: 'town', ns: 0, ew: 3 },
      { name: 'Eeee', kind: 'town', ns: 0, ew: 4 },
    ];
    const placed = layOutPlaces(crowd, view(8), measure);
    const sides = placed.map(({ place, x, y, label }) => [place.name, label ? (label.x > x ? 'right' : label.x + label.width < x ? 'left' : label.y < y ? 'above' : 'below') : 'none']);
    expect(sides).toEqual([
      ['Aaaa', 'left'],
      ['Bbbb', 'none'],
      ['Cccc', 'above'],
      ['Dddd', 'below'],
      ['Eeee', 'none'],
    ]);
  });

  it('names towns before outposts and landmarks, and leaves out what is off screen', () => {
    const places: DerethPlace[] = [
      { name: 'Landmark', kind: 'landmark', ns: 0, ew: 0 },
      { name: 'Town', kind: 'town', ns: 0, ew: 0.5 },
      { name: 'Far away', kind: 'town', ns: 90, ew: 90 },
    ];
    const placed = layOutPlaces(places, view(4), measure);
    expect(placed.map((entry) => [entry.place.name, Boolean(entry.label)])).toEqual([
      ['Landmark', true],
      ['Town', true],
    ]);
    expect(placed[1]?.label?.x).toBeGreaterThan(placed[1]?.x ?? 0);
    expect(placed[0]?.label?.x).toBeLessThan(placed[0]?.x ?? 0);
  });

  it("names most of Dereth's towns with the whole world in a 1280 × 800 view", () => {
    const placed = layOutPlaces(DERETH_PLACES, view(3.6, 1280, 756), measure);
    expect(placed).toHaveLength(DERETH_PLACES.length);
    const named = placed.filter((entry) => entry.label).map((entry) => entry.place.name);
    expect(named).toEqual(expect.arrayContaining(['Holtburg', 'Arwic', 'Shoushi', 'Yaraq', 'Cragstone', 'Hebian-To', 'Sawato', 'Al-Arqas', 'Rithwic', 'Zaikhal', "Qalaba'r", 'Stonehold', 'Fort Tethana', 'Candeth Keep', 'Kara']));
    expect(named.length).toBeGreaterThanOrEqual(28);
  });
});
