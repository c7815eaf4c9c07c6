import type pg from 'pg';
import { runMaintenance } from '@lifestone/lib/db';
import { databaseCheck, healthReport } from '@lifestone/lib/http';
import type { Logger } from '@lifestone/lib/log';
import type { PubSub } from '@lifestone/lib/pubsub';
import { startTracing } from '@lifestone/lib/tracing';
import type { AcceptedEvent } from './accepted-event.js';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './alerts/detect.js';
import { markLoggedOut, sweepOffline } from './alerts/store.js';
import { AcceptedEventPipeline } from './event-pipeline.js';
import { FrameDecoder, type DecodeOutcome } from './frame-decoder/frame-decoder.js';
import { createIngestMetrics, type IngestMetrics } from './metrics.js';
import { PluginKeyring } from './plugin-keys.js';
import { EventPublisher } from './publisher.js';
import { UnstoredLedger } from './unstored-ledger.js';
import { RefusalRecorder } from './refusals.js';
import { PluginRelay } from './relay.js';
import { PLUGIN_PATH, PluginSocketServer, type PluginConnection } from './socket-server.js';
import { StreamLedger } from './streams/ledger.js';
import { IngestTracing } from './tracing.js';
import { EventWriter } from './writer.js';

/** How often ingest looks for characters gone silent (OFFLINE alerts), at most. */
const OFFLINE_CHECK_MS = 10_000;
/** Frames waiting for a decode thread at which sockets stop being read (they resume at half of it). */
const DECODE_PENDING_MAX = 20_000;
/** How long frames gather before they go on together (LIFESTONE_GATHER_MS). */
const DEFAULT_GATHER_MS = 10;
/** The largest frame a plugin may send, in bytes (`LIFESTONE_MAX_FRAME_BYTES`). */
export const DEFAULT_MAX_FRAME_BYTES = 1_048_576;

export interface IngestOptions {
  pool: pg.Pool;
  pubsub: PubSub;
  log: Logger;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 4100 */
  port?: number;
  /** The plugins' shared secret, for a fleet that trusts all its clients; with none, only plugins with a plugin key are taken. */
  pluginSecret: string | undefined;
  /** @default 1048576 */
  maxFrameBytes?: number;
  /** Frames per second per connection. @default 20 */
  rateLimit?: number;
  /** Frames a connection may send at once above the rate. @default 100 */
  rateBurst?: number;
  /** Bytes per second per connection. @default 262144 */
  byteRateLimit?: number;
  /** Bytes a connection may send at once above the byte rate (at least the largest frame, or such frames never pass). @default 2097152 */
  byteRateBurst?: number;
  /** Bearer token `/metrics` requires (`LIFESTONE_METRICS_TOKEN`); unset: open. */
  metricsToken?: string;
  /** Plugin connections open at once with the shared secret; more are refused at the upgrade (503). @default 20000 */
  maxConnectionsPerSecret?: number;
  /** Plugin connections open at once with one plugin key; more are refused at the upgrade (503). @default 100 */
  maxConnectionsPerKey?: number;
  /** Refused frames a connection may have at once, earned back at as many per `refusalWindowMs`; the refusal that finds none left closes it with 4429. @default 50 */
  refusalAllowance?: number;
  /** @default 10000 */
  refusalWindowMs?: number;
  /** How often the plugin keys of open connections are read again (revocations the pubsub did not bring). @default 5000 */
  pluginKeyCheckMs?: number;
  /** @default 50000 */
  queueMax?: number;
  /** Messages waiting to be published at most while the pubsub is away; past it the oldest are dropped (see publisher.ts). @default 50000 */
  publishOutboxMax?: number;
  /** Writer lanes committing side by side, events spread by character (see writer.ts). @default 3 */
  writerLanes?: number;
  /** @default 5000 */
  batchMax?: number;
  /** @default 20 */
  batchWaitMs?: number;
  /** How often a character's live row (`live_characters`) is written at most; 0 writes it with every batch (see store/live.ts). @default 0 */
  liveWriteMs?: number;
  /** Threads parsing and serialising frames beside the main thread; 0 parses on it (see frame-decoder/). @default 2 */
  decodeThreads?: number;
  /** How long frames gather before they go on together to a decode thread and, once accepted, to the pubsub; 0: what one turn of the event loop read. @default 10 */
  gatherMs?: number;
  /** How often partitions and expired rows are maintained; 0 turns it off. @default 60000 */
  maintenanceIntervalMs?: number;
  /** When alerts fire; what is not given takes its default (see alerts/detect.ts). */
  alerts?: Partial<AlertSettings> & {
    /** How often silent characters are looked for. @default the smaller of 10 s and a quarter of `offlineMs` */
    offlineCheckMs?: number;
  };
  /**
   * A file of this instance's own where it keeps how many live events it
   * published and has not stored yet; the next start with it counts what a
   * crash left in `lifestone_events_published_not_stored_total{reason="crashed"}`.
   * Unset: not kept.
   */
  ledgerFile?: string;
  /** Told after each batch is committed (benchmarks measure frame-to-commit latency with it). */
  onCommitted?: (events: readonly AcceptedEvent[]) => void;
}

