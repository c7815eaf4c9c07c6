import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { runMaintenance } from '@lifestone/lib/db';
import type { Logger } from '@lifestone/lib/log';
import { frameJsonOf } from '@lifestone/lib/published';
import { INVENTORY_TYPES, LIVE_TYPES, SHARED_ROW_TYPES, type AcceptedEvent } from './accepted-event.js';
import type { IngestMetrics } from './metrics.js';
import type { IngestTracing } from './tracing.js';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './alerts/detect.js';
import type { StoredAlert } from './alerts/store.js';
import type { EventPublisher } from './publisher.js';
import { attachPipeline, detachPipeline } from './store/pipeline.js';
import { queryPrepared } from './store/upserts.js';
import { createLaneMemory, forgetCharacters, rememberedCharacters, writeBatch, writeWaitingSnapshots, type BatchWritten, type LaneMemory } from './store/index.js';
import { isDone, NOTHING_DONE, type DoneSeqs } from './streams/done-seqs.js';
import { isStreamConflict, selectStreams, sequencedOf, streamRowsOf, type StreamLedger, type StreamRecord, type StreamRow } from './streams/ledger.js';

export interface WriterOptions {
  pool: pg.Pool;
  /** Takes each batch once it is committed, to publish it; never waits on the pubsub (see publisher.ts). */
  publisher: Pick<EventPublisher, 'committed'>;
  log: Logger;
  metrics: IngestMetrics;
  /** Spans of write batches and their frames, when ingest traces. */
  tracing?: IngestTracing;
  /** Writer lanes for most frames and as many for inventories, each a transaction at a time on its own connection, plus one for shared rows. @default 3 */
  lanes: number;
  /** Most rows per transaction: an event is a row, a full inventory one per item. @default 5000 */
  batchMax: number;
  /** Longest wait for a batch to fill once its first event is queued. @default 20 */
  batchWaitMs: number;
  /** How often a character's live row is written at most (see store/live.ts); 0 writes it with every batch. @default 0 */
  liveWriteMs?: number;
  /** Events waiting in all lanes at which sockets stop being read; they resume at half of it. @default 50000 */
  queueMax: number;
  /** When alerts fire. @default DEFAULT_ALERT_SETTINGS */
  alerts?: AlertSettings;
  /** Told when reading should stop (`true`) and may start again (`false`). */
  onBackpressure: (paused: boolean) => void;
  /** Told after each batch is committed and handed to the publisher. */
  onCommitted?: (events: readonly AcceptedEvent[]) => void;
  /** Protocol 2 streams: each transaction records the seqs of its frames in their rows, and the ledger acks them once committed. */
  streams?: Pick<StreamLedger, 'stage' | 'committed' | 'restore' | 'settled'>;
}

const RETRY_FIRST_MS = 100;
/** Each transaction records the last sequence number of its batch in the lane's row (see {@link WriterLane}). */
const RECORD_COMMIT = `INSERT INTO writer_commits (writer_id, lane, last_seq, committed_at) VALUES ($1, $2, $3, now())
  ON CONFLICT (writer_id, lane) DO UPDATE SET last_seq = excluded.last_seq, committed_at = excluded.committed_at`;
const RETRY_MAX_MS = 5_000;
/**
 * How long a lane waits without a batch before it writes the live rows whose
 * time has come on their own: a busy lane's next batch carries them in its
 * transaction, and an idle one writes them this much later at most.
 */
const IDLE_SNAPSHOT_MS = 1_000;

/**
 * The writer, the one way into PostgreSQL: accepted events are spread over
 * writer lanes that commit side by side: one for the rows characters share,
 * lanes for inventories spread by character, lanes for everything else
 * spread by character (see accepted-event.ts). Either way one character's events of one kind keep their
 * arrival order, which derived state depends on. Reading stops when the lanes together hold `queueMax`
 * events and resumes at half of it. An accepted event is never dropped (see
 * {@link WriterLane}).
 */
export class EventWriter {
  /** Lane 0 writes the shared rows; then `perGroup` lanes of inventories, then `perGroup` lanes of everything else. */
  private readonly lanes: WriterLane[];
  private readonly perGroup: number;
  /** The lanes by what they write, as the queue depth metric names them. */
  private readonly groups: ReadonlyArray<readonly [LaneGroup, readonly WriterLane[]]>;
  private paused = false;

