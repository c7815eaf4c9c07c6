import type { Logger } from '@lifestone/lib/log';
import type { FrameType } from '@lifestone/lib/protocol';
import { PushIterator, gapReadBackScheduled } from '@lifestone/lib/graph';
import { topics, type PubSub, type PubSubMessage, type Subscription } from '@lifestone/lib/pubsub';
import type { CharacterPosition, Event, MapRegion, PositionBatch } from './generated/resolvers.js';
import { AlertFeed } from './alerts.js';
import { onceSubscribed, unsubscribe } from './feeds.js';
import { readPublished, type PublishedFrame } from '@lifestone/lib/published';
import { eventOf } from './payloads.js';
import { positionOf, requiredPositionOf } from './records.js';
import type { StoredPositionRow } from './sql.js';

/**
 * The live feeds. Each subgraph process holds one {@link EventFeed} and one
 * {@link PositionFeed} per pubsub: however many clients subscribe, a topic
 * has one pubsub handler here, a message is matched against the subscribers
 * by its `key` (the character) before its payload is parsed, and it is parsed
 * once for all the subscribers it goes to.
 */

/** One subscriber: which characters it wants (all when null) and where its messages go. */
interface Listener<T> {
  characters: ReadonlySet<string> | null;
  iterator: PushIterator<T>;
}

/** The subscribers of one event topic, indexed by the character they want. */
interface EventRoute {
  everyone: Set<Listener<Event>>;
  byCharacter: Map<string, Set<Listener<Event>>>;
  subscription: Promise<Subscription>;
}

function parseFrame(message: PubSubMessage, log: Logger): PublishedFrame | undefined {
  try {
    return readPublished(message.payload);
  } catch (error) {
    log.warn({ err: error, topic: message.topic, key: message.key }, 'ignoring a published event that is not JSON');
    return undefined;
  }
}

/** The `events` firehose: one pubsub handler per frame type that someone subscribed to. */
export class EventFeed {
  private readonly routes = new Map<FrameType, EventRoute>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly log: Logger,
  ) {
    // Events the pubsub lost would be missing from every feed: each ends with LIVE_FEED_INTERRUPTED, and its client reads them back.
    pubsub.onGap(() => {
      const listeners = new Set<Listener<Event>>();
      for (const route of this.routes.values()) {
        for (const listener of route.everyone) listeners.add(listener);
        for (const named of route.byCharacter.values()) for (const listener of named) listeners.add(listener);
      }
      for (const listener of listeners) listener.iterator.interrupt();
    });
  }

  /**
   * The events of `types` about `characters` (every character when null), in
   * publish order; resolves once the pubsub delivers them.
   */
  async open(types: readonly FrameType[], characters: readonly string[] | null): Promise<AsyncIterableIterator<Event>> {
    const listener: Listener<Event> = {
      characters: characters ? new Set(characters) : null,
      iterator: new PushIterator(() => this.close(listener, types), { log: this.log }),
    };
    return onceSubscribed(listener.iterator, Promise.all(types.map((type) => this.add(type, listener))));
  }

  private add(type: FrameType, listener: Listener<Event>): Promise<Subscription> {
    let route = this.routes.get(type);
    if (!route) {
      const created: EventRoute = {
        everyone: new Set(),
        byCharacter: new Map(),
        subscription: this.pubsub.subscribe(topics.event(type), (message) => this.deliver(created, message)),
      };
      created.subscription.catch(() => {
        if (this.routes.get(type) === created) this.routes.delete(type);
      });
      this.routes.set(type, created);
      route = created;
    }
    if (!listener.characters) route.everyone.add(listener);
    for (const character of listener.characters ?? []) {
      const listeners = route.byCharacter.get(character);
      if (listeners) listeners.add(listener);
      else route.byCharacter.set(character, new Set([listener]));
    }
    return route.subscription;
  }

  private close(listener: Listener<Event>, types: readonly FrameType[]): void {
    for (const type of types) {
      const route = this.routes.get(type);
      if (!route) continue;
      route.everyone.delete(listener);
      for (const character of listener.characters ?? []) {
        const listeners = route.byCharacter.get(character);
        listeners?.delete(listener);
        if (listeners?.size === 0) route.byCharacter.delete(character);
      }
      if (route.everyone.size === 0 && route.byCharacter.size === 0) {
        this.routes.delete(type);
        unsubscribe(route.subscription, this.log, `${type} events`);
      }
    }
  }

  private deliver(route: EventRoute, message: PubSubMessage): void {
    const named = route.byCharacter.get(message.key);
    if (route.everyone.size === 0 && !named) return;
    const frame = parseFrame(message, this.log);
    if (!frame) return;
    let event: Event;
    try {
      event = eventOf(frame);
    } catch (error) {
      this.log.warn({ err: error, topic: message.topic, key: message.key }, 'ignoring a published event of an unexpected shape');
      return;
    }
    for (const listener of route.everyone) listener.iterator.push(event);
    for (const listener of named ?? []) listener.iterator.push(event);
  }
}