export interface Ingest {
  /** `http://host:port` */
  url: string;
  /** `ws://host:port/ws/position` */
  pluginUrl: string;
  port: number;
  metrics: IngestMetrics;
  /** Resolves once everything accepted so far is committed, and handed to the pubsub (or dropped, counted). */
  flush(): Promise<void>;
  /** Refuses new plugins, closes connections, writes everything accepted, then resolves. */
  close(): Promise<void>;
}

/**
 * Starts the ingest service. A frame goes through these stages, each a
 * module: the socket server (socket-server.ts) checks and reads it, the
 * frame decoder (frame-decoder/) parses, validates and serialises it into
 * an accepted event or a refusal, the accepted-event pipeline
 * (event-pipeline.ts) hands the event on, the writer (writer.ts, store/)
 * commits it, and the publisher (publisher.ts) publishes it.
 */
/**
 * When alerts fire, and how often live rows are written at most: the
 * offline sweep reads when characters were last seen from those rows, so a
 * setting that would make a character still reporting look silent stops
 * the start.
 */
function derivingSettings(options: IngestOptions): { alerts: AlertSettings; liveWriteMs: number } {
  const alerts: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, ...withoutUndefined(options.alerts ?? {}) };
  const liveWriteMs = options.liveWriteMs ?? 0;
  if (liveWriteMs > 0 && alerts.offlineMs < 2 * (liveWriteMs + 1000)) {
    throw new Error(`LIFESTONE_OFFLINE_ALERT_MS (${alerts.offlineMs}) must be at least twice LIFESTONE_LIVE_WRITE_MS (${liveWriteMs}) and a second: live rows are written that often, and a character still reporting would look silent. Raise the first or lower the second.`);
  }
  return { alerts, liveWriteMs };
}