  constructor(private readonly options: WriterOptions) {
    this.perGroup = Math.max(1, options.lanes);
    // Names this writer's rows in `writer_commits`: sequence numbers start again with every writer.
    const writerId = randomUUID();
    this.lanes = Array.from({ length: 1 + 2 * this.perGroup }, (_, lane) => new WriterLane(writerId, lane, options, () => this.afterBatch()));
    this.groups = [
      ['characters', this.lanes.slice(1 + this.perGroup)],
      ['inventories', this.lanes.slice(1, 1 + this.perGroup)],
      ['shared', this.lanes.slice(0, 1)],
    ];
  }

  /** Events accepted and not yet committed. */
  get depth(): number {
    let depth = 0;
    for (const lane of this.lanes) depth += lane.depth;
    return depth;
  }

  /** False from a failed write until the next successful one. */
  get databaseUp(): boolean {
    return this.lanes.every((lane) => lane.databaseUp);
  }

  /** Queues an accepted event in its character's lane; pauses reading when the lanes are full. Never refuses. */
  enqueue(event: AcceptedEvent): void {
    const { type, character } = event;
    const lane = SHARED_ROW_TYPES.has(type)
      ? 0
      : 1 + (INVENTORY_TYPES.has(type) ? 0 : this.perGroup) + (hashOf(character) % this.perGroup);
    (this.lanes[lane] as WriterLane).enqueue(event);
    if (!this.paused && this.depth >= this.options.queueMax) this.setPaused(true);
  }

  /** Resolves once every event queued so far is committed. */
  async flush(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.flush()));
  }

  /** Forgets what the lanes remember of characters that logged out or went silent (see `forgetCharacters`). */
  forget(characters: readonly string[]): void {
    for (const lane of this.lanes) lane.forget(characters);
  }

  /** Characters the lanes remember anything of, summed over the lanes. */
  get remembered(): number {
    return this.lanes.reduce((sum, lane) => sum + lane.remembered, 0);
  }

  /** Writes everything still queued, then stops. */
  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }

  private afterBatch(): void {
    const depth = this.depth;
    for (const [group, lanes] of this.groups) this.options.metrics.queueDepth.set({ lanes: group }, lanes.reduce((sum, lane) => sum + lane.depth, 0));
    if (this.paused && depth <= this.options.queueMax / 2) this.setPaused(false);
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.options.log.warn({ depth: this.depth }, paused ? 'writer is behind: pausing plugin sockets' : 'writer caught up: resuming plugin sockets');
    this.options.onBackpressure(paused);
  }
}

/** What a group of writer lanes writes: most frames by character, inventories by character, or the rows characters share. */
export type LaneGroup = 'characters' | 'inventories' | 'shared';

