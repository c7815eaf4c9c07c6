import { setTimeout as sleep } from 'node:timers/promises';
import Denque from 'denque';
import type { Logger } from '@lifestone/lib/log';
import { topics, type PubSub, type PubSubMessage } from '@lifestone/lib/pubsub';
import { frameTypes } from '@lifestone/lib/protocol';
import { LIVE_TYPES, type AcceptedEvent } from './accepted-event.js';
import { alertMessage, type StoredAlert } from './alerts/store.js';
import type { IngestMetrics } from './metrics.js';

export interface PublisherOptions {
  pubsub: PubSub;
  log: Logger;
  metrics: IngestMetrics;
  /** Messages the outbox holds at most; past it the oldest are dropped (counted). @default 50000 */
  outboxMax?: number;
  /** Called before each hand-over to the pubsub (the unstored ledger writes its count there). */
  beforePublish?: () => void;
  /**
   * Told when the outbox passes half of `outboxMax` while the pubsub is up
   * (ingest then stops reading plugin sockets, so that a slow pubsub makes
   * ingest slower rather than lossy), and when it is back under a tenth of
   * it, or the pubsub is away (storing must not wait on live feeds).
   */
  onBehind?: (behind: boolean) => void;
  /** How long messages gather before they are handed to the pubsub together (a chunk's worth goes at once); 0: what one turn gave. @default 0 */
  gatherMs?: number;
}

/** Each type's event topic, built once rather than for every event. */
const EVENT_TOPICS: ReadonlyMap<string, string> = new Map(frameTypes.map((type) => [type, topics.event(type)]));

/** Messages handed to the pubsub in one call at most. */
const PUBLISH_CHUNK = 5000;
/** Waits between attempts while the pubsub is away: doubling from the first to the most. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2_000;
/** How long `close()` gives the outbox to empty before the rest is dropped. */
const CLOSE_GRACE_MS = 3_000;

/**
 * The publisher: what ingest accepted goes out on the pubsub, each event as
 * the payload the frame decoder made (see @lifestone/lib/published) and
 * once: an event of a live type when accepted, any other once stored. Nothing waits on it: messages go into a
 * bounded outbox that one loop hands to the pubsub, in order, a chunk at a
 * time. While the pubsub is away (`PubSub.up`: for Redis, until its
 * subscriptions are in force again) the loop waits, and keeps a chunk that
 * failed, to retry it; once the outbox is full the oldest messages are dropped. While the pubsub is up
 * a full outbox is not reached: past half of it ingest stops reading plugin
 * sockets until it drains ({@link PublisherOptions.onBehind}). A chunk the
 * pubsub refuses while connected is dropped. Live subscribers miss what is dropped;
 * the stored rows never do. Every drop is counted
 * (`lifestone_publish_dropped_total`, by reason).
 */
export class EventPublisher {
  private readonly outbox = new Denque<PubSubMessage>();
  /** Starts the drain scheduled for the next turn now: this turn has given a chunk's worth already. */
  private hurry: (() => void) | undefined;
  /** Messages taken out of the outbox and with the pubsub, not yet answered. */
  private inFlight = 0;
  private readonly outboxMax: number;
  /** Messages given so far, and those handed to the pubsub or dropped: `flush` waits for the second to reach the first. */
  private given = 0;
  private settled = 0;
  private waiters: Array<{ until: number; resolve: () => void }> = [];
  private draining: Promise<void> | undefined;
  private closing = false;
  private behind = false;

  constructor(private readonly options: PublisherOptions) {
    this.outboxMax = Math.max(1, options.outboxMax ?? 50_000);
    options.metrics.watchOutbox(() => this.waiting);
  }

  /**
   * Publishes an event of a live type ({@link LIVE_TYPES}) as soon as it is
   * accepted, before it is stored, on its type's topic: one message, which
   * for telemetry feeds the live map too. Live feeds want the moment, and the commit would
   * add a batch wait and a transaction to each (and a database stall to all).
   * What arrives in one turn of the event loop goes out together.
   */
  accepted(event: AcceptedEvent): void {
    this.putOne({ topic: EVENT_TOPICS.get(event.type) as string, key: event.character, payload: event.payload });
  }

  /** Publishes a message relayed between plugins (a fellowship's shared vitals), as it arrives. */
  relayed(message: PubSubMessage): void {
    this.putOne(message);
  }

  /**
   * Publishes a committed batch: each event not of a live type (those went
   * out when accepted) on its type's topic, keyed by character, then the
   * alerts it raised.
   */
  committed(events: readonly AcceptedEvent[], alerts: readonly StoredAlert[]): void {
    const messages: PubSubMessage[] = [];
    for (const event of events) {
      if (!LIVE_TYPES.has(event.type)) messages.push({ topic: EVENT_TOPICS.get(event.type) as string, key: event.character, payload: event.payload });
    }
    for (const alert of alerts) messages.push(alertMessage(alert));
    this.put(messages);
  }

  /** Publishes alerts raised outside a batch (the OFFLINE sweep). */
  alerts(alerts: readonly StoredAlert[]): void {
    this.committed([], alerts);
  }

  /** Messages waiting to be published, with those the pubsub has not answered for yet. */
  get waiting(): number {
    return this.outbox.length + this.inFlight;
  }

