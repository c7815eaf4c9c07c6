import type { Logger } from '@lifestone/lib/log';
import { topics, type PubSub, type PubSubMessage } from '@lifestone/lib/pubsub';
import type { AcceptedEvent } from './accepted-event.js';
import { alertMessage, type StoredAlert } from './alerts/store.js';

/**
 * The publisher: what ingest accepted and stored goes out on the pubsub,
 * each event as the payload the frame decoder made (see
 * @lifestone/lib/published). A failure to publish costs live subscribers
 * those messages, never the stored rows; it is logged, not thrown.
 */
export class EventPublisher {
  private positions: PubSubMessage[] = [];
  private scheduled = false;
  private positionsInFlight = Promise.resolve();

  constructor(
    private readonly pubsub: PubSub,
    private readonly log: Logger,
  ) {}

  /**
   * Publishes a telemetry event on `topics.positions` as soon as it is
   * accepted, before it is stored: the live map wants where characters are
   * now, and the commit would add a batch wait and a transaction to every
   * position. What arrives in one turn of the event loop goes out together.
   */
  position(event: AcceptedEvent): void {
    this.positions.push({ topic: topics.positions, key: event.character, payload: event.payload });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.publishPositions());
  }

  /** Publishes a committed batch: each event on its type's topic, keyed by character, then the alerts it raised. */
  async committed(events: readonly AcceptedEvent[], alerts: readonly StoredAlert[]): Promise<void> {
    const messages: PubSubMessage[] = events.map((event) => ({ topic: topics.event(event.type), key: event.character, payload: event.payload }));
    for (const alert of alerts) messages.push(alertMessage(alert));
    try {
      await this.pubsub.publishMany(messages);
    } catch (error) {
      this.log.error({ err: error, events: events.length, alerts: alerts.length }, 'publishing a committed batch failed; live subscribers miss it');
    }
  }

  /** Publishes alerts raised outside a batch (the OFFLINE sweep). */
  async alerts(alerts: readonly StoredAlert[]): Promise<void> {
    await this.committed([], alerts);
  }

  /** Resolves once every position given so far has been handed to the pubsub. */
  async flush(): Promise<void> {
    if (this.scheduled) this.publishPositions();
    await this.positionsInFlight;
  }

  private publishPositions(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    const messages = this.positions;
    this.positions = [];
    // Called from setImmediate: a pubsub that throws rather than rejects must not escape to the process.
    this.positionsInFlight = Promise.resolve().then(() => this.pubsub.publishMany(messages)).catch((error: unknown) => {
      this.log.warn({ err: error, positions: messages.length }, 'publishing accepted positions failed; live maps miss them');
    });
  }
}