/**
 * The telemetry topic, which feeds both `events(types: [TELEMETRY])` and
 * `positions`: the two feeds' handlers share one backend subscription.
 */
const TELEMETRY_TOPIC = topics.event('telemetry');

/**
 * The `positions` feed: one pubsub handler on the telemetry topic (telemetry
 * as ingest accepts it, before it is stored), running while anyone
 * subscribes. It keeps the latest raw telemetry of each wanted character
 * (unparsed) until the next tick, which parses them, keeps the positions that
 * differ from the last ones sent, and hands every subscriber one `PositionBatch` of
 * those it wants, or nothing. A tick comes as soon as telemetry is waiting
 * and the last tick that sent anything is at least `tickMs` old: under a steady stream that is
 * one tick every `tickMs`, as with a fixed ticker, but a position never
 * waits for a tick that a fixed ticker would have placed later (on average
 * half a tick).
 */
export class PositionFeed {
  private readonly listeners = new Set<PositionListener>();
  /** Subscribers per wanted character, and how many want every character. */
  private readonly wanted = new Map<string, number>();
  private everyone = 0;
  /** Each character's latest telemetry waiting for the tick, as published (unparsed), or as read back after a gap. */
  private pending = new Map<string, string | CharacterPosition>();
  private readonly lastSent = new Map<string, string>();
  /** The time (ms) of each character's last position sent: a position read back is sent only if it is newer. */
  private readonly lastSentTime = new Map<string, number>();
  private subscription: Promise<Subscription> | undefined;
  /** The next tick, while telemetry waits for it. */
  private ticker: NodeJS.Timeout | undefined;
  /** When the last tick sent positions (`performance.now()`). */
  private lastTickAt = -Infinity;

  constructor(
    private readonly pubsub: PubSub,
    private readonly log: Logger,
    private readonly tickMs: number,
    /** Reads the stored positions of characters seen since a time (sql.ts's `storedPositionsSince`); without it a gap is not read back. */
    stored?: StoredPositions,
  ) {
    // A feed of states goes on through a gap, but telemetry the pubsub lost would leave a character where it was:
    // the positions stored meanwhile are read back (see readBack).
    if (!stored) return;
    pubsub.onGap(() => {
      const since = new Date(Date.now() - GAP_MARGIN_MS);
      for (const delay of READ_BACK_AFTER_MS) {
        const done = gapReadBackScheduled();
        setTimeout(() => void this.readBack(stored, since).then(done), delay).unref();
      }
    });
  }

  /**
   * Batches of the positions of `characters` (every character when null)
   * inside `region` (anywhere when null); resolves once the pubsub delivers telemetry.
   */
  async open(characters: readonly string[] | null, region: MapRegion | null = null): Promise<AsyncIterableIterator<PositionBatch>> {
    const listener: PositionListener = {
      characters: characters ? new Set(characters) : null,
      region,
      inside: new Set(),
      iterator: new PushIterator(() => this.close(listener), { log: this.log, coalesce: mergePositionBatches }),
    };
    this.listeners.add(listener);
    if (listener.characters) for (const character of listener.characters) this.wanted.set(character, (this.wanted.get(character) ?? 0) + 1);
    else this.everyone++;
    if (!this.subscription) {
      this.subscription = this.pubsub.subscribe(TELEMETRY_TOPIC, (message) => this.collect(message));
    }
    return onceSubscribed(listener.iterator, this.subscription);
  }