export async function startIngest(options: IngestOptions): Promise<Ingest> {
  const {
    pool, pubsub, log, host = '127.0.0.1', port = 4100, maintenanceIntervalMs = 60_000,
  } = options;
  const limits = socketLimits(options);
  const { alerts, liveWriteMs } = derivingSettings(options);
  const startedAt = Date.now();
  const metrics = createIngestMetrics();
  const tracer = await startTracing('lifestone-ingest');
  const tracing = tracer && new IngestTracing(tracer);
  const refusals = new RefusalRecorder(pool, log);
  const relay = new PluginRelay(pubsub, log);
  const ledger = options.ledgerFile ? new UnstoredLedger(options.ledgerFile, metrics, log) : undefined;
  const publisher = new EventPublisher({
    pubsub, log, metrics, outboxMax: options.publishOutboxMax, gatherMs: options.gatherMs ?? DEFAULT_GATHER_MS, beforePublish: ledger && (() => ledger.write()),
    onBehind: (behind) => {
      publisherBehind = behind;
      log.warn({ messages: publisher.waiting }, behind ? 'publishing is behind: pausing plugin sockets' : 'publishing caught up');
      setPaused();
    },
  });
  const checkDatabase = databaseCheck(pool);
  const streams = new StreamLedger({ pool, log, metrics });
  let stopping = false;
  // Sockets stop being read while the writer, the decode threads or the publisher are behind.
  let writerBehind = false;
  let decoderBehind = false;
  let publisherBehind = false;
  const setPaused = (): void => {
    const pause = writerBehind || decoderBehind || publisherBehind;
    metrics.backpressure.set(pause ? 1 : 0);
    sockets.setPaused(pause);
  };
  const decoder: FrameDecoder<PluginConnection> = new FrameDecoder<PluginConnection>({
    threads: options.decodeThreads ?? 2, gatherMs: options.gatherMs ?? DEFAULT_GATHER_MS,
    log,
    maxPending: DECODE_PENDING_MAX,
    // What throws in here fails its frame alone: the decoder refuses it (FRAME_FAILED) and goes on.
    // A frame decoded after its socket closed joins nothing: the relay has forgotten the connection for good.
    onDecoded: (connection, outcome) => connection.admit(outcome),
    sequenced: (connection) => connection.stream !== undefined,
    onBehind: (behind) => {
      decoderBehind = behind;
      log.warn({ frames: decoder.pending }, behind ? 'decoding is behind: pausing plugin sockets' : 'decoding caught up');
      setPaused();
    },
  });
  const writer = new EventWriter({
    pool, publisher, log, metrics, tracing, streams,
    lanes: options.writerLanes ?? 3,
    batchMax: options.batchMax ?? 5000,
    batchWaitMs: options.batchWaitMs ?? 20,
    liveWriteMs,
    queueMax: options.queueMax ?? 50_000,
    alerts,
    onCommitted: ledger
      ? (events) => {
          ledger.committed(events);
          options.onCommitted?.(events);
        }
      : options.onCommitted,
    onBackpressure: (behind) => {
      writerBehind = behind;
      setPaused();
    },
  });
  const housekeeping = createHousekeeping({ pool, log, writer, publisher, alerts, startedAt });
  const pipeline = new AcceptedEventPipeline({ metrics, relay, publisher, writer, ledger });
  const keyring = new PluginKeyring({ pool, pubsub, log, checkIntervalMs: options.pluginKeyCheckMs ?? 5_000, onRevoked: (key) => sockets.closeKey(key) });
  const sockets = new PluginSocketServer({
    log, metrics, tracing, limits, pluginSecret: options.pluginSecret, keyring, streams, metricsToken: options.metricsToken, decoder, relay, refusals,
    admit: (connection) => {
      const deliver = (decoded: DecodeOutcome): void => {
        // Protocol 2: a resend is dropped here (and acknowledged); what passes is tagged with its stream.
        const outcome = connection.stream ? streams.admit(connection.stream, decoded) : decoded;
        if (!outcome) return;
        if (outcome.ok) pipeline.take(outcome.event, sockets.isOpen(connection) ? connection : undefined);
        else sockets.refuse(connection, outcome.error);
      };
      return connection.credential.kind === 'key' ? keyring.gate(connection.credential.key, deliver) : deliver;
    },
    // The writer knows first when the database goes; the check covers an ingest with nothing to write.
    health: async (extra) => healthReport(
      { database: writer.databaseUp ? await checkDatabase() : 'down', pubsub: pubsub.up ? 'ok' : 'down' },
      stopping,
      { ...extra, queueDepth: writer.depth, publishOutbox: publisher.waiting },
    ),
    onLogout: (characters, at) => void housekeeping.loggedOut(characters, at),
  });

  pool.on('error', (error) => log.warn({ err: error }, 'idle database connection lost'));
  await Promise.all([decoder.ready(), housekeeping.maintain(), keyring.start()]);
  housekeeping.start(maintenanceIntervalMs, options.alerts?.offlineCheckMs ?? Math.min(OFFLINE_CHECK_MS, alerts.offlineMs / 4));

  const listening = await sockets.listen(host, port);
  const base = `${host}:${listening}`;
  log.info({ url: `http://${base}`, pubsub: pubsub.kind }, 'ingest listening');

  return {
    url: `http://${base}`,
    pluginUrl: `ws://${base}${PLUGIN_PATH}`,
    port: listening,
    metrics,
    flush: async () => {
      await decoder.flush();
      await keyring.settled();
      await writer.flush();
      await streams.flush();
      await publisher.flush();
      await refusals.flush();
    },
    async close() {
      stopping = true;
      housekeeping.stop();
      // Every frame a plugin sent before its socket closed is accepted and
      // written: sockets close first, the writer drains after.
      await sockets.closePlugins();
      await decoder.close();
      await keyring.close();
      await writer.close();
      await streams.close();
      await publisher.close();
      ledger?.close();
      await refusals.close();
      await sockets.stop();
      await tracer?.shutdown();
      log.info('ingest stopped; every accepted event is stored');
    },
  };
}

