/**
 * Each assistant session's colour, the same in the Mind's Eye timeline and on
 * the map, and the same on every page and after every reload: a hue drawn
 * from the session id, at one lightness and saturation that read on the
 * dark panels and the map alike.
 */

/** FNV-1a, 32 bits, over the id's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The hue (0..359) of session `id`. */
export function sessionHue(id: string): number {
  return fnv1a(id) % 360;
}

/** Session `id`'s colour as CSS (`hsl(212, 75%, 62%)`); with `alpha` below 1, `hsla(…)` of that opacity. @default alpha 1 */
export function sessionColour(id: string, alpha = 1): string {
  const hue = sessionHue(id);
  return alpha >= 1 ? `hsl(${hue}, 75%, 62%)` : `hsla(${hue}, 75%, 62%, ${Math.max(0, alpha)})`;
}
