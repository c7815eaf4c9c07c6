import type pg from 'pg';
import { escapeLiteral } from 'pg';
import type { Logger } from '@lifestone/lib/log';
import { ackFrame } from '@lifestone/lib/protocol';
import type { AcceptedEvent } from '../accepted-event.js';
import type { DecodeOutcome } from '../frame-decoder/frame-decoder.js';
import type { IngestMetrics } from '../metrics.js';
import { addRange, formatMultirange, parseMultirange, type DoneSeqs, type SeqRange } from './done-seqs.js';

/** How often, at most, a stream with frames waiting hears an ack, changed or not. */
export const ACK_INTERVAL_MS = 1_000;
/** How often the ledger looks for acks due and for done seqs no batch of the stream will record. */
const TICK_MS = 200;
/** Stream openings waiting for the database at once; more are refused (503) until some are answered. */
const MAX_OPENING = 1_000;
/** Done seqs kept in memory per stream before they are recorded at once, not at the next tick. */
const MAX_UNRECORDED_RANGES = 1_000;

/** Where a stream's acks go: one of its open connections. */
export interface StreamLink {
  sendText(text: string): void;
}

/** Thrown while too many streams are being opened at once: the plugin is told to retry (503). */
export class StreamsBusyError extends Error {}

/**
 * What this instance knows of one protocol 2 stream: its open connections,
 * the highest seq received, the frames waiting in the writer and the seqs
 * done without a write (refused, or given up by the plugin), until they are
 * recorded. A few numbers and a bounded list: what a stream's frames cost in
 * memory is the writer's queue, bounded by its backpressure.
 */
export class StreamTracker {
  readonly key: string;
  readonly connections = new Set<StreamLink>();
  /** Highest seq up to which everything is done, as the stream's row said after a commit (what acks carry). */
  acked: number;
  /** Highest seq received on this instance, or acknowledged: anything at or below it is a resend. */
  received: number;
  /** Frames of the stream accepted and not yet settled by the writer. */
  pending = 0;
  /** Seqs done without a write (refused, skipped), for the next transaction of the stream to record. */
  unrecorded: Array<[number, number]> = [];
  ackSent = 0;
  ackSentAt = 0;
  /** A resend came in: its ack goes at the next tick. */
  ackDue = false;
  /** When the row was last read for a stream waiting with nothing pending (ms). */
  checkedAt = 0;
  /** `owner` and `id` as SQL literals, quoted once: every transaction carrying the stream's frames names them. */
  readonly ownerLiteral: string;
  readonly idLiteral: string;

  constructor(
    /** The credential that opened it (`secret` or `key:<id>`): stream ids are the plugins' own, scoped by it. */
    readonly owner: string,
    readonly id: string,
    acked: number,
  ) {
    this.key = `${owner}\n${id}`;
    this.ownerLiteral = escapeLiteral(owner);
    this.idLiteral = escapeLiteral(id);
    this.acked = acked;
    this.received = acked;
  }

  get waiting(): boolean {
    return this.received > this.acked;
  }
}

/**
 * What a transaction records of its streams: the statement it sends with
 * its COMMIT, and the unrecorded seqs it took from each tracker (given back
 * if it does not commit).
 */
export interface StreamRecord {
  /** `SELECT … FROM lifestone_record_streams(…)`, its values inlined, so that it shares COMMIT's round trip. */
  sql: string;
  trackers: StreamTracker[];
  taken: SeqRange[][];
  /** Each tracker's last seq the statement merges (NaN: none): its `acked` once committed, where the statement returns no row of it. */
  reached: number[];
}

/** SQLSTATE of `lifestone_record_streams` finding a seq this transaction wrote done already. */
const STREAM_CONFLICT = 'LS409';

/**
 * Whether `error` is `lifestone_record_streams` finding a frame this
 * transaction wrote done already: another transaction stored it meanwhile,
 * and the batch is written again without it.
 */
export function isStreamConflict(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === STREAM_CONFLICT;
}

export interface StreamLedgerOptions {
  pool: pg.Pool;
  log: Logger;
  metrics: IngestMetrics;
}