  /** Whether `listener` is sent `moving`: it is inside the region, or it just left it (sent once more, outside). */
  private inRegion(listener: PositionListener, moving: CharacterPosition): boolean {
    const { west, east, south, north } = listener.region as MapRegion;
    const { ew, ns } = moving.position;
    if (ew >= west && ew <= east && ns >= south && ns <= north) {
      listener.inside.add(moving.character);
      return true;
    }
    return listener.inside.delete(moving.character);
  }

  private close(listener: PositionListener): void {
    this.listeners.delete(listener);
    if (listener.characters) {
      for (const character of listener.characters) {
        const count = (this.wanted.get(character) ?? 1) - 1;
        if (count === 0) this.wanted.delete(character);
        else this.wanted.set(character, count);
      }
    } else this.everyone--;
    if (this.listeners.size > 0) return;
    clearTimeout(this.ticker);
    this.ticker = undefined;
    unsubscribe(this.subscription, this.log, 'telemetry');
    this.subscription = undefined;
    this.pending = new Map();
    this.lastSent.clear();
    this.lastSentTime.clear();
  }

  private collect(message: PubSubMessage): void {
    if (this.everyone === 0 && !this.wanted.has(message.key)) return;
    this.pending.set(message.key, message.payload);
    this.scheduleTick();
  }

  private scheduleTick(): void {
    // Telemetry published together (one turn of ingest's event loop) arrives in one turn here: a timer of 0 takes it all.
    if (!this.ticker) {
      this.ticker = setTimeout(() => this.tick(), Math.max(0, this.lastTickAt + this.tickMs - performance.now()));
      this.ticker.unref();
    }
  }

  /**
   * After a gap: the stored positions of the wanted characters seen since
   * it began go out with the next tick, each only if it is newer than the
   * last one sent for its character (and no live one waits): a character
   * whose telemetry the pubsub lost would otherwise stay where it was until
   * it moved again, or for good if it logged out meanwhile.
   */
  private async readBack(stored: StoredPositions, since: Date): Promise<number> {
    if (this.listeners.size === 0) return 0;
    let positions: CharacterPosition[];
    try {
      positions = await stored(since, this.everyone > 0 ? null : [...this.wanted.keys()]);
    } catch (error) {
      this.log.warn({ err: error }, 'reading back the positions stored during a gap in the pubsub failed; they go out when their characters move');
      return 0;
    }
    let newer = 0;
    for (const moving of positions) {
      if (this.everyone === 0 && !this.wanted.has(moving.character)) continue;
      if (this.pending.has(moving.character) || (this.lastSentTime.get(moving.character) ?? -Infinity) >= timeOf(moving.time)) continue;
      this.pending.set(moving.character, moving);
      newer++;
    }
    if (this.pending.size > 0) this.scheduleTick();
    return newer;
  }

  /** A published telemetry payload as the character's position, or undefined when it has none. */
  private parsePosition(character: string, payload: string): CharacterPosition | undefined {
    const frame = parseFrame({ topic: TELEMETRY_TOPIC, key: character, payload }, this.log);
    const position = frame && positionOf(frame as PublishedFrame<'telemetry'>);
    return frame && position ? { character, position, time: frame.timestamp, receivedAt: frame.received_at } : undefined;
  }