/** FNV-1a of a character's name: the same character always lands in the same lane. */
function hashOf(character: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < character.length; i++) hash = Math.imul(hash ^ character.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Events of a lane taken together, with the lane's sequence number of the
 * first: a lane numbers its events from 1 in the order they are queued.
 */
interface Batch {
  events: readonly AcceptedEvent[];
  firstSeq: number;
}

/** The events of `batch` from `start` to `end` (exclusive), numbered as they were. */
function sliceOf(batch: Batch, start: number, end = batch.events.length): Batch {
  return { events: batch.events.slice(start, end), firstSeq: batch.firstSeq + start };
}

/** The rows an event writes: a full inventory one per item. */
function rowsOf(event: AcceptedEvent): number {
  return event.type === 'full_inventory' ? 1 + event.itemValues.length / 2 : 1;
}

/** How many queued events make a batch of at most `maxRows` rows (at least one event). */
function batchLength(queue: readonly AcceptedEvent[], maxRows: number): number {
  let rows = 0;
  let count = 0;
  for (const event of queue) {
    rows += rowsOf(event);
    if (rows > maxRows && count > 0) break;
    count++;
    if (rows >= maxRows) break;
  }
  return count;
}

/**
 * One lane: a queue of accepted events, written in batches, each batch one
 * transaction, then published. While the database is away the batch is
 * retried with backoff and new events wait in the queue; an event the
 * database refuses on its own (a value out of a column's range) is kept in
 * `undeliverable_events` and the rest of its batch written.
 *
 * Every transaction also records the sequence number of its last event in
 * the lane's row of `writer_commits` (in the round trip of its BEGIN). A
 * connection lost after COMMIT was sent leaves the lane unsure whether it
 * committed: its next transaction then locks that row, which waits for the
 * lost one to end, and skips the events the row says are stored. An event is
 * stored once however its transactions end.
 */
class WriterLane {
  private queue: AcceptedEvent[] = [];
  /** The sequence number of the event at the head of the queue. */
  private headSeq = 1;
  /** The last event known to be committed, by sequence number. */
  private committedThrough = 0;
  /** Set when a transaction failed in a way that may have committed it. */
  private uncertain = false;
  /**
   * When the event at the head of the queue was queued (`performance.now()`),
   * or, for events left over from a full batch, when that batch was taken (a
   * later time: they wait no less than the batch wait, never more than one).
   */
  private headQueuedAt = 0;
  private wake: (() => void) | undefined;
  private closing = false;
  private idleWaiters: Array<() => void> = [];
  private inFlight = 0;
  private readonly loop: Promise<void>;
  private readonly memory: LaneMemory;
  /** After live rows failed to be written on their own: when to try again, and how many times in a row they failed. */
  private snapshotRetryAt = 0;
  private snapshotFailures = 0;
  /** When the lane's last batch was committed (`performance.now()`). */
  private lastBatchAt = 0;
  /** Protocol 2 frames of the batch being written that another transaction stored (see `transaction`). */
  private readonly storedElsewhere = new Set<AcceptedEvent>();
  /** False from a failed write until the next successful one. */
  databaseUp = true;

  constructor(
    private readonly writerId: string,
    private readonly lane: number,
    private readonly options: WriterOptions,
    private readonly afterBatch: () => void,
  ) {
    this.memory = createLaneMemory(options.liveWriteMs ?? 0);
    this.loop = this.run();
  }

  get depth(): number {
    return this.queue.length + this.inFlight;
  }

  forget(characters: readonly string[]): void {
    forgetCharacters(this.memory, characters);
  }

  get remembered(): number {
    return rememberedCharacters(this.memory);
  }

  enqueue(event: AcceptedEvent): void {
    this.queue.push(event);
    if (this.queue.length === 1) this.headQueuedAt = performance.now();
    if (this.queue.length === 1 || this.queue.length >= this.options.batchMax) this.wake?.();
  }

  /** Resolves once every event queued so far is committed. */
  flush(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Writes everything still queued, then stops. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0) {
        this.resolveIdle();
        if (this.closing) {
          await this.writeSnapshotsAlone(true);
          return;
        }
        // Idle: live rows whose time has come go on their own once no batch came for IDLE_SNAPSHOT_MS.
        const now = performance.now();
        const dueIn = this.memory.live.nextDueIn(now);
        let due: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          if (dueIn !== undefined) due = setTimeout(resolve, Math.max(dueIn, this.lastBatchAt + IDLE_SNAPSHOT_MS - now, this.snapshotRetryAt - now));
        });
        clearTimeout(due);
        this.wake = undefined;
        if (this.queue.length === 0 && !this.closing && performance.now() - this.lastBatchAt >= IDLE_SNAPSHOT_MS) await this.writeSnapshotsAlone(false);
        continue;
      }
      // The batch wait counts from when its first event was queued: events queued while the last batch was being
      // written have waited that long already, and do not wait a whole batch wait more.
      const waitMs = this.headQueuedAt + this.options.batchWaitMs - performance.now();
      if (waitMs > 0 && this.queue.length < this.options.batchMax && !this.closing) {
        await Promise.race([sleep(waitMs), new Promise<void>((resolve) => (this.wake = resolve))]);
        this.wake = undefined;
      }
      const batch = this.queue.splice(0, batchLength(this.queue, this.options.batchMax));
      const firstSeq = this.headSeq;
      this.headSeq += batch.length;
      this.headQueuedAt = performance.now();
      this.inFlight = batch.length;
      const span = this.options.tracing?.batchStarted(this.lane, batch);
      const { alerts, retries } = await this.writeUntilStored({ events: batch, firstSeq });
      if (span) this.options.tracing?.batchCommitted(span, batch, retries);
      this.inFlight = 0;
      this.lastBatchAt = performance.now();
      this.options.streams?.settled(batch);
      this.afterBatch();
      // A protocol 2 frame found stored by another transaction was published by it.
      const stored = this.storedElsewhere.size === 0 ? batch : batch.filter((event) => !this.storedElsewhere.has(event));
      this.storedElsewhere.clear();
      this.options.publisher.committed(stored, alerts);
      this.told(batch);
    }
  }

  /**
   * Writes the live rows whose time has come (every one waiting, on close)
   * in a statement of their own. Should it fail, they wait for the next
   * batch, or a try after a backoff; on close it is tried again until the
   * database answers, as events are.
   */
  private async writeSnapshotsAlone(all: boolean): Promise<void> {
    while (this.memory.live.nextDueIn(performance.now()) !== undefined) {
      const client = await this.options.pool.connect().catch((error: unknown) => error as Error);
      let failure: unknown;
      if (client instanceof Error) {
        failure = client;
      } else {
        const ignore = (): void => {};
        client.on('error', ignore);
        try {
          await writeWaitingSnapshots(client, this.memory, all);
        } catch (error) {
          failure = error;
        } finally {
          client.off('error', ignore);
          client.release(failure !== undefined);
        }
      }
      if (failure === undefined) {
        this.snapshotFailures = 0;
        return;
      }
      const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.snapshotFailures++);
      this.options.log.warn({ err: failure, retryInMs: wait }, 'writing live rows failed; they wait');
      if (!all) {
        this.snapshotRetryAt = performance.now() + wait;
        return;
      }
      await sleep(wait);
    }
  }

  /** Tells `onCommitted`; what it throws is logged, never the lane's end. */
  private told(batch: readonly AcceptedEvent[]): void {
    try {
      this.options.onCommitted?.(batch);
    } catch (error) {
      this.options.log.error({ err: error, events: batch.length }, 'onCommitted failed on a committed batch');
    }
  }

  /** Writes the batch, retrying until it is stored; returns the alerts it raised and how many times it retried. */
  private async writeUntilStored(batch: Batch): Promise<{ alerts: StoredAlert[]; retries: number }> {
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        const alerts = await this.commit(batch);
        this.options.metrics.writeLatency.observe((performance.now() - started) / 1000);
        this.options.metrics.batchSize.observe(batch.events.length);
        if (!this.databaseUp) this.options.log.info({ events: batch.events.length }, 'database is back; writing again');
        this.databaseUp = true;
        return { alerts, retries: attempt };
      } catch (caught) {
        let error = caught;
        if (!isTransient(error)) {
          try {
            return { alerts: await this.isolateRefused(batch), retries: attempt };
          } catch (isolationError) {
            error = isolationError;
          }
        }
        this.databaseUp = false;
        this.options.metrics.writeRetries.inc();
        const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
        this.options.log.warn({ err: error, attempt, events: batch.events.length, retryInMs: wait }, 'batch write failed; keeping the batch and retrying');
        await sleep(wait);
      }
    }
  }

  /**
   * Finds the events the database refuses (or the code writing them fails
   * on) by halving the batch, writes the rest, and keeps each refused event
   * whole in `undeliverable_events`, from where it can be replayed once the
   * cause is mended.
   */
  private async isolateRefused(batch: Batch): Promise<StoredAlert[]> {
    if (batch.events.length > 1) {
      const middle = Math.ceil(batch.events.length / 2);
      const alerts: StoredAlert[] = [];
      for (const half of [sliceOf(batch, 0, middle), sliceOf(batch, middle)]) {
        try {
          alerts.push(...(await this.commit(half)));
        } catch (error) {
          if (isTransient(error)) throw error;
          alerts.push(...(await this.isolateRefused(half)));
        }
      }
      return alerts;
    }
    const [event] = batch.events as [AcceptedEvent];
    try {
      return await this.commit(batch);
    } catch (error) {
      if (isTransient(error)) throw error;
      // Kept whole, it counts as stored: on protocol 2 its seq is done.
      const kept = await this.transaction(batch, async (client, events) => {
        if (events.length === 0) return;
        await queryPrepared(
          client,
          'INSERT INTO undeliverable_events (received_at, frame_type, frame, error) VALUES ($1, $2, $3, $4)',
          [event.receivedAt, event.type, frameJsonOf(event.payload), String((error as Error).message)],
        );
      });
      if (kept) {
        this.options.metrics.eventsUndeliverable.inc();
        // Published when accepted: a subscriber saw what is not stored.
        if (LIVE_TYPES.has(event.type)) this.options.metrics.publishedNotStored.inc({ reason: 'refused' });
        this.options.log.error({ err: error, traceId: event.traceId, type: event.type }, 'an accepted event could not be written (the database refused it, or the code writing it failed); kept in undeliverable_events');
      }
      return [];
    }
  }

  /** Writes a batch in one transaction, creating a missing day partition once if the batch meets one; returns the alerts it raised. */
  private async commit(batch: Batch): Promise<StoredAlert[]> {
    const write = (client: pg.PoolClient, events: readonly AcceptedEvent[]): Promise<BatchWritten> =>
      writeBatch(client, events, this.memory, this.options.alerts ?? DEFAULT_ALERT_SETTINGS);
    let written: { result: BatchWritten; events: number } | undefined;
    try {
      written = await this.transaction(batch, write);
    } catch (error) {
      if (!isMissingPartition(error)) throw error;
      await runMaintenance(this.options.pool);
      written = await this.transaction(batch, write);
    }
    if (!written) return [];
    written.result.remember();
    this.options.metrics.eventsWritten.inc(written.events);
    return await written.result.alerts;
  }

  /**
   * Runs `work` on the events of `batch` not yet committed, in one
   * transaction that records the batch's last sequence number; returns what
   * `work` returned and how many events it was given, or undefined when
   * every event was committed already.
   * After a transaction that may have committed unseen, the lane's row is
   * locked first and read: the events it covers are skipped.
   *
   * Protocol 2 frames are written and, with the COMMIT, in its round trip,
   * their streams' rows are locked and the batch's seqs merged in
   * (StreamLedger.stage), which fails (LS409) should a frame it wrote be
   * stored already: a resend another ingest instance stored, or a frame both
   * held. The transaction then rolls back and runs again with
   * `readStreamsFirst`: it reads the rows first and leaves out the frames
   * they hold done, as it does after a transaction that may have committed
   * unseen. The rows are not read otherwise: such frames are rare, and a
   * read would cost every transaction a round trip.
   */
  private async transaction<T>(batch: Batch, work: (client: pg.PoolClient, events: readonly AcceptedEvent[]) => Promise<T>, readStreamsFirst = false): Promise<{ result: T; events: number } | undefined> {
    const lastSeq = batch.firstSeq + batch.events.length - 1;
    if (lastSeq <= this.committedThrough) return undefined;
    const client = await this.options.pool.connect();
    // A connection that dies mid-batch also emits 'error'; the failed query reports it.
    const ignore = (): void => {};
    client.on('error', ignore);
    // The statements of the transaction go in as few round trips as their results allow (see store/pipeline.ts).
    const pipeline = attachPipeline(client);
    let broken = false;
    let released = false;
    let staged: StreamRecord | undefined;
    const release = (): void => {
      detachPipeline(client);
      client.off('error', ignore);
      client.release(broken);
      released = true;
    };
    // Generated here (a UUID and numbers), never from a frame: safe to inline.
    const lane = `'${this.writerId}', ${this.lane}`;
    try {
      const wasUncertain = this.uncertain;
      if (wasUncertain) {
        // The insert waits for a lost transaction still inserting the row, the lock for one still holding it.
        const results = await client.query(`BEGIN; SET LOCAL enable_seqscan = off; INSERT INTO writer_commits VALUES (${lane}, 0, now()) ON CONFLICT DO NOTHING;
          SELECT last_seq FROM writer_commits WHERE (writer_id, lane) = (${lane}) FOR UPDATE`) as unknown as pg.QueryResult<{ last_seq: string }>[];
        this.uncertain = false;
        this.skipCommitted(Number(results.at(-1)?.rows[0]?.last_seq ?? 0), batch);
        if (lastSeq <= this.committedThrough) {
          await client.query('ROLLBACK');
          return undefined;
        }
      } else {
        pipeline.defer({ text: 'BEGIN' });
        // Every statement of a batch reaches its rows by key. While a table grows fast (a login storm fills
        // inventory_items) its statistics lag behind, and the planner would read the whole table for a few
        // characters' rows, on every batch: a cost that grows with the table, not the batch.
        pipeline.defer({ text: 'SET LOCAL enable_seqscan = off' });
      }
      pipeline.defer({ name: 'lifestone_writer_commit', text: RECORD_COMMIT, values: [this.writerId, this.lane, lastSeq] });
      const unwritten = batch.events.slice(Math.max(0, this.committedThrough - batch.firstSeq + 1));
      const sequenced = this.options.streams ? sequencedOf(unwritten) : undefined;
      // After a conflict or an unanswered COMMIT, protocol 2 frames whose stream's row holds their seq are left out
      // (read unlocked: the statement staged with the COMMIT checks again under the lock).
      let stored: Map<string, DoneSeqs> | undefined;
      if (sequenced && (readStreamsFirst || wasUncertain)) {
        // Read in the round trip of what is deferred (stream keys were checked at the upgrade, and are escaped all the same).
        const { rows } = await pipeline.run<StreamRow>({ text: selectStreams([...sequenced.keys()]) });
        stored = streamRowsOf(rows);
      }
      const events = stored ? unwritten.filter(notDoneIn(stored)) : unwritten;
      const result = await work(client, events);
      const streams = sequenced && this.options.streams;
      if (streams) {
        // The streams' rows are merged with the COMMIT, in its round trip: they stay locked only while the server runs it.
        staged = streams.stage(sequenced, events === unwritten ? sequenced : sequencedOf(events));
        const merged = pipeline.defer<StreamRow>({ text: staged.sql });
        await pipeline.run({ text: 'COMMIT' });
        this.committedThrough = lastSeq;
        streams.committed(staged, (await merged).rows);
      } else {
        await pipeline.run({ text: 'COMMIT' });
        this.committedThrough = lastSeq;
      }
      if (events.length < unwritten.length) {
        const written = new Set(events);
        for (const event of unwritten) if (!written.has(event)) this.storedElsewhere.add(event);
        this.options.metrics.duplicatesDropped.inc({ stage: 'commit' }, unwritten.length - events.length);
      }
      return { result, events: events.length };
    } catch (error) {
      detachPipeline(client);
      if (staged) this.options.streams?.restore(staged);
      if (isStreamConflict(error)) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        release();
        return this.transaction(batch, work, true);
      }
      broken = isTransient(error);
      // Lost on the way, a COMMIT may have been carried out all the same.
      if (broken) this.uncertain = true;
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      if (!released) release();
    }
  }

  /**
   * Takes note that the events of `batch` up to `committed` were stored by a
   * transaction whose COMMIT was not answered: they count as written, and
   * what the lane remembers of their characters (which that transaction
   * changed unseen) is forgotten, to be read again from the database.
   */
  private skipCommitted(committed: number, batch: Batch): void {
    if (committed <= this.committedThrough) return;
    const stored = batch.events.slice(Math.max(0, this.committedThrough - batch.firstSeq + 1), Math.max(0, committed - batch.firstSeq + 1));
    this.committedThrough = committed;
    if (stored.length === 0) return;
    forgetCharacters(this.memory, new Set(stored.map((event) => event.character)));
    this.options.metrics.eventsWritten.inc(stored.length);
    this.options.metrics.eventsCommittedUnseen.inc(stored.length);
    this.options.log.warn({ events: stored.length }, 'a batch whose COMMIT went unanswered was stored; it is not written again');
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Whether an event is not a protocol 2 frame whose seq `rows` (streams' rows, by tracker key) say is done. */
function notDoneIn(rows: ReadonlyMap<string, DoneSeqs>): (event: AcceptedEvent) => boolean {
  return (event) => !event.stream || !isDone(rows.get(event.stream.key) ?? NOTHING_DONE, event.seq as number);
}


/**
 * Errors JavaScript itself throws (a value the store's code does not
 * expect): about one event, never the database, so retrying the batch
 * would fail the same way for ever.
 */
const CODE_ERRORS = [TypeError, RangeError, SyntaxError, ReferenceError];

/**
 * Whether retrying the same batch can succeed: the connection or the server
 * failed (no SQLSTATE, or class 08 connection, 40 rollback, 53 resources,
 * 57 operator intervention, 58 system). Anything else is about the rows
 * themselves (a SQLSTATE of another class, or an error of the code that
 * writes them), so the batch is split to keep the refused events aside.
 */
function isTransient(error: unknown): boolean {
  if (CODE_ERRORS.some((kind) => error instanceof kind)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return ['08', '40', '53', '57', '58'].includes(code.slice(0, 2));
}

/** A row fell outside every partition: the maintenance job has not created its day yet. */
function isMissingPartition(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23514' && /no partition of relation/.test(String((error as Error).message));
}
