/**
 * A Leaflet layer that is one canvas the size of the map's viewport, painted
 * by a subclass on the next animation frame after {@link ViewportCanvasLayer.redraw}
 * is called or the view changes, and never otherwise. Hidden during zoom
 * animations (`leaflet-zoom-hide`) and painted afresh at the new zoom.
 */
import { DomUtil, Layer, Util, type LeafletEventHandlerFn, type Map as LeafletMap } from 'leaflet';

/** Where map coordinates land on screen: `x = originX + ew * scale`, `y = originY - ns * scale` (container pixels). */
export interface ViewProjection {
  originX: number;
  originY: number;
  /** Pixels per coordinate unit. */
  scale: number;
  zoom: number;
  width: number;
  height: number;
}

/** The projection of `map`'s current view (`CRS.Simple`: latitude is north-south, longitude east-west). */
export function projectionOf(map: LeafletMap): ViewProjection {
  const origin = map.latLngToContainerPoint([0, 0]);
  const size = map.getSize();
  const zoom = map.getZoom();
  return { originX: origin.x, originY: origin.y, scale: map.options.crs?.scale(zoom) ?? 2 ** zoom, zoom, width: size.x, height: size.y };
}

export abstract class ViewportCanvasLayer extends Layer {
  protected map: LeafletMap | undefined;
  private canvas: HTMLCanvasElement | undefined;
  private frame = 0;
  /** How many times the layer painted since it was created. */
  paints = 0;

  /** `pane`: the map pane to draw in, which sets where it stacks. */
  constructor(pane: string) {
    super();
    Util.setOptions(this, { pane });
  }

  override onAdd(map: LeafletMap): this {
    this.map = map;
    this.canvas = DomUtil.create('canvas', 'leaflet-zoom-hide');
    Object.assign(this.canvas.style, { position: 'absolute', pointerEvents: 'none' });
    this.getPane()?.appendChild(this.canvas);
    this.redraw();
    return this;
  }

  override onRemove(): this {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.canvas?.remove();
    this.canvas = undefined;
    this.map = undefined;
    return this;
  }

  override getEvents(): Record<string, LeafletEventHandlerFn> {
    return { move: this.redraw, resize: this.redraw, zoomend: this.redraw, viewreset: this.redraw };
  }

  /** Paints on the next animation frame (once, however often it is called before). */
  redraw(): void {
    if (this.frame || !this.canvas) return;
    this.frame = requestAnimationFrame((now) => {
      this.frame = 0;
      this.paint(now);
    });
  }

  private paint(now: number): void {
    if (!this.map || !this.canvas) return;
    this.beforePaint(now);
    const { map, canvas } = this;
    if (!map || !canvas) return;
    const view = projectionOf(map);
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width === Math.round(view.width * ratio) && canvas.height === Math.round(view.height * ratio) && !this.wantsPaint(view, ratio, now)) return;
    const width = Math.round(view.width * ratio);
    const height = Math.round(view.height * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      Object.assign(canvas, { width, height });
      Object.assign(canvas.style, { width: `${view.width}px`, height: `${view.height}px` });
    }
    // The canvas lives in the map pane, which moves while panning: pin it to the viewport's top left.
    DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, view.width, view.height);
    this.paints += 1;
    this.draw(context, view, ratio, now);
  }

  /** Called on the animation frame before the view is read and the canvas painted (the map may still be moved here). */
  protected beforePaint(_now: number): void {}

  /** Whether this frame is to be painted (the canvas keeps its picture otherwise); asked after {@link beforePaint}. @default true */
  protected wantsPaint(_view: ViewProjection, _ratio: number, _now: number): boolean {
    return true;
  }

  /**
   * Draws the layer in container pixels (see {@link ViewProjection}) on a
   * cleared canvas of `ratio` device pixels per container pixel; `now` is the
   * frame's time (`performance.now()` clock).
   */
  protected abstract draw(context: CanvasRenderingContext2D, view: ViewProjection, ratio: number, now: number): void;
}
