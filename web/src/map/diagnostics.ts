/**
 * `window.__LIFESTONE__`: what the browser tests and the web bench read from
 * the page (see web/README.md, "Test hooks").
 */
import type { FleetSnapshot } from '../fleet/fleet';
import type { DrawnName } from './fleetLayer';

export interface LifestoneDiagnostics {
  /** Every live character on the map: `{name: {ns, ew, state}}`. */
  fleet(): FleetSnapshot;
  /** How many times the map's character canvas was painted since the page opened. */
  frames(): number;
  /** How many of those paints changed what it shows (a dot moved a pixel, a name its place, the view). */
  changes(): number;
  /** Every character's dot where it is drawn now (gliding from report to report): `{name: {ns, ew}}`. */
  drawn(): Record<string, { ns: number; ew: number }>;
  /** Where a character's dot is on the map in the last frame painted, in pixels from the map's top left. */
  onScreen(name: string): { x: number; y: number } | undefined;
  /** The characters' names on the map in its last paint, in the order drawn: which side of the dot, in which colour. */
  names(): DrawnName[];
  /** Every character the replay shows at the slider's time (empty when not replaying): `{name: {ns, ew, state}}`. */
  replay(): FleetSnapshot;
}

declare global {
  interface Window {
    __LIFESTONE__?: LifestoneDiagnostics;
  }
}

/** Installs the handle; the returned function removes it again if it is still this one. */
export function exposeDiagnostics(diagnostics: LifestoneDiagnostics): () => void {
  window.__LIFESTONE__ = diagnostics;
  return () => {
    if (window.__LIFESTONE__ === diagnostics) delete window.__LIFESTONE__;
  };
}
