import type { Logger } from '@lifestone/lib/log';
import type { Frame } from '@lifestone/lib/protocol';
import { topics, type PubSub, type PubSubMessage } from '@lifestone/lib/pubsub';
import type { AcceptedEvent } from './event.js';
import { FormattedFrame } from './formatted.js';

/** The last receive time turned into ISO text: events arrive many to a millisecond, and toISOString is not free. */
let lastReceivedAt = NaN;
let lastReceivedIso = '';

/**
 * An accepted frame as the pubsub carries it: the frame as stored, with
 * `received_at` first. Made once per event, where the frame is decoded (the
 * positions feed and the event topic publish the same text); the main
 * thread reads the frame back out of it when it needs it.
 */
export function framePayload(frame: Frame, receivedAt: Date, formatted = new FormattedFrame(frame)): string {
  if (receivedAt.getTime() !== lastReceivedAt) {
    lastReceivedAt = receivedAt.getTime();
    lastReceivedIso = receivedAt.toISOString();
  }
  return formatted.toJson(`"received_at":"${lastReceivedIso}"`);
}

/** The frame's own JSON, as `JSON.stringify(frame)` makes it, read out of the event's payload (a full inventory's is long). */
export function frameJson(event: AcceptedEvent): string {
  return frameJsonOf(event.payload);
}

/** The frame's JSON within a payload: what follows `{"received_at":"<ISO time>",`, opened again. */
export function frameJsonOf(payload: string): string {
  return `{${payload.slice(payload.indexOf('",', 16) + 2)}`;
}

/** The message of a committed event, on its type's topic, keyed by character. */
export function eventMessage(event: AcceptedEvent): PubSubMessage {
  return { topic: topics.event(event.type), key: event.character, payload: event.payload };
}

/**
 * Publishes telemetry on `topics.positions` as soon as it is accepted, before
 * it is stored: the live map's feed wants where characters are now, and the
 * commit (a batch wait and a transaction) would add tens of milliseconds to
 * every position. What arrives in one turn of the event loop goes out in one
 * `publishMany`. A failure costs live viewers those positions, nothing else:
 * the events are stored and published on their event topic as always.
 */
export class PositionPublisher {
  private pending: PubSubMessage[] = [];
  private scheduled = false;
  private inFlight = Promise.resolve();

  constructor(
    private readonly pubsub: PubSub,
    private readonly log: Logger,
  ) {}

  add(event: AcceptedEvent): void {
    this.pending.push({ topic: topics.positions, key: event.character, payload: event.payload });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.publish());
  }

  /** Resolves once everything added so far has been handed to the pubsub. */
  async flush(): Promise<void> {
    if (this.scheduled) this.publish();
    await this.inFlight;
  }

  private publish(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    const messages = this.pending;
    this.pending = [];
    // Called from setImmediate: a pubsub that throws rather than rejects must not escape to the process.
    this.inFlight = Promise.resolve().then(() => this.pubsub.publishMany(messages)).catch((error: unknown) => {
      this.log.warn({ err: error, positions: messages.length }, 'publishing accepted positions failed; live maps miss them');
    });
  }
}
