import type { EmbedBuilder } from 'discord.js';
import type { Logger } from '@lifestone/lib/log';
import type { GraphRequest } from '@lifestone/lib/graph-client';
import type { CursorStore, RoutePosition } from './cursors.js';
import { ALERT_VIEW_FIELDS, alertEmbed, summaryEmbed, type AlertView } from './embeds.js';
import type { Route } from './routes.js';

/** Alerts read from the graph per request while catching up (within the gateway's query cost at its strictest). */
const PAGE = 50;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

const NEWEST = `query NewestAlert($types: [AlertType!]) { alerts(types: $types, first: 1) { edges { node { id cursor } } } }`;
const AFTER = `query AlertsAfter($types: [AlertType!], $last: Int!, $before: String) {
  alerts(types: $types, last: $last, before: $before) { edges { node { ${ALERT_VIEW_FIELDS} } } pageInfo { hasPreviousPage } }
}`;

interface AfterResult {
  alerts: { edges: { node: AlertView }[]; pageInfo: { hasPreviousPage: boolean } };
}

export interface DeliveryOptions {
  graph: GraphRequest;
  /** Posts one message of embeds to the route's channel or webhook; rejects when Discord did not take it. */
  post: (route: Route, embeds: EmbedBuilder[]) => Promise<void>;
  cursors: CursorStore;
  log: Logger;
  publicUrl: string;
  /** Messages a route posts within `windowMs` before further alerts wait and go out as one summary. */
  burst: number;
  windowMs: number;
  /** An error no retry can mend (the graph refused the token). */
  fatal: (error: unknown) => boolean;
  onFatal: (error: unknown) => void;
}

/**
 * One route's delivery, exactly once: the graph is the truth, the
 * subscription only a wake-up. Each catch-up reads what came after the last
 * alert the route delivered (`alerts(last:, before:)`, complete because
 * alert ids become visible in their order), posts it, and moves the route's
 * cursor only once Discord has taken the post. A post that fails leaves the
 * cursor where it was and is tried again with backoff: nothing is lost, and
 * nothing is posted twice. One catch-up runs at a time; a wake-up during one
 * runs another after it.
 *
 * Coalescing: a route posts at most `burst` messages in `windowMs`; more
 * alerts than that at once go out as one summary, and alerts arriving once
 * the window is used up wait for it to pass and go out together.
 */
export class RouteDelivery {
  private running = false;
  private again = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** What the timer waits for: a retry after a failure, or the route's window to free a message. */
  private waiting: 'retry' | 'window' = 'retry';
  private failures = 0;
  /** When this route posted, within the last window. */
  private posted: number[] = [];
  /** Resolves when the current catch-up ends (for close). */
  private current: Promise<void> = Promise.resolve();
  /** Alerts delivered and messages posted, for the bot's log and its tests. */
  readonly counts = { alerts: 0, messages: 0, summaries: 0 };

  constructor(
    readonly route: Route,
    private readonly options: DeliveryOptions,
  ) {}

  /**
   * Something may have arrived: catch up now, or right after the catch-up
   * under way. A route waiting (for a retry after a failure, or for its
   * window to pass) catches up when the wait ends, which reads whatever
   * arrived meanwhile: waking it earlier would only hammer Discord or the
   * graph. Only the graph coming back (`reconnected`) cuts a retry's wait
   * short, as what failed was most likely reading it.
   */
  wake(reason: 'news' | 'reconnected' = 'news'): void {
    if (this.closed) return;
    if (this.timer) {
      if (this.waiting === 'window' || reason !== 'reconnected') return;
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.current = this.run();
  }

  /** Settles where the route stands, reading the newest alert if it never ran, before anything wakes it. */
  async start(): Promise<void> {
    await this.position();
  }

  /** Stops waking; resolves once a catch-up under way has ended. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.catchUp();
      } while (this.again && !this.closed && !this.timer);
      this.failures = 0;
    } catch (error) {
      if (this.options.fatal(error)) {
        this.closed = true;
        this.options.onFatal(error);
        return;
      }
      this.failures++;
      const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (this.failures - 1)) * (0.5 + Math.random() / 2);
      this.options.log.warn({ err: error, route: this.route.key, retryInMs: Math.round(wait) }, 'delivering alerts failed; nothing is lost, retrying');
      this.later(wait, 'retry');
    } finally {
      this.running = false;
    }
  }

  private later(ms: number, waiting: 'retry' | 'window'): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.waiting = waiting;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wake();
    }, ms);
    this.timer.unref();
  }

  /** Messages the route may still post in the current window, and when the window next frees one. */
  private room(now: number): { left: number; freesAt: number } {
    this.posted = this.posted.filter((at) => now - at < this.options.windowMs);
    return { left: this.options.burst - this.posted.length, freesAt: (this.posted[0] ?? now) + this.options.windowMs };
  }

  /** Where the route stands; at its very first start, the newest alert of its types (it does not post history). */
  private async position(): Promise<RoutePosition> {
    const known = this.options.cursors.get(this.route.key);
    if (known) return known;
    const result = await this.options.graph<{ alerts: { edges: { node: { id: string; cursor: string } }[] } }>(NEWEST, { types: this.route.types });
    const newest = result.alerts.edges[0]?.node;
    const position = { cursor: newest?.cursor ?? null, id: newest?.id ?? null };
    await this.options.cursors.set(this.route.key, position);
    return position;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const before = this.room(Date.now());
      if (before.left <= 0) {
        // The window is used up: what is pending waits for it to pass, and goes out with what comes meanwhile.
        this.later(before.freesAt - Date.now(), 'window');
        return;
      }
      const from = await this.position();
      const result = await this.options.graph<AfterResult>(AFTER, { types: this.route.types, last: PAGE, before: from.cursor });
      // Newest first, as every page: delivered oldest first.
      const pending = result.alerts.edges.map((edge) => edge.node).reverse();
      if (pending.length === 0) return;
      const mine = pending.filter((alert) => this.route.tier === null || alert.rare?.tier === this.route.tier);
      if (mine.length > this.room(Date.now()).left) {
        await this.send([summaryEmbed(mine, this.options.publicUrl)], pending.at(-1) as AlertView, mine.length);
        this.counts.summaries++;
      } else {
        for (const alert of pending) {
          const wanted = this.route.tier === null || alert.rare?.tier === this.route.tier;
          if (wanted) await this.send([alertEmbed(alert, this.options.publicUrl)], alert, 1);
          else await this.advance(alert);
        }
      }
      if (!result.alerts.pageInfo.hasPreviousPage) return;
    }
  }

  /** Posts, then moves the cursor to `upTo`: only what Discord took counts as delivered. */
  private async send(embeds: EmbedBuilder[], upTo: AlertView, alerts: number): Promise<void> {
    await this.options.post(this.route, embeds);
    this.posted.push(Date.now());
    this.counts.messages++;
    this.counts.alerts += alerts;
    await this.advance(upTo);
  }

  private advance(alert: AlertView): Promise<void> {
    return this.options.cursors.set(this.route.key, { cursor: alert.cursor, id: alert.id });
  }
}
