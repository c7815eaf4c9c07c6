import type { Logger } from '@lifestone/lib/log';
import { topics, type PubSub, type PubSubMessage } from '@lifestone/lib/pubsub';
import type { AcceptedEvent } from './event.js';

/** The last receive time turned into ISO text: events arrive many to a millisecond, and toISOString is not free. */
let lastReceivedAt = NaN;
let lastReceivedIso = '';

/**
 * An accepted event as the pubsub carries it: the frame as stored, with
 * `received_at` first. Made once per event (the positions feed and the event
 * topic publish the same text) and kept on the event.
 */
export function eventPayload(event: AcceptedEvent): string {
  if (event.payload !== undefined) return event.payload;
  const { frame, receivedAt } = event;
  if (receivedAt.getTime() !== lastReceivedAt) {
    lastReceivedAt = receivedAt.getTime();
    lastReceivedIso = receivedAt.toISOString();
  }
  // Splicing the string beats copying the object to add one field.
  return (event.payload = `{"received_at":"${lastReceivedIso}",${JSON.stringify(frame).slice(1)}`);
}

/**
 * The frame's own JSON, as `JSON.stringify(frame)` makes it: read out of the
 * payload when the event has one (a full inventory's is long).
 */
export function frameJson(event: AcceptedEvent): string {
  return event.payload === undefined ? JSON.stringify(event.frame) : frameJsonOf(event.payload);
}

/** The frame's JSON within a payload: what follows `{"received_at":"<ISO time>",`, opened again. */
export function frameJsonOf(payload: string): string {
  return `{${payload.slice(payload.indexOf('",', 16) + 2)}`;
}

/** The message of a committed event, on its type's topic, keyed by character. */
export function eventMessage(event: AcceptedEvent): PubSubMessage {
  return { topic: topics.event(event.frame.type), key: event.frame.character_name, payload: eventPayload(event) };
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
    this.pending.push({ topic: topics.positions, key: event.frame.character_name, payload: eventPayload(event) });
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
    this.inFlight = this.pubsub.publishMany(messages).catch((error: unknown) => {
      this.log.warn({ err: error, positions: messages.length }, 'publishing accepted positions failed; live maps miss them');
    });
  }
}