  /** Resolves once every message given so far has been handed to the pubsub, or dropped. */
  flush(): Promise<void> {
    if (this.settled >= this.given) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ until: this.given, resolve }));
  }

  /**
   * Gives the outbox a few seconds to empty, then drops what is left (a
   * chunk still with a pubsub that is away is dropped when it fails).
   */
  async close(): Promise<void> {
    await Promise.race([this.flush(), sleep(CLOSE_GRACE_MS, undefined, { ref: false })]);
    this.closing = true;
    this.drop(this.outbox.length, 'closing');
  }

  private put(messages: PubSubMessage[]): void {
    if (messages.length === 0) return;
    this.given += messages.length;
    if (this.closing) {
      this.drop(messages.length, 'closing', messages.length);
      return;
    }
    for (const message of messages) this.outbox.push(message);
    this.queued();
  }

  /** `put` of one message, without an array around it: the live firehose gives one at a time. */
  private putOne(message: PubSubMessage): void {
    this.given++;
    if (this.closing) {
      this.drop(1, 'closing', 1);
      return;
    }
    this.outbox.push(message);
    this.queued();
  }

  private queued(): void {
    if (this.outbox.length > this.outboxMax) this.drop(this.outbox.length - this.outboxMax, 'outbox_full');
    this.checkBehind();
    if (this.draining) {
      // A turn that reads thousands of sockets can give more than the outbox holds before the next turn comes:
      // a chunk's worth goes out at the end of the current callback instead.
      if (this.hurry && this.outbox.length >= PUBLISH_CHUNK) this.hurry();
      return;
    }
    // Started in the next turn (or as soon as a chunk is ready), so that what this turn gives goes out in one call.
    this.draining = new Promise<void>((resolve) => {
      this.hurry = resolve;
      const gatherMs = this.options.gatherMs ?? 0;
      if (gatherMs > 0) setTimeout(resolve, gatherMs);
      else setImmediate(resolve);
    }).then(() => {
      this.hurry = undefined;
      return this.drain();
    });
  }

  private async drain(): Promise<void> {
    const { pubsub, log } = this.options;
    let attempt = 0;
    /** Why the last chunk went back into the outbox, for the warning. */
    let failure: unknown;
    while (this.outbox.length > 0) {
      // While the pubsub is away, and back from an outage until it is whole again, nothing is handed to it: what
      // went out while this process's own subscriptions are being restored (a fellowship's relay) would reach nobody here.
      if (!pubsub.up && !this.closing) {
        this.checkBehind();
        if (attempt === 0) log.warn({ err: failure, waiting: this.outbox.length }, 'the pubsub is away; keeping messages to publish (the oldest go when the outbox is full)');
        await sleep(Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt++), undefined, { ref: false });
        continue;
      }
      const chunk = this.outbox.remove(0, Math.min(PUBLISH_CHUNK, this.outbox.length)) ?? [];
      this.inFlight = chunk.length;
      try {
        this.options.beforePublish?.();
        await pubsub.publishMany(chunk);
        this.inFlight = 0;
        attempt = 0;
        failure = undefined;
        this.settle(chunk.length);
        this.checkBehind();
      } catch (error) {
        this.inFlight = 0;
        if (this.closing) {
          this.drop(chunk.length, 'closing', chunk.length);
          continue;
        }
        if (pubsub.up) {
          log.error({ err: error, messages: chunk.length }, 'the pubsub refused messages; live subscribers miss them');
          this.drop(chunk.length, 'refused', chunk.length);
          continue;
        }
        // Back at the head, in order; newer ones that no longer fit make way for them. The wait is the loop's, above.
        for (let i = chunk.length - 1; i >= 0; i--) this.outbox.unshift(chunk[i] as PubSubMessage);
        if (this.outbox.length > this.outboxMax) this.drop(this.outbox.length - this.outboxMax, 'outbox_full');
        failure = error;
      }
    }
    this.draining = undefined;
    this.checkBehind();
  }

  /** Tells `onBehind` when the outbox crosses its marks (half of `outboxMax` up, a tenth down), or the pubsub goes away. */
  private checkBehind(): void {
    const { onBehind, pubsub } = this.options;
    if (!onBehind) return;
    const waiting = this.waiting;
    const behind = this.behind ? pubsub.up && waiting > this.outboxMax / 10 : pubsub.up && waiting >= this.outboxMax / 2;
    if (behind === this.behind) return;
    this.behind = behind;
    onBehind(behind);
  }

  /**
   * Drops `count` messages, counted under `reason`: the oldest in the
   * outbox, or, given `taken`, messages already out of it.
   */
  private drop(count: number, reason: 'outbox_full' | 'refused' | 'closing', taken?: number): void {
    if (count <= 0) return;
    if (taken === undefined) this.outbox.remove(0, Math.min(count, this.outbox.length));
    this.options.metrics.publishDropped.inc({ reason }, count);
    this.settle(count);
  }

  private settle(count: number): void {
    this.settled += count;
    if (this.waiters.length === 0) return;
    const due = this.waiters.filter((waiter) => waiter.until <= this.settled);
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.until > this.settled);
    for (const waiter of due) waiter.resolve();
  }
}
