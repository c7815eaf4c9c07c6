/**
 * Tooltip content for map features. Names come from the game (portal and
 * item names, character names) and are controlled by other players: they go
 * in as text, never as HTML.
 */

/** An element showing `lines`, the first one bold. */
export function tooltipContent(...lines: string[]): HTMLElement {
  const element = document.createElement('div');
  lines.forEach((line, index) => {
    const row = document.createElement(index === 0 ? 'strong' : 'div');
    row.textContent = line;
    element.append(row);
  });
  return element;
}
