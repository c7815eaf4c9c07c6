import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Logger } from '@lifestone/lib/log';
import { LIVE_TYPES, type AcceptedEvent } from './accepted-event.js';
import type { IngestMetrics } from './metrics.js';

/** The file's one record: the count in decimal, padded to a fixed width so that each write replaces the whole of it. */
const RECORD_BYTES = 24;

/**
 * How many events of a live type ingest has published (they go out when
 * accepted) and not yet stored, kept in a small file of its own so that the
 * next start can tell what a crash left: events subscribers saw that
 * PostgreSQL never got. Counting is an addition per event; the file is
 * written (one `pwrite` of 24 bytes, no fsync) only before the publisher
 * hands messages to the pubsub and after a batch is committed, and only when
 * the count changed. The count is an upper bound: it includes live events
 * still in the publisher's outbox (not yet published) at the crash. An
 * operating-system crash may lose the last write.
 */
export class UnstoredLedger {
  private readonly fd: number;
  private readonly record = Buffer.alloc(RECORD_BYTES);
  private unstored = 0;
  private written = -1;

  /** Opens (or creates) `file`; a count left there by an instance that did not close counts as published but not stored. */
  constructor(file: string, metrics: IngestMetrics, log: Logger) {
    let left = 0;
    try {
      left = Number.parseInt(readFileSync(file, 'utf8'), 10) || 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.fd = openSync(file, 'w');
    this.write();
    if (left > 0) {
      metrics.publishedNotStored.inc({ reason: 'crashed' }, left);
      log.warn({ events: left, file }, 'the last ingest with this ledger stopped without closing: up to this many events were published to live subscribers and never stored');
    }
  }

  /** A live event was given to the publisher. */
  published(): void {
    this.unstored++;
  }

  /** A batch was committed (or its refused events kept aside): its live events are no longer at risk. */
  committed(events: readonly AcceptedEvent[]): void {
    for (const event of events) if (LIVE_TYPES.has(event.type)) this.unstored--;
    this.write();
  }

  /** Writes the count if it changed: called before messages go to the pubsub, so the file never says fewer than were published. */
  write(): void {
    if (this.unstored === this.written) return;
    this.record.fill(0x20);
    this.record.write(String(this.unstored), 'latin1');
    writeSync(this.fd, this.record, 0, RECORD_BYTES, 0);
    this.written = this.unstored;
  }

  /** After a clean close (everything stored): nothing is left to count. */
  close(): void {
    this.unstored = 0;
    this.write();
    closeSync(this.fd);
  }
}