  private tick(): void {
    this.ticker = undefined;
    if (this.pending.size === 0) return;
    const reports = this.pending;
    this.pending = new Map();
    const moved: CharacterPosition[] = [];
    for (const [character, report] of reports) {
      const moving = typeof report === 'string' ? this.parsePosition(character, report) : report;
      if (!moving) continue;
      const { position } = moving;
      const where = `${position.ew} ${position.ns} ${position.z} ${position.heading} ${position.landblock}`;
      this.lastSentTime.set(character, timeOf(moving.time));
      if (this.lastSent.get(character) === where) continue;
      this.lastSent.set(character, where);
      moved.push(moving);
    }
    if (moved.length === 0) return;
    this.lastTickAt = performance.now();
    moved.sort((a, b) => (a.character < b.character ? -1 : a.character > b.character ? 1 : 0));
    const time = new Date();
    const everything: PositionBatch = { time, positions: moved };
    for (const listener of this.listeners) {
      const { characters, region, iterator } = listener;
      if (!characters && !region) {
        iterator.push(everything);
        continue;
      }
      const positions = moved.filter((moving) => (!characters || characters.has(moving.character)) && (!region || this.inRegion(listener, moving)));
      if (positions.length > 0) iterator.push({ time, positions });
    }
  }
}

/** A stored position reader: the positions of `characters` (every one when null) whose last frame was received at `since` or later. */
export type StoredPositions = (since: Date, characters: readonly string[] | null) => Promise<CharacterPosition[]>;

/** Stored positions as the feed sends them. */
export function storedPositionsOf(rows: readonly StoredPositionRow[]): CharacterPosition[] {
  return rows.map((row) => ({ character: row.character_name, position: requiredPositionOf(row), time: row.position_at, receivedAt: row.last_seen_at }));
}

/**
 * When, after a gap, the positions stored since are read back: soon, and
 * again until what was accepted during it has surely been committed. A
 * writer under load commits seconds late: at 10,000 characters on two
 * cores ingest ran 8 s and more behind, and reads 1 and 10 s after a cut
 * left 998 of 21,916 sampled positions stale; reading on to a minute left
 * none of 21,810 (bench:scale with `--cut-pubsub`, bench/RESULTS.md).
 * Each read sends only what is newer than what was sent.
 */
const READ_BACK_AFTER_MS = [1_000, 5_000, 15_000, 30_000, 60_000];
/** Read back from this long before the gap was noticed: the cut may have come a little before it was told. */
const GAP_MARGIN_MS = 5_000;

/** A position's time in ms: a frame's ISO text, or a stored Date. */
function timeOf(time: Date | string): number {
  return typeof time === 'string' ? Date.parse(time) : time.getTime();
}

/**
 * Two batches as one, for a subscriber that fell behind: each character's
 * latest position (the newer batch's where both have it), at the newer
 * batch's time. What the older batch said of a character that moved again
 * is superseded, not lost.
 */
export function mergePositionBatches(older: PositionBatch, newer: PositionBatch): PositionBatch {
  const latest = new Map(older.positions.map((moving) => [moving.character, moving]));
  for (const moving of newer.positions) latest.set(moving.character, moving);
  return { time: newer.time, positions: [...latest.values()].sort((a, b) => (a.character < b.character ? -1 : a.character > b.character ? 1 : 0)) };
}

/** A subscriber of the positions feed; with a region, the characters it was last sent inside it. */
interface PositionListener extends Listener<PositionBatch> {
  region: MapRegion | null;
  inside: Set<string>;
}

/** The feeds of one subgraph module: one of each per pubsub, created on first use. */
export class LiveFeeds {
  private readonly feeds = new WeakMap<PubSub, { events: EventFeed; positions: PositionFeed; alerts: AlertFeed }>();

  constructor(private readonly positionsTickMs: number) {}

  /** The feeds of `pubsub`; `stored` reads positions back after a gap (the first call's is kept). */
  of(pubsub: PubSub, log: Logger, stored?: StoredPositions): { events: EventFeed; positions: PositionFeed; alerts: AlertFeed } {
    let feeds = this.feeds.get(pubsub);
    if (!feeds) {
      feeds = { events: new EventFeed(pubsub, log), positions: new PositionFeed(pubsub, log, this.positionsTickMs, stored), alerts: new AlertFeed(pubsub, log) };
      this.feeds.set(pubsub, feeds);
    }
    return feeds;
  }
}
