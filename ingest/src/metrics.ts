import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Ingest's Prometheus metrics, in a registry of the instance's own (several can share a process in tests). */
export function createIngestMetrics() {
  const registry = new Registry();
  let outboxWaiting = (): number => 0;
  collectDefaultMetrics({ register: registry, prefix: 'lifestone_ingest_' });
  return {
    registry,
    framesAccepted: new Counter({ name: 'lifestone_frames_accepted_total', help: 'Frames accepted, by frame type.', labelNames: ['type'] as const, registers: [registry] }),
    framesRefused: new Counter({ name: 'lifestone_frames_refused_total', help: 'Frames refused with an error frame, by error code.', labelNames: ['code'] as const, registers: [registry] }),
    eventsWritten: new Counter({ name: 'lifestone_events_written_total', help: 'Accepted events committed to PostgreSQL.', registers: [registry] }),
    eventsUndeliverable: new Counter({ name: 'lifestone_events_undeliverable_total', help: 'Accepted events PostgreSQL refused, kept in undeliverable_events.', registers: [registry] }),
    publishedNotStored: new Counter({ name: 'lifestone_events_published_not_stored_total', help: 'Events of a live type published when accepted and then not stored, by reason: refused (PostgreSQL refused the event; kept in undeliverable_events), crashed (still uncommitted when the last instance with this state file stopped without closing).', labelNames: ['reason'] as const, registers: [registry] }),
    eventsCommittedUnseen: new Counter({ name: 'lifestone_events_committed_unseen_total', help: 'Events found stored when their batch was retried after a COMMIT that went unanswered; not written again.', registers: [registry] }),
    writeRetries: new Counter({ name: 'lifestone_write_retries_total', help: 'Batch writes retried after a database error.', registers: [registry] }),
    batchSize: new Histogram({ name: 'lifestone_batch_size', help: 'Events per written batch.', buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000], registers: [registry] }),
    writeLatency: new Histogram({ name: 'lifestone_write_latency_seconds', help: 'Time to write and commit one batch.', buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    queueDepth: new Gauge({ name: 'lifestone_queue_depth', help: 'Accepted events waiting to be written, by writer lanes: characters (most frames), inventories, shared (portals, dungeon maps).', labelNames: ['lanes'] as const, registers: [registry] }),
    pluginsClosed: new Counter({ name: 'lifestone_plugin_connections_closed_total', help: 'Plugin connections ingest closed, by close code: 4429 too many refused frames, 4403 plugin key revoked.', labelNames: ['code'] as const, registers: [registry] }),
    publishOutbox: new Gauge({
      name: 'lifestone_publish_outbox',
      help: 'Messages waiting to be published on the pubsub.',
      registers: [registry],
      // Read when scraped: setting it as messages come and go would cost the firehose a call per message.
      collect() {
        this.set(outboxWaiting());
      },
    }),
    /** Tells the outbox gauge where to read the backlog (the publisher does, once). */
    watchOutbox(waiting: () => number): void {
      outboxWaiting = waiting;
    },
    publishDropped: new Counter({ name: 'lifestone_publish_dropped_total', help: 'Messages never published, by reason: outbox_full (the pubsub was away and the outbox full: the oldest go), refused (the pubsub refused them while connected), closing (still waiting when ingest stopped).', labelNames: ['reason'] as const, registers: [registry] }),
    connectedPlugins: new Gauge({ name: 'lifestone_connected_plugins', help: 'Plugin WebSocket connections open.', registers: [registry] }),
    decodePending: new Gauge({ name: 'lifestone_decode_pending', help: 'Frames received and waiting for a decode thread.', registers: [registry] }),
    resendsReceived: new Counter({ name: 'lifestone_stream_resends_received_total', help: 'Protocol 2 frames received with a seq already received or acknowledged: resends after a reconnection.', registers: [registry] }),
    duplicatesDropped: new Counter({ name: 'lifestone_stream_duplicates_dropped_total', help: 'Protocol 2 frames not stored because their seq was done, by stage: received (a resend, dropped on arrival), commit (found stored by another transaction, e.g. of another ingest instance).', labelNames: ['stage'] as const, registers: [registry] }),
    seqsSkipped: new Counter({ name: 'lifestone_stream_seqs_skipped_total', help: 'Protocol 2 seqs a plugin skipped (a frame arrived above the next seq expected: the plugin gave the ones between up); they count as done.', registers: [registry] }),
    streamsResumed: new Counter({ name: 'lifestone_streams_resumed_total', help: 'Protocol 2 connections opened on a stream that existed already.', registers: [registry] }),
    acksSent: new Counter({ name: 'lifestone_stream_acks_sent_total', help: 'Protocol 2 ack frames sent.', registers: [registry] }),
    backpressure: new Gauge({ name: 'lifestone_backpressure', help: '1 while ingest has stopped reading sockets because the writer, the decode threads or the publisher are behind.', registers: [registry] }),
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