/** The limits of plugin sockets: each option, or its default. */
function socketLimits(options: IngestOptions) {
  return {
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    rateLimit: options.rateLimit ?? 20,
    rateBurst: options.rateBurst ?? 100,
    byteRateLimit: options.byteRateLimit ?? 262_144,
    byteRateBurst: options.byteRateBurst ?? 2_097_152,
    maxConnectionsPerSecret: options.maxConnectionsPerSecret ?? 20_000,
    maxConnectionsPerKey: options.maxConnectionsPerKey ?? 100,
    refusalAllowance: options.refusalAllowance ?? 50,
    refusalWindowMs: options.refusalWindowMs ?? 10_000,
  };
}

/**
 * What ingest does on a timer or beside the frames: partition maintenance,
 * OFFLINE alerts for characters gone silent, and logouts recorded once
 * their frames are stored.
 */
function createHousekeeping({ pool, log, writer, publisher, alerts, startedAt }: { pool: pg.Pool; log: Logger; writer: EventWriter; publisher: EventPublisher; alerts: AlertSettings; startedAt: number }) {
  let sweeping = false;
  let maintenanceTimer: NodeJS.Timeout | undefined;
  let offlineTimer: NodeJS.Timeout | undefined;

  /**
   * Raises OFFLINE alerts. Not before this instance has been up for the
   * offline time: after a pause of ingest, plugins need a moment to come back.
   */
  async function sweep(): Promise<void> {
    const now = Date.now();
    if (sweeping || now - startedAt < alerts.offlineMs) return;
    sweeping = true;
    try {
      const raised = await sweepOffline(pool, new Date(now), alerts.offlineMs);
      writer.forget(raised.map((alert) => alert.character_name));
      if (raised.length > 0) publisher.alerts(raised);
    } catch (error) {
      log.warn({ err: error }, 'looking for silent characters failed; retrying at the next check');
    } finally {
      sweeping = false;
    }
  }

  async function maintain(): Promise<void> {
    try {
      const result = await runMaintenance(pool);
      if (result.created.length || result.dropped.length) log.info(result, 'partitions maintained');
    } catch (error) {
      log.warn({ err: error }, 'partition maintenance failed; retrying at the next interval');
    }
  }

  return {
    maintain,
    /** A plugin that closed cleanly logged out: once its frames are stored, its characters are neither idle nor offline. */
    async loggedOut(characters: readonly string[], at: Date): Promise<void> {
      try {
        await writer.flush();
        await markLoggedOut(pool, characters, at);
        writer.forget(characters);
      } catch (error) {
        log.warn({ err: error, characters: characters.length }, 'recording a logout failed; its characters may be reported offline');
      }
    },
    /** Maintains partitions every `maintenanceIntervalMs` (0: never again) and looks for silent characters every `offlineCheckMs`. */
    start(maintenanceIntervalMs: number, offlineCheckMs: number): void {
      maintenanceTimer = maintenanceIntervalMs > 0 ? setInterval(() => void maintain(), maintenanceIntervalMs) : undefined;
      maintenanceTimer?.unref();
      offlineTimer = setInterval(() => void sweep(), offlineCheckMs);
      offlineTimer.unref();
    },
    stop(): void {
      if (maintenanceTimer) clearInterval(maintenanceTimer);
      clearInterval(offlineTimer);
    },
  };
}

/** The members of `value` that are set: an unset setting leaves its default. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}