/**
 * The ledger of protocol 2 streams: opens them (their row, the welcome's
 * `acked`), sorts each received frame into new, resend or refused, records
 * done seqs in the writer's transactions (`stage`: a statement sent with
 * the COMMIT, which merges them in the database under the rows' locks) and
 * sends acks once they commit.
 *
 * A stream's row is the truth: a frame is written only if the row does not
 * hold its seq, and its seq joins the row in the same transaction. So a
 * frame is stored once, whichever lane or instance has it, and `acked` is
 * never more than what is stored or refused.
 */
export class StreamLedger {
  private readonly trackers = new Map<string, StreamTracker>();
  private opening = 0;
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: StreamLedgerOptions) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Streams this instance tracks. */
  get size(): number {
    return this.trackers.size;
  }

  /**
   * Opens `id` for `owner`: creates its row or reads it, and returns its
   * tracker and `acked`, the welcome's. Throws StreamsBusyError while too
   * many openings wait, or the database's error.
   */
  async open(owner: string, id: string): Promise<{ tracker: StreamTracker; acked: number }> {
    if (this.opening >= MAX_OPENING) throw new StreamsBusyError(`${MAX_OPENING} streams are being opened`);
    this.opening++;
    try {
      const { rows } = await this.options.pool.query<{ acked: string; resumed: boolean }>(
        `INSERT INTO plugin_streams (owner, stream) VALUES ($1, $2)
         ON CONFLICT (owner, stream) DO UPDATE SET opened_at = now(), updated_at = now()
         RETURNING acked, xmax::text <> '0' AS resumed`,
        [owner, id],
      );
      const row = rows[0] as { acked: string; resumed: boolean };
      const stored = Number(row.acked);
      const key = `${owner}\n${id}`;
      let tracker = this.trackers.get(key);
      if (!tracker) this.trackers.set(key, (tracker = new StreamTracker(owner, id, stored)));
      tracker.acked = Math.max(tracker.acked, stored);
      tracker.received = Math.max(tracker.received, tracker.acked);
      if (row.resumed) this.options.metrics.streamsResumed.inc();
      return { tracker, acked: tracker.acked };
    } finally {
      this.opening--;
    }
  }

  /** A connection of the stream opened, its welcome sent with `tracker.acked`. */
  attach(tracker: StreamTracker, link: StreamLink): void {
    // Dropped while its upgrade was finishing, idle: it is the stream's tracker again.
    if (!this.trackers.has(tracker.key)) this.trackers.set(tracker.key, tracker);
    tracker.connections.add(link);
    tracker.ackSent = Math.max(tracker.ackSent, tracker.acked);
    tracker.ackSentAt = Date.now();
  }

  detach(tracker: StreamTracker, link: StreamLink): void {
    tracker.connections.delete(link);
  }

  /**
   * Sorts a frame of `tracker`'s stream, in its connection's order: a new
   * accepted frame is returned (tagged with its stream) to be written; a
   * resend (a seq at or below the highest received or acknowledged) is
   * dropped and acknowledged; a refusal is returned to be sent, its seq
   * done. Seqs skipped between the highest received and a new frame were
   * given up by the plugin (its buffer overflowed): they count as done.
   */
  admit(tracker: StreamTracker, outcome: DecodeOutcome): DecodeOutcome | undefined {
    const seq = outcome.ok ? outcome.event.seq : outcome.error.seq;
    if (seq === null || seq === undefined) return outcome;
    const { metrics } = this.options;
    if (seq <= tracker.received) {
      metrics.resendsReceived.inc();
      metrics.duplicatesDropped.inc({ stage: 'received' });
      tracker.ackDue = true;
      return undefined;
    }
    if (seq > tracker.received + 1) {
      addRange(tracker.unrecorded, tracker.received + 1, seq - 1);
      metrics.seqsSkipped.inc(seq - 1 - tracker.received);
    }
    tracker.received = seq;
    if (outcome.ok) {
      outcome.event.stream = tracker;
      tracker.pending++;
    } else {
      addRange(tracker.unrecorded, seq);
    }
    if (tracker.unrecorded.length >= MAX_UNRECORDED_RANGES && tracker.pending === 0) this.startFlush([tracker]);
    return outcome;
  }

  /**
   * The statement a writer transaction sends with its COMMIT (in one round
   * trip, so that the rows are locked only while the server runs it): it
   * locks the rows of the streams of `sequenced` (in key order), fails with
   * SQLSTATE LS409 (isStreamConflict) if one of the seqs of `written` (the
   * frames it stored, by stream) is done already, and merges the seqs of
   * `sequenced` and the trackers' unrecorded seqs into the rows. Each
   * stream's owner and id are the literals its tracker quoted once.
   *
   * A transaction of the 10,000-plugin fleet carries some 80 streams'
   * frames, and the lanes commit about a hundred a second: built from arrays
   * of freshly quoted names (pg quotes char by char), this statement was a
   * seventh of all the main thread allocated (bench:ingest, protocol 2).
   */
  stage(sequenced: ReadonlyMap<StreamTracker, ReadonlyArray<[number, number]>>, written?: ReadonlyMap<StreamTracker, ReadonlyArray<[number, number]>>): StreamRecord {
    const trackers = [...sequenced.keys()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const taken: SeqRange[][] = [];
    const reached: number[] = [];
    let owners = '';
    let ids = '';
    let writtenRanges = '';
    let doneRanges = '';
    for (let i = 0; i < trackers.length; i++) {
      const tracker = trackers[i] as StreamTracker;
      const ranges = tracker.unrecorded;
      tracker.unrecorded = [];
      taken.push(ranges);
      const merged = sequenced.get(tracker) ?? [];
      const done = ranges.length === 0 ? merged : [...merged, ...ranges];
      reached.push(done.length === 0 ? NaN : done.reduce((last, [, end]) => Math.max(last, end), -Infinity));
      const comma = i === 0 ? '' : ',';
      owners += comma + tracker.ownerLiteral;
      ids += comma + tracker.idLiteral;
      // Multirange texts are made here of numbers and brackets: nothing in them to escape.
      writtenRanges += `${comma}'${formatMultirange(written?.get(tracker) ?? [])}'`;
      doneRanges += `${comma}'${formatMultirange(done)}'`;
    }
    const sql = `SELECT owner, stream, acked, above FROM lifestone_record_streams(ARRAY[${owners}]::text[], ARRAY[${ids}]::text[],
      ARRAY[${writtenRanges}]::int8multirange[],
      ARRAY[${doneRanges}]::int8multirange[])`;
    return { sql, trackers, taken, reached };
  }

  /**
   * The transaction of `record` committed, its statement having returned
   * `rows`: the rows whose `acked` is not the last seq merged (a stream
   * without one is acked up to that seq). Acks go to the streams whose
   * `acked` rose.
   */
  committed(record: StreamRecord, rows: readonly StreamRow[]): void {
    const acked = rows.length === 0 ? undefined : new Map(rows.map((row) => [`${row.owner}\n${row.stream}`, Number(row.acked)]));
    const { trackers, reached } = record;
    for (let i = 0; i < trackers.length; i++) {
      const tracker = trackers[i] as StreamTracker;
      const stored = acked?.get(tracker.key) ?? reached[i] ?? NaN;
      if (!(stored > tracker.acked)) continue;
      tracker.acked = stored;
      tracker.received = Math.max(tracker.received, stored);
      this.sendAck(tracker);
    }
  }

  /** The transaction of `record` did not commit: the unrecorded seqs it took wait for the next one. */
  restore(record: StreamRecord): void {
    record.trackers.forEach((tracker, i) => tracker.unrecorded.push(...((record.taken[i] ?? []) as Array<[number, number]>)));
  }

  /** The writer is done with these events (committed, or found stored): they no longer wait. */
  settled(events: readonly AcceptedEvent[]): void {
    for (const event of events) if (event.stream) event.stream.pending--;
  }

  /** Records every done seq still in memory, and reads the rows of streams waiting with nothing pending. */
  async flush(): Promise<void> {
    await this.flushing;
    const idle = [...this.trackers.values()].filter((tracker) => tracker.pending === 0 && (tracker.unrecorded.length > 0 || tracker.waiting));
    if (idle.length > 0) await this.startFlush(idle);
  }

  /** Stops the timer, after recording what is in memory. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((error: unknown) => this.options.log.warn({ err: error }, 'recording refused frames of protocol 2 streams failed at shutdown; their plugins send them again'));
  }

  private sendAck(tracker: StreamTracker): void {
    tracker.ackDue = false;
    tracker.ackSentAt = Date.now();
    tracker.ackSent = tracker.acked;
    if (tracker.connections.size === 0) return;
    const text = JSON.stringify(ackFrame(tracker.acked));
    for (const link of tracker.connections) link.sendText(text);
    this.options.metrics.acksSent.inc(tracker.connections.size);
  }

  /**
   * Acks due (resends, and at least once a second to a stream with frames
   * waiting), done seqs of streams with nothing pending (no batch of theirs
   * will record them), and trackers no longer needed.
   */
  private tick(): void {
    const now = Date.now();
    const idle: StreamTracker[] = [];
    // Over the values, not the entries: a tick visits every stream, five times a second.
    for (const tracker of this.trackers.values()) {
      const open = tracker.connections.size > 0;
      if (open && (tracker.ackDue || (tracker.waiting && now - tracker.ackSentAt >= ACK_INTERVAL_MS))) this.sendAck(tracker);
      if (tracker.pending > 0) continue;
      if (tracker.unrecorded.length > 0 || (tracker.waiting && now - tracker.checkedAt >= ACK_INTERVAL_MS)) {
        tracker.checkedAt = now;
        idle.push(tracker);
      } else if (!open && !this.flushing) {
        this.trackers.delete(tracker.key);
      }
    }
    if (idle.length > 0 && !this.flushing) void this.startFlush(idle);
  }

  /** Records the done seqs of `trackers` in a transaction of their own, and acks what committed. */
  private startFlush(trackers: StreamTracker[]): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = async (): Promise<void> => {
      const client = await this.options.pool.connect();
      let record: StreamRecord | undefined;
      let broken = false;
      try {
        record = this.stage(new Map(trackers.map((tracker) => [tracker, []])));
        const results = await client.query(`BEGIN; ${record.sql}; COMMIT`) as unknown as Array<pg.QueryResult<StreamRow>>;
        this.committed(record, results[1]?.rows ?? []);
      } catch (error) {
        broken = true;
        if (record) this.restore(record);
        await client.query('ROLLBACK').catch(() => undefined);
        this.options.log.warn({ err: error, streams: trackers.length }, 'recording refused or skipped frames of protocol 2 streams failed; retrying at the next tick');
      } finally {
        client.release(broken);
      }
    };
    this.flushing = run().finally(() => (this.flushing = undefined));
    return this.flushing;
  }
}

