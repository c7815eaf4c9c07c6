import type { Frame } from '@lifestone/lib/protocol';
import { escapeCopyText } from '../store/copy.js';

/** Strings that JSON writes as they are between quotes: printable ASCII without `"` and `\`. */
const PLAIN_JSON = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A value as `JSON.stringify` writes it, or undefined where it leaves the property out. */
function jsonText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'string':
      return PLAIN_JSON.test(value) ? `"${value}"` : JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      if (value === null) return 'null';
      // A valid time as its toJSON writes it; arrays and objects as they are.
      return value instanceof Date && Number.isFinite(value.getTime()) ? `"${value.toISOString()}"` : JSON.stringify(value);
  }
}

/**
 * A frame's top-level values, each turned into text once and shared by the
 * three texts a decoded frame becomes: its pubsub payload (JSON), its COPY
 * line and its live values (see decode-frames.ts). Formatting numbers and
 * times is most of what serialising a telemetry frame costs.
 */
export class FormattedFrame {
  /** The keys, quoted for JSON. */
  private readonly keys: string[] = [];
  private readonly texts: string[] = [];
  /** Each field's JSON text by key: frames of one type add the same keys in the same order, so these share one shape. */
  private readonly byKey: Record<string, string> = {};

  constructor(readonly frame: Frame) {
    for (const key of Object.keys(frame)) {
      const text = jsonText((frame as unknown as Record<string, unknown>)[key]);
      if (text === undefined) continue;
      this.byKey[key] = text;
      this.keys.push(PLAIN_JSON.test(key) ? `"${key}"` : JSON.stringify(key));
      this.texts.push(text);
    }
  }

  /** The JSON text of field `key` (`null` when the frame has none). */
  json(key: string): string {
    return this.byKey[key] ?? 'null';
  }

  /**
   * The COPY text of field `key`: `\N` for null or absent, an empty `extra`
   * too; strings escaped; times as ISO text; objects as JSON.
   */
  cell(key: string): string {
    const text = this.byKey[key];
    if (text === undefined) return '\\N';
    const value = (this.frame as unknown as Record<string, unknown>)[key];
    if (value === null || (key === 'extra' && text === '{}')) return '\\N';
    switch (typeof value) {
      case 'number':
        return Number.isFinite(value) ? text : '\\N';
      case 'boolean':
        return value ? 't' : 'f';
      case 'string':
        return escapeCopyText(value);
      default:
        return value instanceof Date ? text.slice(1, -1) : escapeCopyText(text);
    }
  }

  /** The members of the frame's JSON, without braces, as `JSON.stringify(frame)` writes them. */
  members(): string {
    let json = '';
    for (let i = 0; i < this.keys.length; i++) json += `${i === 0 ? '' : ','}${this.keys[i] as string}:${this.texts[i] as string}`;
    return json;
  }
}
