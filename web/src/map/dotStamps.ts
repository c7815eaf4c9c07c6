/**
 * The characters' dots, drawn once per look into two small bitmaps (fill,
 * outline) and stamped from there at whole device pixels, once per pixel
 * and look. A large fleet crowds into hunting grounds and towns: at the
 * zooms where thousands of characters are on screen most share a pixel with
 * another (10,000 of the simulated fleet are about 1,200 distinct dots at the
 * default zoom), where a path of 10,000 arcs is rasterised arc by arc on
 * every paint by a canvas without a GPU.
 */

/** How a dot looks: filled in its state's colour, outlined. */
export interface DotStyle {
  /** CSS pixels. */
  radius: number;
  fill: string;
  outline: string;
  outlineWidth: number;
}

/** A dot's fill and outline as bitmaps of the same size, its centre at (`centre`, `centre`) device pixels. */
interface DotSprite {
  fill: HTMLCanvasElement;
  outline: HTMLCanvasElement;
  centre: number;
}

/**
 * The dots of one paint, by look: {@link add} each one, then {@link stamp}
 * each look's fills then outlines, as a path filled then stroked would look.
 */
export class DotStamps {
  private readonly sprites = new Map<string, DotSprite>();
  /** Per look, the device pixels (x, y pairs) of its dots in this paint. */
  private readonly points: number[][] = [];
  private readonly taken = new Set<number>();

  /** Starts a paint with `looks` looks (numbered from 0). */
  clear(looks: number): void {
    for (let look = 0; look < looks; look += 1) (this.points[look] ??= []).length = 0;
    this.points.length = looks;
    this.taken.clear();
  }

  /**
   * Adds a dot of look `look` at (`x`, `y`), whole numbers of the steps given to {@link stamp};
   * returns false when that look already has a dot there (the stamp would
   * add nothing).
   */
  add(look: number, x: number, y: number): boolean {
    // Points lie within tens of thousands of the canvas (device pixels, or quarters of them): the three fit one number.
    const key = ((x + 131_072) * 262_144 + (y + 131_072)) * 16 + look;
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    this.points[look]?.push(x, y);
    return true;
  }

  /**
   * Stamps look `look`'s dots in `style`; the context's transform is set
   * aside meanwhile (device pixels). The points added are in `steps` per
   * device pixel (1: whole pixels; more: placed between them, filtered).
   */
  stamp(context: CanvasRenderingContext2D, look: number, style: DotStyle, ratio: number, steps = 1): void {
    const points = this.points[look];
    if (!points?.length) return;
    const { fill, outline, centre } = this.sprite(style, ratio);
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    for (const image of [fill, outline]) {
      for (let i = 0; i < points.length; i += 2) context.drawImage(image, (points[i] as number) / steps - centre, (points[i + 1] as number) / steps - centre);
    }
    context.restore();
  }

  private sprite(style: DotStyle, ratio: number): DotSprite {
    const key = `${style.radius}|${style.fill}|${style.outline}|${style.outlineWidth}|${ratio}`;
    let sprite = this.sprites.get(key);
    if (!sprite) this.sprites.set(key, (sprite = drawSprite(style, ratio)));
    return sprite;
  }
}

function drawSprite({ radius, fill, outline, outlineWidth }: DotStyle, ratio: number): DotSprite {
  // Room for the outline and a pixel of antialiasing on every side; an even size puts the centre on a pixel corner.
  const size = 2 * Math.ceil(((radius * 2 + outlineWidth) * ratio) / 2 + 1);
  const centre = size / 2;
  const draw = (paint: (context: CanvasRenderingContext2D) => void): HTMLCanvasElement => {
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (context) {
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.beginPath();
      context.arc(centre / ratio, centre / ratio, radius, 0, Math.PI * 2);
      paint(context);
    }
    return canvas;
  };
  return {
    fill: draw((context) => {
      context.fillStyle = fill;
      context.fill();
    }),
    outline: draw((context) => {
      context.lineWidth = outlineWidth;
      context.strokeStyle = outline;
      context.stroke();
    }),
    centre,
  };
}