/** A stream's row as `selectStreams` and `lifestone_record_streams` read it. */
export interface StreamRow { owner: string; stream: string; acked: string; above: string }

/** The statement reading the rows of `trackers`' streams, their keys inlined as literals (so that it can share BEGIN's round trip). */
export function selectStreams(trackers: readonly StreamTracker[]): string {
  const keys = trackers.map((t) => `(${t.ownerLiteral}, ${t.idLiteral})`).join(', ');
  return `SELECT owner, stream, acked, done_above::text AS above FROM plugin_streams WHERE (owner, stream) IN (VALUES ${keys})`;
}

/** What each stream's row says is done, by tracker key. */
export function streamRowsOf(rows: readonly StreamRow[]): Map<string, DoneSeqs> {
  return new Map(rows.map((row) => [`${row.owner}\n${row.stream}`, { acked: Number(row.acked), above: parseMultirange(row.above) }]));
}

/** The seqs of the protocol 2 frames of `events`, by stream; undefined when there are none. */
export function sequencedOf(events: readonly AcceptedEvent[]): Map<StreamTracker, Array<[number, number]>> | undefined {
  let sequenced: Map<StreamTracker, Array<[number, number]>> | undefined;
  for (const event of events) {
    if (!event.stream) continue;
    sequenced ??= new Map();
    let ranges = sequenced.get(event.stream);
    if (!ranges) sequenced.set(event.stream, (ranges = []));
    addRange(ranges, event.seq as number);
  }
  return sequenced;
}
