/**
 * Paints the radar on a canvas: rings with their distances, north, the
 * character with its heading at the centre, one dot per object. Returns where
 * each object landed, for hovering.
 */
import { RADAR_CLASS_COLOURS } from './radarClasses';
import { formatMetres, ringRadii, toCanvas, type RadarFrame } from './radarGeometry';
import type { RadarEntry } from './radar';

/** Where an object was drawn, in CSS pixels. */
export interface PaintedObject {
  entry: RadarEntry;
  x: number;
  y: number;
}

/** Paints `entries` around the character (heading in compass degrees, null when unknown); `highlighted` gets a ring. */
export function paintRadar(
  context: CanvasRenderingContext2D,
  frame: RadarFrame,
  entries: readonly RadarEntry[],
  heading: number | null | undefined,
  highlighted: string | undefined,
): PaintedObject[] {
  const { cx, cy, radius } = frame;
  context.fillStyle = '#0b0f14';
  context.beginPath();
  context.arc(cx, cy, radius, 0, 2 * Math.PI);
  context.fill();

  context.strokeStyle = 'rgb(70 194 168 / 35%)';
  context.fillStyle = 'rgb(139 148 158 / 90%)';
  context.lineWidth = 1;
  context.font = '10px system-ui, sans-serif';
  context.textAlign = 'left';
  context.textBaseline = 'bottom';
  for (const ring of ringRadii(frame.range)) {
    const r = (ring / frame.range) * radius;
    context.beginPath();
    context.arc(cx, cy, r, 0, 2 * Math.PI);
    context.stroke();
    context.fillText(formatMetres(ring), cx + r * Math.SQRT1_2 + 2, cy - r * Math.SQRT1_2);
  }
  context.beginPath();
  context.moveTo(cx - radius, cy);
  context.lineTo(cx + radius, cy);
  context.moveTo(cx, cy - radius);
  context.lineTo(cx, cy + radius);
  context.strokeStyle = 'rgb(70 194 168 / 18%)';
  context.stroke();
  context.fillStyle = '#46c2a8';
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.font = 'bold 11px system-ui, sans-serif';
  context.fillText('N', cx, cy - radius + 3);

  const painted: PaintedObject[] = [];
  for (const entry of entries) {
    if (!entry.offset) continue;
    const { x, y, clamped } = toCanvas(entry.offset, frame);
    painted.push({ entry, x, y });
    context.globalAlpha = clamped ? 0.5 : 1;
    context.fillStyle = RADAR_CLASS_COLOURS[entry.kind];
    context.beginPath();
    context.arc(x, y, 3.5, 0, 2 * Math.PI);
    context.fill();
  }
  context.globalAlpha = 1;
  const marked = painted.find((object) => object.entry.id === highlighted);
  if (marked) {
    context.strokeStyle = '#ffffff';
    context.lineWidth = 1.5;
    context.beginPath();
    context.arc(marked.x, marked.y, 7, 0, 2 * Math.PI);
    context.stroke();
  }

  // The character: an arrow along its heading (a dot when the heading is unknown).
  context.fillStyle = '#ffffff';
  context.beginPath();
  if (heading == null) {
    context.arc(cx, cy, 4, 0, 2 * Math.PI);
  } else {
    const angle = (heading * Math.PI) / 180;
    const point = (length: number, turn: number) => [cx + Math.sin(angle + turn) * length, cy - Math.cos(angle + turn) * length] as const;
    context.moveTo(...point(9, 0));
    context.lineTo(...point(6, 2.5));
    context.lineTo(...point(2, Math.PI));
    context.lineTo(...point(6, -2.5));
    context.closePath();
  }
  context.fill();
  return painted;
}
