/**
 * Characters' names drawn once each (per colour and pixel ratio) into a
 * small bitmap, then copied to the canvas at whole device pixels: while the
 * fleet glides the map paints every frame, and a canvas without a GPU
 * rasterises `strokeText` and `fillText` glyph by glyph each time.
 */

/** How a name is written: the map's font, a dark halo, vertically centred on its dot. */
export interface NameStyle {
  font: string;
  /** CSS pixels of the line the text is centred in. */
  height: number;
  halo: string;
  haloWidth: number;
}

interface Sprite {
  canvas: HTMLCanvasElement;
  /** Device pixels from the sprite's top left to where the text starts, at the middle of the line. */
  offsetX: number;
  offsetY: number;
}

/** Sprites kept before the cache starts afresh (names come and go over a long session). */
const MAX_SPRITES = 4_000;

export class NameSprites {
  private readonly sprites = new Map<string, Sprite>();
  /** The names of this paint: sprite, device x, device y. */
  private readonly queued: Sprite[] = [];
  private queuedX: number[] = [];
  private queuedY: number[] = [];

  constructor(private readonly style: NameStyle) {}

  /** Queues `name` in `colour`, its text starting at (`x`, middle `y`) in CSS pixels. */
  queue(name: string, colour: string, width: number, x: number, y: number, ratio: number): void {
    const sprite = this.sprite(name, colour, width, ratio);
    this.queued.push(sprite);
    this.queuedX.push(Math.round(x * ratio) - sprite.offsetX);
    this.queuedY.push(Math.round(y * ratio) - sprite.offsetY);
  }

  /** Draws every queued name in the order queued (device pixels, the context's transform set aside) and empties the queue. */
  flush(context: CanvasRenderingContext2D): void {
    if (this.queued.length > 0) {
      context.save();
      context.setTransform(1, 0, 0, 1, 0, 0);
      for (let index = 0; index < this.queued.length; index += 1) context.drawImage((this.queued[index] as Sprite).canvas, this.queuedX[index] as number, this.queuedY[index] as number);
      context.restore();
    }
    this.queued.length = 0;
    this.queuedX.length = 0;
    this.queuedY.length = 0;
  }

  private sprite(name: string, colour: string, width: number, ratio: number): Sprite {
    const key = `${ratio}|${colour}|${name}`;
    let sprite = this.sprites.get(key);
    if (sprite) return sprite;
    if (this.sprites.size >= MAX_SPRITES) this.sprites.clear();
    const { font, height, halo, haloWidth } = this.style;
    const pad = haloWidth;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil((width + pad * 2) * ratio);
    canvas.height = Math.ceil((height + pad * 2) * ratio);
    const context = canvas.getContext('2d');
    if (context) {
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.font = font;
      context.textBaseline = 'middle';
      context.lineJoin = 'round';
      context.lineWidth = haloWidth;
      context.strokeStyle = halo;
      context.fillStyle = colour;
      context.strokeText(name, pad, pad + height / 2);
      context.fillText(name, pad, pad + height / 2);
    }
    sprite = { canvas, offsetX: Math.round(pad * ratio), offsetY: Math.round((pad + height / 2) * ratio) };
    this.sprites.set(key, sprite);
    return sprite;
  }
}
